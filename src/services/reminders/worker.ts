// Sends due reminders through the SMS outbox. A reminder is claimed with a lease (one conditional
// update), so two workers never take the same one; outside 08:00-21:00 Beijing time it is put
// back until the next 08:00. What the outbox refuses (opted out, provider blocked, channel off)
// is recorded on the reminder and never tried again; a send that threw is recorded as failed.
import { randomUUID } from 'node:crypto';
import { maskPhone } from '../privacy/mask';
import { daysLeft, insideSendingHours, intoSendingHours } from './rules';
import type { Reminder, ReminderStore } from './types';

export interface ReminderSendRequest {
  channel: string;
  to: string;
  text: string;
  kind: 'reminder';
  locale: string;
}

export type ReminderSendResult = { accepted: true; ids: string[] } | { accepted: false; reason: string; ids: string[] };

/** The outbox's enqueue (it applies the opt-out rules and records refusals). */
export type SendReminder = (req: ReminderSendRequest) => Promise<ReminderSendResult>;

export interface ReminderLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ReminderWorkerDeps {
  store: ReminderStore;
  send: SendReminder;
  /** The SMS text of a reminder at the moment it goes out. */
  text: (reminder: Reminder, now: Date) => string;
  now: () => Date;
  logger: ReminderLogger;
  /** How often to look for due reminders. */
  pollMs?: number;
  /** How long a claim lasts (longer than an enqueue can take). */
  leaseMs?: number;
}

export class ReminderWorker {
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly deps: ReminderWorkerDeps) {}

  start(): void {
    if (this.timer) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.deps.pollMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Handles every reminder due now; returns how many were claimed. One pass at a time. */
  runOnce(): Promise<number> {
    if (this.running) return this.running.then(() => this.runOnce());
    this.running = this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const { store, logger } = this.deps;
    let handled = 0;
    try {
      const recovered = await store.recoverExpired(this.deps.now());
      if (recovered > 0) logger.warn({ recovered }, 'reminder claims recovered after an interrupted send');
      for (;;) {
        const reminder = await store.claimDue(this.owner, this.deps.now(), this.deps.leaseMs ?? 60_000);
        if (!reminder) break;
        handled += 1;
        await this.handle(reminder);
      }
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'reminder pass failed');
    }
    return handled;
  }

  private async handle(r: Reminder): Promise<void> {
    const { store, logger } = this.deps;
    const now = this.deps.now();
    const log = { id: r._id, phone: maskPhone(r.phone), kind: r.kind, offsetDays: r.offsetDays };
    if (!insideSendingHours(now)) {
      await store.defer(r._id, this.owner, intoSendingHours(now), 'outside_hours', now);
      return;
    }
    if (daysLeft(r.deadline, now) < 0) {
      await store.finish(r._id, this.owner, { status: 'expired', reason: 'deadline_passed' }, now);
      return;
    }
    if (!r.consent?.at) {
      await store.finish(r._id, this.owner, { status: 'refused', reason: 'no_consent' }, now);
      logger.warn(log, 'reminder without a consent record not sent');
      return;
    }
    let result: ReminderSendResult;
    try {
      result = await this.deps.send({ channel: r.channel, to: r.phone, text: this.deps.text(r, now), kind: 'reminder', locale: r.locale });
    } catch (err) {
      // The enqueue may or may not have stored the SMS: recorded, never repeated blindly.
      await store.finish(r._id, this.owner, { status: 'failed', reason: 'enqueue_error' }, now);
      logger.error({ ...log, err: (err as Error).message }, 'reminder could not be queued');
      return;
    }
    if (result.accepted) {
      await store.finish(r._id, this.owner, { status: 'sent', outboxIds: result.ids }, now);
      logger.info(log, 'reminder queued');
    } else {
      await store.finish(r._id, this.owner, { status: 'refused', reason: result.reason, outboxIds: result.ids }, now);
      logger.info({ ...log, reason: result.reason }, 'reminder refused by the outbox');
    }
  }
}
