// Twilio webhooks (reference/channels.md 1.1-1.6).
// POST /sms/twilio: signature checked, the turn runs once per MessageSid (the pipeline stores it
// first), replies answered as TwiML <Message> elements while Twilio waits (15 s; we stop waiting
// at 10 s and send the rest through the REST API), <Response/> when there are none.
// POST /sms/twilio/status: signature checked, each (MessageSid, MessageStatus) applied once and
// forward only, so duplicated or out-of-order callbacks change nothing.
import express, { type Request, type Response, type Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { Locale, TwilioConfig } from '../../config';
import type { Logger } from '../../observability/logger';
import type { OutboxRepository } from '../../storage/repositories/messagingOutbox';
import type { SmsInboundRepository } from '../../storage/repositories/messagingInbound';
import { fromTwilioStatus } from '../../services/messaging/outbox';
import { toE164 } from '../../services/messaging/phone';
import { arbitrate } from '../../services/conversation/commands';
import { maskPhone } from '../../services/privacy/mask';
import { sendError } from '../../http/errors';
import type { SmsAdapter, ReplySink } from '../sms/adapter';
import type { Outbox } from '../sms/outbox';
import type { ConsentService } from '../sms/consent';
import { formParams, isValidTwilioSignature, signedUrl, type TwilioParams } from './signature';
import { statusCallbackUrl } from './sender';

export interface TwilioRoutesDeps {
  config: TwilioConfig;
  publicBaseUrl: string;
  adapter: SmsAdapter;
  outbox: Outbox;
  outboxRepo: OutboxRepository;
  events: SmsInboundRepository;
  consent: ConsentService;
  logger: Logger;
  /** How long the webhook waits for the turn before answering and sending the rest later. */
  replyDeadlineMs?: number;
}

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`));

const inboundSchema = z.object({
  MessageSid: sid('(SM|MM)'),
  AccountSid: sid('AC'),
  From: z.string().min(1).max(64),
  To: z.string().max(64).default(''),
  Body: z.string().max(1600).default(''),
  OptOutType: z.string().optional(),
});

const statusSchema = z.object({
  MessageSid: sid('(SM|MM)'),
  AccountSid: sid('AC'),
  MessageStatus: z.string().min(1).max(32),
  To: z.string().max(64).optional(),
  ErrorCode: z.string().max(16).optional(),
});

const single = (params: TwilioParams) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

function xml(res: Response, body: string): void {
  res.status(200).type('text/xml').send(body);
}

const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();

/** Collects the replies of a turn for the TwiML answer; after the deadline, sends them through the outbox. */
class TwimlCollector implements ReplySink {
  readonly texts: { text: string; locale: Locale }[] = [];
  private late = false;

  constructor(private readonly sendLater: (text: string, locale: Locale) => Promise<void>) {}

  async deliver(text: string, locale: Locale): Promise<void> {
    if (this.late) await this.sendLater(text, locale);
    else this.texts.push({ text, locale });
  }

  /** From now on replies go through the REST API; returns what was collected so far. */
  close(): { text: string; locale: Locale }[] {
    this.late = true;
    return this.texts.splice(0);
  }
}

export function twilioRouter(deps: TwilioRoutesDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 });
  const log = deps.logger.child({ channel: 'sms-twilio' });

  /** The verified, single-valued form fields, or null after answering 403. */
  function verified(req: Request, res: Response): Record<string, string> | null {
    const params = formParams(req.body);
    const url = signedUrl(deps.publicBaseUrl, req.originalUrl);
    if (!params || !isValidTwilioSignature(deps.config.authToken, req.get('x-twilio-signature'), url, params)) {
      sendError(res, 403, 'invalid_signature', 'The X-Twilio-Signature header is missing or does not match.');
      return null;
    }
    return single(params);
  }

  router.post('/sms/twilio', form, async (req, res) => {
    const fields = verified(req, res);
    if (!fields) return;
    const parsed = inboundSchema.safeParse(fields);
    if (!parsed.success) return sendError(res, 400, 'invalid_message', 'The message is missing MessageSid, AccountSid or From.');
    const msg = parsed.data;
    if (msg.AccountSid !== deps.config.accountSid) return sendError(res, 403, 'wrong_account', 'The message is for another account.');
    const from = toE164(msg.From);
    if (!from) return sendError(res, 400, 'invalid_sender', 'From is not a phone number.');

    const collector = new TwimlCollector((text, locale) =>
      deps.outbox.enqueue({ channel: 'sms-twilio', to: from, text, kind: 'reply', locale, conversationId: from }).then(() => undefined),
    );
    const turn = deps.adapter.process(
      { channel: 'sms-twilio', id: msg.MessageSid, from, to: msg.To, text: msg.Body, receivedAt: new Date(), channelData: { numSegments: fields.NumSegments } },
      collector,
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deps.replyDeadlineMs ?? 10_000);
    });
    let outcome: Awaited<typeof turn> | 'late';
    try {
      outcome = await Promise.race([turn, deadline]);
    } catch (err) {
      log.error({ err: (err as Error).message, phone: maskPhone(from) }, 'twilio inbound failed');
      return sendError(res, 500, 'internal', 'The message could not be processed.');
    } finally {
      clearTimeout(timer);
    }
    if (outcome === 'late') {
      log.warn({ phone: maskPhone(from) }, 'turn slower than the TwiML deadline; the rest goes through the REST API');
      turn.catch(() => undefined);
    }
    await recordCarrierKeyword(msg.OptOutType, msg.Body, from);
    const replies = collector.close();
    if (outcome === 'duplicate' || replies.length === 0) return xml(res, EMPTY_TWIML);
    const inline = await deps.outbox.recordInline(
      { channel: 'sms-twilio', to: from, text: '', locale: replies[0].locale, conversationId: from },
      replies.map((r) => r.text),
    );
    const twiml = new twilio.twiml.MessagingResponse();
    for (const m of inline) twiml.message({ action: statusCallbackUrl(deps.publicBaseUrl, m.id), method: 'POST' }, m.text);
    xml(res, twiml.toString());
  });

  /** Advanced Opt-Out may use keywords we do not arbitrate (set up at Twilio): mirror what Twilio did. */
  async function recordCarrierKeyword(optOutType: string | undefined, body: string, phone: string): Promise<void> {
    if (optOutType !== 'STOP' && optOutType !== 'START') return;
    const ours = arbitrate(body, { sms: true, optedOut: true });
    if (ours?.kind === 'optOut' || ours?.kind === 'optIn') return; // the bot recorded it
    if (optOutType === 'STOP') await deps.consent.optOut(phone, 'sms-twilio', 'twilio-OptOutType');
    else await deps.consent.optIn(phone, 'sms-twilio', 'twilio-OptOutType');
  }

  router.post('/sms/twilio/status', form, async (req, res) => {
    const fields = verified(req, res);
    if (!fields) return;
    const parsed = statusSchema.safeParse(fields);
    if (!parsed.success) return sendError(res, 400, 'invalid_status', 'The callback is missing MessageSid, AccountSid or MessageStatus.');
    const cb = parsed.data;
    if (cb.AccountSid !== deps.config.accountSid) return sendError(res, 403, 'wrong_account', 'The callback is for another account.');
    const fresh = await deps.events.firstSeen([`twilio:${cb.MessageSid}:${cb.MessageStatus}`]);
    if (fresh.size === 0) return xml(res, EMPTY_TWIML);
    const status = fromTwilioStatus(cb.MessageStatus);
    const id = typeof req.query.id === 'string' ? req.query.id : undefined;
    const error = cb.ErrorCode ? { code: cb.ErrorCode, message: `Twilio error ${cb.ErrorCode}`, reason: cb.ErrorCode === '21610' ? 'opted_out' : 'undelivered' } : undefined;
    const doc = status ? await deps.outboxRepo.applyReceipt({ id, providerId: cb.MessageSid }, status, cb.MessageStatus, error) : null;
    if (cb.ErrorCode === '21610') {
      const phone = doc?.to ?? (cb.To ? toE164(cb.To) : null);
      if (phone) await deps.consent.optOut(phone, 'sms-twilio', 'provider-21610', { providerBlocks: true });
    }
    xml(res, EMPTY_TWIML);
  });

  return router;
}
