// Reminders in MongoDB. A due reminder is claimed with one conditional update (status and lease),
// so two workers never send the same one; every later change is conditional on the claim.
import type { Model } from 'mongoose';
import type { ReminderDoc } from '../models/reminders';
import type { OutboxDoc } from '../models/messaging';
import { KEEP_FINISHED_DAYS, type ClaimOutcome, type Reminder, type ReminderStore } from '../../services/reminders/types';

const DAY_MS = 24 * 3600_000;
const purgeAt = (now: Date) => new Date(now.getTime() + KEEP_FINISHED_DAYS * DAY_MS);

export class ReminderRepository implements ReminderStore {
  constructor(
    private readonly model: Model<ReminderDoc>,
    /** The SMS outbox, to tell after a crash whether a claimed reminder was queued. */
    private readonly outbox: Model<OutboxDoc>,
  ) {}

  async insert(reminders: Reminder[]): Promise<void> {
    if (reminders.length > 0) await this.model.insertMany(reminders, { ordered: true });
  }

  async get(id: string): Promise<Reminder | null> {
    return this.model.findById(id).lean<Reminder>();
  }

  async ofPhone(phone: string): Promise<Reminder[]> {
    return this.model.find({ phone }).sort({ dueAt: 1 }).lean<Reminder[]>();
  }

  async scheduled(phone: string): Promise<Reminder[]> {
    return this.model.find({ phone, status: 'scheduled' }).sort({ dueAt: 1 }).lean<Reminder[]>();
  }

  async cancelScheduled(phone: string, at: Date, kind?: Reminder['kind']): Promise<number> {
    const res = await this.model.updateMany(
      { phone, status: 'scheduled', ...(kind ? { kind } : {}) },
      { $set: { status: 'cancelled', updatedAt: at, purgeAt: purgeAt(at) }, $push: { history: { at, event: 'cancelled' } } },
    );
    return res.modifiedCount;
  }

  async claimDue(owner: string, now: Date, leaseMs: number): Promise<Reminder | null> {
    return this.model
      .findOneAndUpdate(
        { status: 'scheduled', dueAt: { $lte: now } },
        { $set: { status: 'sending', claimedBy: owner, claimedAt: now, claimedUntil: new Date(now.getTime() + leaseMs), updatedAt: now } },
        { sort: { dueAt: 1 }, returnDocument: 'after' },
      )
      .lean<Reminder>();
  }

  async defer(id: string, owner: string, dueAt: Date, reason: string, now: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      {
        $set: { status: 'scheduled', dueAt, updatedAt: now },
        $unset: { claimedBy: 1, claimedAt: 1, claimedUntil: 1 },
        $push: { history: { at: now, event: 'deferred', reason } },
      },
    );
  }

  async finish(id: string, owner: string, outcome: ClaimOutcome, now: Date): Promise<void> {
    const reason = outcome.status === 'sent' ? undefined : outcome.reason;
    await this.model.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      {
        $set: { status: outcome.status, outboxIds: outcome.outboxIds ?? [], updatedAt: now, purgeAt: purgeAt(now), ...(reason ? { reason } : {}) },
        $unset: { claimedBy: 1, claimedAt: 1, claimedUntil: 1 },
        $push: { history: { at: now, event: outcome.status, ...(reason ? { reason } : {}) } },
      },
    );
  }

  async recoverExpired(now: Date): Promise<number> {
    const stale = await this.model.find({ status: 'sending', claimedUntil: { $lt: now } }).lean<Reminder[]>();
    let recovered = 0;
    for (const r of stale) {
      const queued = await this.outbox
        .find({ to: r.phone, kind: 'reminder', createdAt: { $gte: r.claimedAt ?? r.updatedAt } })
        .select({ _id: 1 })
        .lean<Pick<OutboxDoc, '_id'>[]>();
      const set =
        queued.length > 0
          ? { status: 'sent', outboxIds: queued.map((q) => q._id), updatedAt: now, purgeAt: purgeAt(now) }
          : { status: 'scheduled', updatedAt: now };
      const res = await this.model.updateOne(
        { _id: r._id, status: 'sending', claimedBy: r.claimedBy },
        {
          $set: set,
          $unset: { claimedBy: 1, claimedAt: 1, claimedUntil: 1 },
          $push: { history: { at: now, event: 'recovered', reason: queued.length > 0 ? 'queued_before_crash' : 'not_queued' } },
        },
      );
      recovered += res.modifiedCount;
    }
    return recovered;
  }
}
