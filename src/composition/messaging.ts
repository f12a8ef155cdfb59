// Outbound messaging (outbox, opt-out and consent) as the bot and the channels see it.
import type { TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Database } from '../storage/database';
import type { Translator } from '../i18n';

export interface MessagingDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  i18n: Translator;
}

export interface Messaging {
  /** Compliance keyword hooks for the bot; absent while no SMS channel is on. */
  consent?: {
    optOut(ctx: TurnContext): Promise<void>;
    optIn(ctx: TurnContext): Promise<void>;
  };
  start(): void;
  stop(): Promise<void>;
}

export function createMessaging(_deps: MessagingDeps): Messaging {
  return {
    start() {},
    async stop() {},
  };
}
