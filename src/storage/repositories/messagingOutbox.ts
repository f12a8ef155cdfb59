// The outbox collection: every outbound SMS, its status and attempts. All status changes are
// conditional updates, so two workers (or a worker and a receipt) never undo each other.
import type { Model } from 'mongoose';
import type { OutboxDoc } from '../models/messaging';
import type { MessageKind } from '../../services/messaging/consent';
import { statusesBefore, type OutboxStatus, type SendError } from '../../services/messaging/outbox';

export class OutboxRepository {
  constructor(private readonly model: Model<OutboxDoc>) {}

  async insert(docs: OutboxDoc[]): Promise<void> {
    if (docs.length > 0) await this.model.insertMany(docs, { ordered: true });
  }

  async get(id: string): Promise<OutboxDoc | null> {
    return this.model.findById(id).lean<OutboxDoc>();
  }

  async find(filter: Partial<Pick<OutboxDoc, 'to' | 'status' | 'channel' | 'kind' | 'group'>>): Promise<OutboxDoc[]> {
    return this.model.find(filter).sort({ seq: 1 }).lean<OutboxDoc[]>();
  }

  /** Takes the oldest due message of a number that is not busy here, marking it `sending`. */
  async claimNext(owner: string, now: Date, claimMs: number, busy: string[]): Promise<OutboxDoc | null> {
    return this.model
      .findOneAndUpdate(
        { status: 'queued', via: 'api', nextAttemptAt: { $lte: now }, ...(busy.length ? { to: { $nin: busy } } : {}) },
        { $set: { status: 'sending', claimedBy: owner, claimedUntil: new Date(now.getTime() + claimMs), updatedAt: now } },
        { sort: { seq: 1 }, returnDocument: 'after' },
      )
      .lean<OutboxDoc>();
  }

  /**
   * True when an older message to the same number must go first: one in flight, one due, or an
   * earlier part of the same reply waiting for a retry. (A campaign held until 08:00 does not
   * hold back a reply.)
   */
  async hasEarlierPending(doc: OutboxDoc, now: Date): Promise<boolean> {
    const older = await this.model.exists({
      to: doc.to,
      via: 'api',
      seq: { $lt: doc.seq },
      $or: [{ status: 'sending' }, { status: 'queued', nextAttemptAt: { $lte: now } }, { status: 'queued', group: doc.group }],
    });
    return older !== null;
  }

  /** Gives a claimed message back untouched (its turn has not come). */
  async release(id: string, owner: string): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      { $set: { status: 'queued', updatedAt: new Date() }, $unset: { claimedBy: 1, claimedUntil: 1 } },
    );
  }

  async markSent(id: string, owner: string, providerId: string, providerStatus: string | undefined, now: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      {
        $set: { status: 'sent', providerId, providerStatus, sentAt: now, updatedAt: now },
        $inc: { attempts: 1 },
        $unset: { claimedBy: 1, claimedUntil: 1, error: 1 },
      },
    );
  }

  async markRetry(id: string, owner: string, error: SendError, nextAttemptAt: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      {
        $set: { status: 'queued', error, nextAttemptAt, updatedAt: new Date() },
        $inc: { attempts: 1 },
        $unset: { claimedBy: 1, claimedUntil: 1 },
      },
    );
  }

  /** Ends an attempt as failed or unknown (`unknown`: the provider may have it; never resent). */
  async markFinal(id: string, owner: string, status: 'failed' | 'unknown', error: SendError): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      { $set: { status, error, updatedAt: new Date() }, $inc: { attempts: 1 }, $unset: { claimedBy: 1, claimedUntil: 1 } },
    );
  }

  /** A message that was never handed to a provider and never will be (refused at send time). */
  async refuse(id: string, owner: string | undefined, error: SendError): Promise<void> {
    await this.model.updateOne(
      { _id: id, ...(owner ? { status: 'sending', claimedBy: owner } : { status: 'queued' }) },
      { $set: { status: 'failed', error, updatedAt: new Date() }, $unset: { claimedBy: 1, claimedUntil: 1 } },
    );
  }

  /** Fails every queued message of a number whose kind is among `kinds` (an opt-out). */
  async refuseQueued(to: string, kinds: readonly MessageKind[], error: SendError): Promise<number> {
    const res = await this.model.updateMany(
      { to, status: 'queued', kind: { $in: [...kinds] } },
      { $set: { status: 'failed', error, updatedAt: new Date() } },
    );
    return res.modifiedCount;
  }

  /** Claims abandoned mid-send (the worker died or hung): the provider may have them, so `unknown`. */
  async expireClaims(now: Date): Promise<number> {
    const res = await this.model.updateMany(
      { status: 'sending', claimedUntil: { $lt: now } },
      {
        $set: { status: 'unknown', error: { code: 'claim_expired', message: 'no answer recorded for this send', reason: 'timeout' }, updatedAt: now },
        $unset: { claimedBy: 1, claimedUntil: 1 },
      },
    );
    return res.modifiedCount;
  }

  /**
   * Applies a provider receipt, forward only. The message is found by our id when the callback
   * carries it, else by the provider id (and number, for batch ids). Returns the updated document.
   */
  async applyReceipt(
    where: { id?: string; providerId?: string; to?: string },
    status: OutboxStatus,
    providerStatus: string,
    error?: SendError,
  ): Promise<OutboxDoc | null> {
    const filter: Record<string, unknown> = where.id ? { _id: where.id } : { providerId: where.providerId };
    if (!where.id && where.to) filter.to = where.to;
    if (!where.id && !where.providerId) return null;
    const now = new Date();
    const set: Record<string, unknown> = { status, providerStatus, updatedAt: now };
    if (where.providerId) set.providerId = where.providerId;
    if (status === 'delivered') set.deliveredAt = now;
    if (error) set.error = error;
    return this.model
      .findOneAndUpdate({ ...filter, status: { $in: statusesBefore(status) } }, { $set: set }, { returnDocument: 'after' })
      .lean<OutboxDoc>();
  }
}
