// The shape of a stored reminder and the storage port the reminder service and worker use.
import type { DeadlineKind } from './rules';

export const REMINDER_STATUSES = ['scheduled', 'sending', 'sent', 'refused', 'failed', 'cancelled', 'expired'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export interface ReminderConsent {
  at: Date;
  /** The channel the driver agreed on. */
  channel: string;
  /** How: e.g. "dialog:licence-renewal". */
  source: string;
  /** The consent question exactly as the driver read it. */
  text: string;
}

export interface ReminderEvent {
  at: Date;
  event: 'scheduled' | 'deferred' | 'sent' | 'refused' | 'failed' | 'cancelled' | 'expired' | 'recovered';
  reason?: string;
}

export interface Reminder {
  _id: string;
  /** The reminders asked for together share a group. */
  group: string;
  /** E.164. */
  phone: string;
  channel: string;
  locale: string;
  kind: DeadlineKind;
  /** ISO day (Asia/Shanghai). */
  deadline: string;
  serviceId: string;
  offsetDays: number;
  dueAt: Date;
  status: ReminderStatus;
  consent: ReminderConsent;
  claimedBy?: string;
  claimedAt?: Date;
  claimedUntil?: Date;
  /** Outbox records of the SMS (or of its refusal). */
  outboxIds: string[];
  /** Why it was refused or failed: opted_out, provider_blocked, no_consent, channel_off, ... */
  reason?: string;
  history: ReminderEvent[];
  createdAt: Date;
  updatedAt: Date;
  /** Set when the reminder is finished; the record is deleted after this. */
  purgeAt?: Date;
}

/** How a finished claim ends. */
export type ClaimOutcome =
  | { status: 'sent'; outboxIds: string[] }
  | { status: 'refused' | 'failed' | 'expired'; reason: string; outboxIds?: string[] };

export interface ReminderStore {
  insert(reminders: Reminder[]): Promise<void>;
  /** Scheduled reminders of a number, soonest first. */
  scheduled(phone: string): Promise<Reminder[]>;
  /** Cancels scheduled reminders of a number (of one deadline kind, or all); returns how many. */
  cancelScheduled(phone: string, at: Date, kind?: Reminder['kind']): Promise<number>;
  /** Takes the earliest due reminder, marking it `sending` under a lease; null when none is due. */
  claimDue(owner: string, now: Date, leaseMs: number): Promise<Reminder | null>;
  /** Gives a claimed reminder back for later (outside sending hours). */
  defer(id: string, owner: string, dueAt: Date, reason: string, now: Date): Promise<void>;
  finish(id: string, owner: string, outcome: ClaimOutcome, now: Date): Promise<void>;
  /**
   * Claims whose lease ran out (the process died mid-send): `sent` when the outbox holds a reminder
   * SMS to that number queued since the claim, otherwise scheduled again (nothing was queued).
   */
  recoverExpired(now: Date): Promise<number>;
}

/** How long finished reminders are kept as the consent record (MIIT draft: at least 5 months). */
export const KEEP_FINISHED_DAYS = 183;
