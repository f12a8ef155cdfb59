// The only way an SMS leaves: every sender (webhook replies, proactive texts, reminders,
// campaigns, agents) goes through enqueue() or recordInline(), which ask the consent rules first,
// cut the text into SMS (segments for Twilio, templates for Aliyun) and store one outbox record
// per SMS. The worker sends the queued ones; TwiML replies are recorded as already handed over.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../observability/logger';
import type { OutboxDoc } from '../../storage/models/messaging';
import type { OutboxRepository } from '../../storage/repositories/messagingOutbox';
import type { ConsentRepository } from '../../storage/repositories/messagingConsent';
import { decideSend, nextCampaignSlot, type MessageKind, type RefusalReason } from '../../services/messaging/consent';
import { splitForSms } from '../../services/messaging/segments';
import { renderTemplates, type TemplateSet } from '../../services/messaging/templates';
import { toE164 } from '../../services/messaging/phone';
import { maskPhone } from '../../services/privacy/mask';
import type { SmsChannelId } from './types';

export interface OutboundRequest {
  channel: SmsChannelId;
  /** E.164 phone number. */
  to: string;
  text: string;
  kind: MessageKind;
  locale: string;
  conversationId?: string;
}

export type RefusedReason = RefusalReason | 'channel_off' | 'empty' | 'invalid_number';

export type EnqueueResult =
  | { accepted: true; ids: string[] }
  | { accepted: false; reason: RefusedReason; ids: string[] };

export interface OutboxDeps {
  repo: OutboxRepository;
  consent: ConsentRepository;
  templates: TemplateSet;
  /** Channels that are configured (a message for another channel is refused). */
  enabled: ReadonlySet<SmsChannelId>;
  logger: Logger;
  now?: () => Date;
  /** Called after messages were queued (wakes the worker). */
  onQueued?: () => void;
}

interface Part {
  text: string;
  template?: { code: string; params: string };
}

/** Twilio concatenates up to 1600 characters itself; we keep each message to three segments. */
const TWILIO_SEGMENTS_PER_MESSAGE = 3;
/** At most ten <Message> elements per TwiML answer (Twilio warning 14109). */
export const TWIML_MAX_MESSAGES = 10;

let counter = 0;
function nextSeq(now: Date): number {
  counter = (counter + 1) % 1000;
  return now.getTime() * 1000 + counter;
}

export class Outbox {
  private readonly now: () => Date;

  constructor(private readonly deps: OutboxDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The SMS one text becomes on a channel. */
  prepare(channel: SmsChannelId, text: string, kind: MessageKind, locale: string): Part[] {
    if (channel === 'sms-aliyun') {
      const group = kind === 'campaign' ? 'campaign' : 'reply';
      return renderTemplates(text, this.deps.templates, group, locale).map((r) => ({
        text: r.text,
        template: { code: r.code, params: JSON.stringify(r.params) },
      }));
    }
    return splitForSms(text, { maxSegments: TWILIO_SEGMENTS_PER_MESSAGE }).map((t) => ({ text: t }));
  }

  /** Queues a message for the worker, or refuses it (the refusal is recorded too). */
  async enqueue(req: OutboundRequest): Promise<EnqueueResult> {
    const checked = await this.check(req);
    if (!checked.ok) return { accepted: false, reason: checked.reason, ids: await this.recordRefusal(checked.to, req, checked.reason) };
    const docs = this.documents({ ...req, to: checked.to }, 'api');
    await this.deps.repo.insert(docs);
    this.deps.onQueued?.();
    return { accepted: true, ids: docs.map((d) => d._id) };
  }

  /**
   * Records replies answered inline as TwiML: at most TWIML_MAX_MESSAGES go in the answer, any
   * further SMS are queued for the REST API. Returns the inline ones (id and text) in order.
   */
  async recordInline(req: Omit<OutboundRequest, 'kind'>, texts: string[]): Promise<{ id: string; text: string }[]> {
    const inline: { id: string; text: string }[] = [];
    const base = { ...req, kind: 'reply' as const };
    const checked = await this.check({ ...base, text: texts.join('\n') });
    if (!checked.ok) {
      if (checked.reason !== 'empty') {
        this.deps.logger.info({ phone: maskPhone(req.to), reason: checked.reason }, 'sms reply not sent');
      }
      return inline;
    }
    const now = this.now();
    const docs = texts.flatMap((text) => this.documents({ ...base, to: checked.to, text }, 'twiml', now));
    const overflow = docs.slice(TWIML_MAX_MESSAGES).map((d) => ({ ...d, via: 'api' as const, status: 'queued' as const }));
    const answered = docs.slice(0, TWIML_MAX_MESSAGES);
    await this.deps.repo.insert([...answered, ...overflow]);
    if (overflow.length) this.deps.onQueued?.();
    return answered.map((d) => ({ id: d._id, text: d.text }));
  }

  private async check(req: OutboundRequest): Promise<{ ok: true; to: string } | { ok: false; to: string; reason: RefusedReason }> {
    const to = toE164(req.to);
    if (!to) return { ok: false, to: req.to, reason: 'invalid_number' };
    if (!this.deps.enabled.has(req.channel)) return { ok: false, to, reason: 'channel_off' };
    if (req.text.trim() === '') return { ok: false, to, reason: 'empty' };
    const decision = decideSend(req.kind, req.channel, await this.deps.consent.state(to));
    return decision.allowed ? { ok: true, to } : { ok: false, to, reason: decision.reason };
  }

  private async recordRefusal(to: string, req: OutboundRequest, reason: RefusedReason): Promise<string[]> {
    this.deps.logger.info({ phone: maskPhone(to), kind: req.kind, channel: req.channel, reason }, 'sms refused by the outbox');
    if (reason === 'empty' || reason === 'invalid_number') return [];
    const now = this.now();
    const error = { code: reason, message: 'refused before sending', reason };
    const doc: OutboxDoc = { ...this.skeleton(req, to, now), text: req.text, group: randomUUID(), part: 1, parts: 1, status: 'failed', error };
    await this.deps.repo.insert([doc]);
    return [doc._id];
  }

  private skeleton(req: OutboundRequest, to: string, now: Date) {
    return {
      _id: randomUUID(),
      seq: nextSeq(now),
      channel: req.channel,
      to,
      kind: req.kind,
      locale: req.locale,
      via: 'api' as const,
      attempts: 0,
      nextAttemptAt: req.kind === 'campaign' ? nextCampaignSlot(now) : now,
      conversationId: req.conversationId,
      createdAt: now,
      updatedAt: now,
    };
  }

  private documents(req: OutboundRequest, via: 'api' | 'twiml', now: Date = this.now()): OutboxDoc[] {
    const parts = this.prepare(req.channel, req.text, req.kind, req.locale);
    const group = randomUUID();
    return parts.map((p, i) => ({
      ...this.skeleton(req, req.to, now),
      text: p.text,
      ...(p.template ? { template: p.template } : {}),
      group,
      part: i + 1,
      parts: parts.length,
      via,
      status: via === 'twiml' ? 'sent' : 'queued',
      ...(via === 'twiml' ? { sentAt: now } : {}),
    }));
  }
}
