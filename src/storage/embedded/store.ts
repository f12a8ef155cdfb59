// All databases of one embedded server, and the TTL reaper.
import { Collection } from './collection';
import { fail } from './errors';

const INVALID_DB_CHARS = /[/\\. "$\0]/;

export function validateDbName(db: string): void {
  if (db.length === 0 || db.length > 63 || INVALID_DB_CHARS.test(db)) fail('InvalidNamespace', `Invalid database name: '${db}'`);
}

export function validateCollectionName(db: string, name: string): void {
  if (name.length === 0 || name.includes('\0') || name.startsWith('.') || name.includes('$') || name.startsWith('system.')) {
    fail('InvalidNamespace', `Invalid collection name: ${db}.${name}`);
  }
}

export class Store {
  private readonly dbs = new Map<string, Map<string, Collection>>();
  private reaper: NodeJS.Timeout | undefined;

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** The collection, created on first write as MongoDB does. */
  getOrCreate(db: string, name: string): Collection {
    const existing = this.get(db, name);
    if (existing) return existing;
    validateDbName(db);
    validateCollectionName(db, name);
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    const coll = new Collection(db, name);
    colls.set(name, coll);
    return coll;
  }

  /** Installs a fully built collection under its name, replacing any previous one. */
  put(coll: Collection): void {
    validateDbName(coll.db);
    validateCollectionName(coll.db, coll.name);
    let colls = this.dbs.get(coll.db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(coll.db, colls);
    }
    colls.set(coll.name, coll);
  }

  collections(db: string): Collection[] {
    return Array.from(this.dbs.get(db)?.values() ?? []);
  }

  databases(): string[] {
    return Array.from(this.dbs.keys()).filter((db) => (this.dbs.get(db)?.size ?? 0) > 0);
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const colls = this.dbs.get(db);
    const coll = colls?.get(name);
    if (coll) colls?.delete(name);
    if (colls && colls.size === 0) this.dbs.delete(db);
    return coll;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }

  /** Deletes expired documents from every collection with a TTL index. */
  reap(nowMs = Date.now()): number {
    let removed = 0;
    for (const colls of this.dbs.values()) for (const coll of colls.values()) removed += coll.expire(nowMs);
    return removed;
  }

  startReaper(intervalMs: number, onError: (err: unknown) => void): void {
    this.stopReaper();
    this.reaper = setInterval(() => {
      try {
        this.reap();
      } catch (err) {
        onError(err);
      }
    }, intervalMs);
    this.reaper.unref();
  }

  stopReaper(): void {
    if (this.reaper) clearInterval(this.reaper);
    this.reaper = undefined;
  }
}
