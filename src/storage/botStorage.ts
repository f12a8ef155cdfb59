// botbuilder Storage on MongoDB. Semantics follow botbuilder's MemoryStorage: missing keys are
// absent from read results; an item whose eTag is '*' or absent is written unconditionally; an
// item carrying another eTag must match the stored one, or the write fails.
import type { Storage, StoreItems } from 'botbuilder';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { BotStateDoc } from './models/core';
import { isDuplicateKey } from './errors';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export class MongoBotStorage implements Storage {
  constructor(private readonly model: Model<BotStateDoc>) {}

  async read(keys: string[]): Promise<StoreItems> {
    const wanted = [...new Set(keys.filter((k) => typeof k === 'string' && k.length > 0))];
    if (wanted.length === 0) return {};
    const docs = await this.model.find({ _id: { $in: wanted } }).lean();
    const items: StoreItems = {};
    for (const doc of docs) {
      items[doc._id] = { ...JSON.parse(doc.data), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  async delete(keys: string[]): Promise<void> {
    const wanted = keys.filter((k) => typeof k === 'string' && k.length > 0);
    if (wanted.length > 0) await this.model.deleteMany({ _id: { $in: wanted } });
  }

  private async writeOne(key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag, ...rest } = item ?? {};
    const data = JSON.stringify(rest);
    const next = randomUUID();
    const updatedAt = new Date();
    if (eTag === undefined || eTag === null || eTag === '*' || eTag === '') {
      await this.model.updateOne({ _id: key }, { $set: { data, eTag: next, updatedAt } }, { upsert: true });
      return;
    }
    const res = await this.model.updateOne({ _id: key, eTag: String(eTag) }, { $set: { data, eTag: next, updatedAt } });
    if (res.matchedCount === 1) return;
    // No stored item with that eTag: a first write may create it, anything else is a conflict.
    try {
      await this.model.create({ _id: key, data, eTag: next, updatedAt });
    } catch (err) {
      if (isDuplicateKey(err)) throw new ETagConflictError(key);
      throw err;
    }
  }
}
