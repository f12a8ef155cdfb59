// One turn at a time per conversation, across app instances. Inside a process, callers for the
// same key queue up in arrival order (FIFO); across processes, a lease document in MongoDB
// decides who runs. A lease expires if its holder dies, so a crashed instance cannot block a
// conversation for longer than the lease time.
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { LeaseDoc } from './models/core';
import { isDuplicateKey } from './errors';

export interface LeaseLockOptions {
  /** How long a lease is held before others may take it over (a turn must finish well within it). */
  leaseMs?: number;
  /** How long to wait for a lease before giving up. */
  waitMs?: number;
}

export class LeaseTimeoutError extends Error {
  constructor(key: string) {
    super(`Timed out waiting for the conversation lease of ${key}`);
    this.name = 'LeaseTimeoutError';
  }
}

export class LeaseLock {
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private readonly tails = new Map<string, Promise<void>>();
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(private readonly model: Model<LeaseDoc>, opts: LeaseLockOptions = {}) {
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.waitMs = opts.waitMs ?? 60_000;
  }

  /** Runs fn while holding the lease for key; calls for one key run one after another. */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      await previous;
      const token = await this.acquire(key);
      try {
        return await fn();
      } finally {
        await this.model.deleteOne({ _id: key, owner: token }).catch(() => undefined);
      }
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Number of conversations with turns queued or running in this process. */
  get active(): number {
    return this.tails.size;
  }

  private async acquire(key: string): Promise<string> {
    const token = `${this.owner}-${randomUUID()}`;
    const deadline = Date.now() + this.waitMs;
    let delay = 2;
    for (;;) {
      const now = new Date();
      const expiresAt = new Date(now.getTime() + this.leaseMs);
      try {
        await this.model.create({ _id: key, owner: token, expiresAt });
        return token;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // Held by someone: take it over only if that lease has run out.
      const taken = await this.model.findOneAndUpdate(
        { _id: key, expiresAt: { $lte: now } },
        { $set: { owner: token, expiresAt } },
        { returnDocument: 'after' },
      );
      if (taken) return token;
      if (Date.now() >= deadline) throw new LeaseTimeoutError(key);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
    }
  }
}
