// Bot Framework channel: botbuilder's CloudAdapter. Authentication is off when MicrosoftAppId
// is empty (local use, the Emulator), on otherwise.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../../config';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';

export function createBotFrameworkAdapter(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  onError: (ctx: TurnContext, err: Error) => Promise<void>,
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({ ...config.botFramework });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (ctx, err) => {
    metrics.errors.inc({ where: 'turn' });
    logger.error({ err: err.message, stack: err.stack, channel: ctx.activity.channelId }, 'turn failed');
    try {
      await onError(ctx, err);
    } catch (sendErr) {
      logger.error({ err: (sendErr as Error).message }, 'could not tell the user about the failure');
    }
  };
  return adapter;
}
