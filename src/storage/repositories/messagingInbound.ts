// Inbound SMS pushes (stored before they are answered, run after), provider events de-duplicated
// by key, and the numbered choices an SMS conversation showed last.
import type { Model } from 'mongoose';
import type { ProviderEventDoc, SmsInboundDoc, SmsSessionDoc } from '../models/messaging';

interface BulkWriteErrorLike {
  code?: number;
  writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[];
}

/** Inserts unordered; returns the indexes that were new. Duplicates are expected; anything else throws. */
async function insertNew<T>(model: Model<T>, docs: T[]): Promise<Set<number>> {
  const all = new Set(docs.map((_, i) => i));
  if (docs.length === 0) return all;
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
    return all;
  } catch (err) {
    const e = err as BulkWriteErrorLike;
    const writeErrors = e.writeErrors ?? (e.code === 11000 && docs.length === 1 ? [{ index: 0, code: 11000 }] : undefined);
    if (!writeErrors) throw err;
    for (const w of writeErrors) {
      const code = w.code ?? w.err?.code;
      const index = w.index ?? w.err?.index;
      if (code !== 11000 || index === undefined) throw err;
      all.delete(index);
    }
    return all;
  }
}

export class SmsInboundRepository {
  constructor(
    private readonly inbound: Model<SmsInboundDoc>,
    private readonly events: Model<ProviderEventDoc>,
    private readonly sessions: Model<SmsSessionDoc>,
  ) {}

  /** Stores pushed messages; returns those not seen before, in the order given. */
  async storeNew(docs: SmsInboundDoc[]): Promise<SmsInboundDoc[]> {
    const fresh = await insertNew(this.inbound, docs);
    return docs.filter((_, i) => fresh.has(i));
  }

  async markDone(id: string): Promise<void> {
    await this.inbound.updateOne({ _id: id }, { $set: { status: 'done' } });
  }

  /** Messages stored but not run (the process stopped in between), oldest first. */
  async pending(receivedBefore: Date, limit = 500): Promise<SmsInboundDoc[]> {
    return this.inbound
      .find({ status: 'pending', receivedAt: { $lt: receivedBefore } })
      .sort({ sentAt: 1, sequenceId: 1 })
      .limit(limit)
      .lean<SmsInboundDoc[]>();
  }

  /** Records provider events by key; returns the keys seen for the first time. */
  async firstSeen(keys: string[]): Promise<Set<string>> {
    const now = new Date();
    const fresh = await insertNew(this.events, keys.map((_id) => ({ _id, receivedAt: now })));
    return new Set(keys.filter((_, i) => fresh.has(i)));
  }

  async choices(key: string): Promise<string[]> {
    const doc = await this.sessions.findById(key).lean<SmsSessionDoc>();
    return doc?.choices ?? [];
  }

  async setChoices(key: string, choices: string[]): Promise<void> {
    await this.sessions.updateOne({ _id: key }, { $set: { choices, updatedAt: new Date() } }, { upsert: true });
  }
}
