// Server-side cursors: a snapshot of result documents, int64 ids, batches bounded by count
// and size, and an idle timeout.
import { calculateObjectSize, Long } from 'bson';
import { fail } from './errors';
import type { Doc } from './values';

const MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  id: number;
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
  noTimeout: boolean;
}

export interface Batch {
  docs: Doc[];
  /** 0 when the cursor is exhausted (and closed). */
  id: number;
}

export function cursorReply(ns: string, batch: Batch, field: 'firstBatch' | 'nextBatch'): Doc {
  return { cursor: { [field]: batch.docs, id: Long.fromNumber(batch.id), ns }, ok: 1 };
}

/** Cursor ids arrive as numbers (promoted int64) or Longs. */
export function toCursorId(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v instanceof Long) return v.toNumber();
  return undefined;
}

function takeBatch(docs: Doc[], from: number, batchSize: number): Doc[] {
  const out: Doc[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && (batchSize <= 0 || out.length < batchSize); i++) {
    const doc = docs[i] as Doc;
    bytes += calculateObjectSize(doc);
    if (out.length > 0 && bytes > MAX_BATCH_BYTES) break;
    out.push(doc);
  }
  return out;
}

export class CursorManager {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1 + Math.floor(Math.random() * 2 ** 40);
  private sweeper: NodeJS.Timeout | undefined;
  private readonly idleMs: number;

  constructor(idleMs: number) {
    this.idleMs = idleMs;
    this.sweeper = setInterval(() => this.sweep(Date.now()), Math.max(50, Math.min(idleMs, 60_000)));
    this.sweeper.unref();
  }

  /** First batch of a result; keeps a cursor open for the rest. */
  first(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch: boolean, noTimeout = false): Batch {
    const size = batchSize ?? DEFAULT_FIRST_BATCH;
    const batch = size === 0 ? [] : takeBatch(docs, 0, size);
    if (singleBatch || batch.length >= docs.length) return { docs: batch, id: 0 };
    const id = this.nextId++;
    this.open.set(id, { id, ns, docs, pos: batch.length, lastUsed: Date.now(), noTimeout });
    return { docs: batch, id };
  }

  more(id: number, ns: string, batchSize: number): Batch {
    const cur = this.open.get(id);
    if (!cur) fail('CursorNotFound', `cursor id ${id} not found`);
    if (cur.ns !== ns) fail('Unauthorized', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cur.ns}`);
    const batch = takeBatch(cur.docs, cur.pos, batchSize > 0 ? batchSize : 0);
    cur.pos += batch.length;
    cur.lastUsed = Date.now();
    if (cur.pos >= cur.docs.length) {
      this.open.delete(id);
      return { docs: batch, id: 0 };
    }
    return { docs: batch, id };
  }

  kill(id: number): boolean {
    return this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  sweep(nowMs: number): void {
    for (const cur of this.open.values()) {
      if (!cur.noTimeout && nowMs - cur.lastUsed > this.idleMs) this.open.delete(cur.id);
    }
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.open.clear();
  }
}
