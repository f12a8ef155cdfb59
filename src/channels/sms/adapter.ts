// The SMS channel as botbuilder sees it (reference/channels.md 3.5): an inbound SMS becomes a
// message Activity (channelId sms-twilio / sms-aliyun, user = E.164 phone, one conversation per
// phone and channel, id = the provider's message id so the pipeline runs it once), and the bot's
// replies become plain SMS text handed to a sink: TwiML for the Twilio webhook answer, the
// outbox otherwise. Typing, trace and event activities are dropped. Turns of one phone run one
// after another in the order the messages reached us. Dialogs never know which channel this is.
import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import type { Locale } from '../../config';
import { TextAdapter } from '../textAdapter';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';
import type { TurnOutcome } from '../../bot/pipeline';
import type { SmsInboundRepository } from '../../storage/repositories/messagingInbound';
import { normaliseInput } from '../../services/conversation/text';
import { normaliseLocale } from '../../i18n';
import { localeOf } from '../../bot/turnState';
import { maskPhone } from '../../services/privacy/mask';
import { renderSmsReply } from './render';
import { SerialQueue } from './queue';
import { languageHint } from './language';
import type { SmsChannelId } from './types';

/** Where the replies of a turn go, one rendered SMS text per bot message. */
export interface ReplySink {
  deliver(text: string, locale: Locale): Promise<void>;
}

export interface InboundSms {
  channel: SmsChannelId;
  /** The provider's message id (Twilio MessageSid, Aliyun sequence_id). */
  id: string;
  /** E.164 phone number of the driver. */
  from: string;
  /** Our number or sign, as the provider named it. */
  to: string;
  text: string;
  receivedAt: Date;
  channelData?: unknown;
}

export interface SmsAdapterDeps {
  /** Runs a turn through the pipeline (dedupe, lease, transcript); returns its outcome. */
  runTurn(ctx: TurnContext, logic: (ctx: TurnContext) => Promise<void>): Promise<TurnOutcome>;
  /** The bot itself. */
  bot(ctx: TurnContext): Promise<void>;
  apologise(ctx: TurnContext): Promise<void>;
  sessions: SmsInboundRepository;
  /** The sink of proactive turns (continueConversation): the outbox. */
  proactiveSink(reference: Partial<ConversationReference>): ReplySink;
  logger: Logger;
  metrics: Metrics;
}

const SINK = Symbol('sms.sink');
const SHOWN = Symbol('sms.shownChoices');

interface Shown {
  choices?: string[];
}

export class SmsAdapter extends TextAdapter {
  protected readonly medium = 'An SMS';
  readonly queue = new SerialQueue();

  constructor(readonly channel: SmsChannelId, private readonly deps: SmsAdapterDeps) {
    super();
    this.onTurnError = async (ctx, err) => {
      deps.metrics.errors.inc({ where: 'turn' });
      deps.logger.error({ err: err.message, channel, phone: maskPhone(ctx.activity.from?.id ?? '') }, 'sms turn failed');
      await deps.apologise(ctx);
    };
  }

  /** Queues the turn of one inbound SMS behind the earlier ones of the same phone. */
  process(inbound: InboundSms, sink: ReplySink): Promise<TurnOutcome> {
    return this.queue.run(`${inbound.channel}:${inbound.from}`, () => this.runInbound(inbound, sink));
  }

  private async runInbound(inbound: InboundSms, sink: ReplySink): Promise<TurnOutcome> {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: inbound.id,
      channelId: inbound.channel,
      serviceUrl: `sms://${inbound.channel}`,
      timestamp: inbound.receivedAt,
      from: { id: inbound.from, name: '', role: 'user' },
      recipient: { id: inbound.to || inbound.channel, name: '', role: 'bot' },
      conversation: { id: inbound.from, isGroup: false, conversationType: 'personal', name: '' },
      text: inbound.text,
      locale: languageHint(inbound.text),
      channelData: inbound.channelData,
    };
    const ctx = new TurnContext(this, activity);
    ctx.turnState.set(SINK, sink);
    let outcome: TurnOutcome = 'error';
    await this.runMiddleware(ctx, async (c) => {
      outcome = await this.deps.runTurn(c, (t) => this.turn(t));
    });
    return outcome;
  }

  /** Inside the conversation's lease: resolve "2" against the choices shown last, run the bot, remember the new ones. */
  private async turn(ctx: TurnContext): Promise<void> {
    const key = `${this.channel}:${ctx.activity.conversation.id}`;
    const previous = await this.deps.sessions.choices(key);
    const picked = /^(\d{1,2})$/.exec(normaliseInput(ctx.activity.text));
    if (picked && previous.length > 0) {
      const value = previous[Number(picked[1]) - 1];
      if (value !== undefined) ctx.activity.text = value;
    }
    const shown: Shown = {};
    ctx.turnState.set(SHOWN, shown);
    await this.deps.bot(ctx);
    if (shown.choices !== undefined && (shown.choices.length > 0 || previous.length > 0)) {
      await this.deps.sessions.setChoices(key, shown.choices);
    }
  }

  async sendActivities(ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sink = ctx.turnState.get(SINK) as ReplySink | undefined;
    const shown = ctx.turnState.get(SHOWN) as Shown | undefined;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((r) => setTimeout(r, Math.min(Number(activity.value) || 0, 2000)));
      } else if (!activity.type || activity.type === ActivityTypes.Message) {
        const reply = renderSmsReply(activity);
        if (shown) shown.choices = reply.choices;
        const locale = normaliseLocale(activity.locale) ?? localeOf(ctx);
        if (reply.text && sink) await sink.deliver(reply.text, locale);
      }
      responses.push({ id: randomUUID() });
    }
    return responses;
  }

  /** A proactive turn (a reminder, an agent's text): what the bot says goes to the outbox. */
  async continueConversation(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const ctx = this.continueContext(reference);
    ctx.activity.channelId = this.channel;
    ctx.turnState.set(SINK, this.deps.proactiveSink(reference));
    await this.runMiddleware(ctx, logic);
  }

  /** Waits for every queued turn (shutdown, tests). */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}
