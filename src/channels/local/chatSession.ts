// A conversation with the bot as a driver has it over SMS: plain text in, plain text out.
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Locale } from '../../config';
import type { Runtime } from '../../runtime';
import { renderSmsText } from '../sms/render';
import { LocalAdapter } from './LocalAdapter';

export interface ChatSessionOptions {
  locale?: Locale;
  /** The driver's identity, e.g. an E.164 phone number. */
  user?: string;
  channelId?: string;
}

export interface ChatSession {
  readonly user: string;
  send(text: string): Promise<string[]>;
}

export function createChatSession(rt: Runtime, opts: ChatSessionOptions = {}): ChatSession {
  const adapter = new LocalAdapter();
  adapter.onTurnError = async (ctx, err) => {
    rt.metrics.errors.inc({ where: 'turn' });
    rt.logger.error({ err: err.message, channel: ctx.activity.channelId }, 'turn failed');
    await rt.apologise(ctx);
  };
  const user = opts.user ?? `cli-${randomUUID().slice(0, 8)}`;
  const channelId = opts.channelId ?? 'sms-cli';
  let locale = opts.locale;
  return {
    user,
    async send(text: string) {
      const activity: Partial<Activity> = {
        type: 'message',
        id: randomUUID(),
        channelId,
        text,
        locale,
        timestamp: new Date(),
        from: { id: user, name: user, role: 'user' },
        recipient: { id: 'jiaoguan-assistant', name: 'jiaoguan-assistant', role: 'bot' },
        conversation: { id: `${channelId}:${user}`, isGroup: false, conversationType: 'personal', name: '' },
        serviceUrl: 'local://chat',
      };
      // The locale of the first message is a client setting; later turns rely on what the bot remembers.
      locale = undefined;
      const replies = await adapter.process(activity, (ctx) => rt.handleTurn(ctx));
      return replies.map(renderSmsText).filter((t) => t.length > 0);
    },
  };
}
