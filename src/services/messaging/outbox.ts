// The life of an outbound SMS. Provider sends are not idempotent (reference/channels.md 1.8,
// 2.1): a send whose answer never came is `unknown`, never repeated blindly; receipts only move
// a message forward, so duplicated or out-of-order callbacks change nothing.
//
//   queued -> sending -> sent -> delivered
//      |         |        \--> failed
//      |         +-> unknown -> sent | delivered | failed   (a late receipt tells)
//      |         +-> queued (retry after a back-off: 429, 5xx, connection refused)
//      +-> failed (refused: opted out, no consent, bad number, ...)

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'unknown'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const RANK: Record<OutboxStatus, number> = { queued: 0, sending: 1, unknown: 2, sent: 3, delivered: 4, failed: 4 };

/** True when a receipt or a worker may move a message from one status to the other. */
export function canAdvance(from: OutboxStatus, to: OutboxStatus): boolean {
  if (from === 'sending' && to === 'queued') return true; // released for a retry
  return RANK[to] > RANK[from];
}

/** The statuses a message may be in for `to` to apply (for conditional updates). */
export function statusesBefore(to: OutboxStatus): OutboxStatus[] {
  return OUTBOX_STATUSES.filter((s) => canAdvance(s, to));
}

/** Twilio MessageStatus (status callback) to ours; undefined for statuses we ignore. */
export function fromTwilioStatus(status: string): OutboxStatus | undefined {
  switch (status) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return undefined;
  }
}

export interface SendError {
  code: string;
  message: string;
  /** A short reason operators can act on: invalid_number, flow_control, template, opted_out, ... */
  reason: string;
}

/** What a sender reports for one attempt. */
export type SendOutcome =
  | { kind: 'sent'; providerId: string; providerStatus?: string }
  | { kind: 'retry'; error: SendError; afterMs?: number }
  | { kind: 'failed'; error: SendError; optedOut?: boolean }
  | { kind: 'unknown'; error: SendError };

export const MAX_ATTEMPTS = 5;

/** Exponential back-off with jitter: about 2 s, 4 s, 8 s ... capped at 5 minutes. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + random() * (base / 2));
}

/** The outcome of an attempt after the attempt limit is taken into account. */
export function settle(outcome: SendOutcome, attempts: number): SendOutcome {
  if (outcome.kind === 'retry' && attempts >= MAX_ATTEMPTS) return { kind: 'failed', error: outcome.error };
  return outcome;
}

/** A transport failure as the SDKs describe it, reduced to what decides the outcome. */
export interface TransportFailure {
  /** HTTP status of the provider's answer, when there was one. */
  status?: number;
  /** Provider error code (Twilio numeric code, Aliyun Code). */
  code?: string;
  message: string;
  /** The request may have reached the provider but no answer came (read timeout, reset). */
  timedOut?: boolean;
  /** The request certainly never reached the provider (connection refused, DNS failure). */
  notSent?: boolean;
}

/** Twilio REST failures: 21610 = unsubscribed recipient (never retried), 429 and 5xx back off. */
export function classifyTwilioFailure(f: TransportFailure): SendOutcome {
  const code = f.code ?? (f.status ? `http_${f.status}` : 'transport');
  const error = (reason: string): SendError => ({ code, message: f.message, reason });
  if (f.code === '21610') return { kind: 'failed', error: error('opted_out'), optedOut: true };
  if (f.status === 429 || f.code === '20429') return { kind: 'retry', error: error('rate_limited') };
  if (f.status !== undefined && f.status >= 500) return { kind: 'retry', error: error('provider_error') };
  if (f.status !== undefined) {
    const reason = ['21211', '21614', '21408', '21612'].includes(f.code ?? '') ? 'invalid_number' : 'rejected';
    return { kind: 'failed', error: error(reason) };
  }
  if (f.notSent) return { kind: 'retry', error: error('connection') };
  return { kind: 'unknown', error: error(f.timedOut ? 'timeout' : 'transport') };
}
