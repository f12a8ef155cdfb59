// Proactive and overflow SMS through the Twilio REST API, with a status callback that carries our
// outbox id. Errors are classified by services/messaging/outbox (21610 never retried, 429/5xx
// back off, a timeout is `unknown`).
import twilio from 'twilio';
import type { TwilioConfig } from '../../config';
import type { OutboxDoc } from '../../storage/models/messaging';
import { classifyTwilioFailure, type SendOutcome, type TransportFailure } from '../../services/messaging/outbox';
import type { SmsSender } from '../sms/types';
import { scrubUrls } from '../sms/scrub';

export interface TwilioSenderOptions {
  /** A RequestClient (tests point it at a local fake). */
  httpClient?: InstanceType<typeof twilio.RequestClient>;
  timeoutMs?: number;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

export function twilioFailure(err: unknown): TransportFailure {
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  const message = scrubUrls(typeof e.message === 'string' ? e.message : String(err));
  if (typeof e.status === 'number') {
    return { status: e.status, code: e.code === undefined ? undefined : String(e.code), message };
  }
  const code = typeof e.code === 'string' ? e.code : undefined;
  return {
    code,
    message,
    notSent: code !== undefined && NOT_SENT.has(code),
    timedOut: (code !== undefined && TIMED_OUT.has(code)) || /timeout/i.test(message),
  };
}

export function statusCallbackUrl(publicBaseUrl: string, outboxId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/sms/twilio/status?id=${encodeURIComponent(outboxId)}`;
}

export function createTwilioSender(config: TwilioConfig, publicBaseUrl: string, opts: TwilioSenderOptions = {}): SmsSender {
  const client = twilio(config.accountSid, config.authToken, {
    env: {},
    httpClient: opts.httpClient,
    timeout: opts.timeoutMs ?? 10_000,
  });
  return {
    async send(message: OutboxDoc): Promise<SendOutcome> {
      try {
        const created = await client.messages.create({
          to: message.to,
          body: message.text,
          ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : { from: config.from }),
          statusCallback: statusCallbackUrl(publicBaseUrl, message._id),
        });
        return { kind: 'sent', providerId: created.sid, providerStatus: created.status };
      } catch (err) {
        return classifyTwilioFailure(twilioFailure(err));
      }
    },
  };
}
