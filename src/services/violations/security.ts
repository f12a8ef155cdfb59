/**
 * Abuse limits and the audit trail of lookups (DESIGN.md 6; issue 6 part 5).
 *
 * - 5 failed verifications from one requester (an SMS phone, or a chat user) within an hour,
 *   or against one plate / licence within a day, lock further tries until the oldest failure
 *   of the window ages out (a sliding window on the injected clock).
 * - Counters are kept under SHA-256 digests, so the attempts store holds no phone or plate.
 * - Every lookup decision is audited: who (masked, plus a digest to correlate), channel, the
 *   subject masked, and the outcome.
 * Storage is behind ports; the MongoDB implementations live in src/storage/repositories.
 */
import { createHash } from 'node:crypto';
import { maskIdNumber, maskPhone, maskPlate } from '../privacy/mask';

export const MAX_FAILURES = 5;
export const REQUESTER_WINDOW_MS = 3_600_000;
export const SUBJECT_WINDOW_MS = 86_400_000;

/** Who asks: the channel, the channel's user id, and the phone when the channel vouches for it (SMS). */
export interface Requester {
  channel: string;
  userId: string;
  /** E.164 phone of the sender, only on SMS channels. */
  phone?: string;
}

export type Subject = { kind: 'vehicle'; plate: string; plateType?: string } | { kind: 'licence'; number: string };

export type LookupOutcome =
  /** Verified because the SMS sender is the registered phone. */
  | 'phone'
  /** Verified with the VIN / engine number / issue date. */
  | 'code'
  /** The code did not match (or the subject is unknown: the same outcome, on purpose). */
  | 'mismatch'
  /** Refused without checking: too many failures. */
  | 'locked'
  /** Asked for a code (the sender is not the registered phone). */
  | 'challenge';

export interface AuditEntry {
  at: Date;
  kind: Subject['kind'];
  channel: string;
  /** Masked requester (phone masked, other ids cut). */
  requester: string;
  /** Digest of the requester, to correlate entries without storing the id. */
  requesterKey: string;
  /** Masked plate or licence number. */
  subject: string;
  outcome: LookupOutcome;
}

/** Port: failed verification attempts, counted per key within a window. */
export interface AttemptStore {
  recordFailure(keys: string[], at: Date, keepUntil: Date): Promise<void>;
  /** Failures under `key` at or after `since`, oldest first (only their times). */
  failuresSince(key: string, since: Date): Promise<Date[]>;
}

/** Port: the audit log of lookups. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** Minimal logging port (pino fits it). */
export interface LookupLogger {
  info(obj: Record<string, unknown>, msg: string): void;
}

export type LockScope = 'requester' | 'subject';

export interface LockState {
  locked: boolean;
  scope?: LockScope;
  /** When the lock lifts (the oldest failure in the window leaves it). */
  until?: Date;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export function requesterKey(r: Requester): string {
  // A phone is the same person on every SMS channel; other ids are per channel.
  return digest(r.phone !== undefined ? `phone:${r.phone}` : `user:${r.channel}:${r.userId}`);
}

export function subjectKey(s: Subject): string {
  return digest(s.kind === 'vehicle' ? `plate:${s.plate}` : `licence:${s.number}`);
}

export function maskRequester(r: Requester): string {
  if (r.phone !== undefined) return maskPhone(r.phone);
  const id = Array.from(r.userId);
  return id.length <= 4 ? '*'.repeat(id.length) : `${id.slice(0, 2).join('')}***${id.slice(-2).join('')}`;
}

export function maskSubject(s: Subject): string {
  return s.kind === 'vehicle' ? maskPlate(s.plate) : maskIdNumber(s.number);
}

export interface GuardDeps {
  attempts: AttemptStore;
  audit: AuditLog;
  now: () => Date;
  logger?: LookupLogger;
}

export class LookupGuard {
  constructor(private readonly deps: GuardDeps) {}

  async lockState(requester: Requester, subject: Subject): Promise<LockState> {
    const now = this.deps.now().getTime();
    const checks: [LockScope, string, number][] = [
      ['requester', requesterKey(requester), REQUESTER_WINDOW_MS],
      ['subject', subjectKey(subject), SUBJECT_WINDOW_MS],
    ];
    let state: LockState = { locked: false };
    for (const [scope, key, windowMs] of checks) {
      const failures = await this.deps.attempts.failuresSince(key, new Date(now - windowMs));
      if (failures.length < MAX_FAILURES) continue;
      // The lock lifts when enough failures leave the window to fall below the limit.
      const pivot = failures[failures.length - MAX_FAILURES] as Date;
      const until = new Date(pivot.getTime() + windowMs);
      // When both are locked, tell the later time: that is when trying again can work.
      if (!state.locked || until > (state.until as Date)) state = { locked: true, scope, until };
    }
    return state;
  }

  async recordFailure(requester: Requester, subject: Subject): Promise<void> {
    const at = this.deps.now();
    const keepUntil = new Date(at.getTime() + SUBJECT_WINDOW_MS);
    await this.deps.attempts.recordFailure([requesterKey(requester), subjectKey(subject)], at, keepUntil);
  }

  async audit(requester: Requester, subject: Subject, outcome: LookupOutcome): Promise<void> {
    const entry: AuditEntry = {
      at: this.deps.now(),
      kind: subject.kind,
      channel: requester.channel,
      requester: maskRequester(requester),
      requesterKey: requesterKey(requester),
      subject: maskSubject(subject),
      outcome,
    };
    await this.deps.audit.record(entry);
    this.deps.logger?.info(
      { channel: entry.channel, who: entry.requester, subject: entry.subject, kind: entry.kind, outcome },
      'violation lookup',
    );
  }
}
