// One collection: documents in a hash map keyed by `_id`, plus secondary indexes.
// Stored documents are never mutated in place: writers swap in a new object, so a cursor
// holding references sees a stable snapshot.
import { UUID } from 'bson';
import { CollectionIndex, sameSpec, type IndexSpec } from './collection-index';
import { fail } from './errors';
import type { CompiledFilter } from './matcher';
import { pathValues } from './paths';
import { formatValue, isPlainObject, valueKey, type Doc } from './values';

export const ID_INDEX_NAME = '_id_';

export class Collection {
  readonly db: string;
  readonly name: string;
  readonly uuid = new UUID();
  private readonly docs = new Map<string, Doc>();
  private readonly indexes = new Map<string, CollectionIndex>();

  constructor(db: string, name: string) {
    this.db = db;
    this.name = name;
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get count(): number {
    return this.docs.size;
  }

  all(): Doc[] {
    return Array.from(this.docs.values());
  }

  /** Documents that may match, using `_id` or the index with the longest equality prefix. */
  candidates(cf: CompiledFilter): Iterable<Doc> {
    const idEq = cf.equalities.get('_id');
    if (idEq !== undefined) {
      const doc = this.docs.get(valueKey(idEq));
      return doc ? [doc] : [];
    }
    const idIn = cf.inLists.get('_id');
    if (idIn) {
      const keys = new Set(idIn.map(valueKey));
      const out: Doc[] = [];
      for (const k of keys) {
        const doc = this.docs.get(k);
        if (doc) out.push(doc);
      }
      return out;
    }
    let best: { ix: CollectionIndex; values: unknown[] } | undefined;
    for (const ix of this.indexes.values()) {
      if (!ix.usableForQueries) continue;
      const values: unknown[] = [];
      for (const f of ix.fields) {
        const v = cf.equalities.get(f);
        if (v === undefined) break;
        values.push(v);
      }
      if (values.length > 0 && (!best || values.length > best.values.length)) best = { ix, values };
    }
    if (best) {
      const ids = best.ix.lookup(best.values);
      const out: Doc[] = [];
      for (const id of ids) {
        const doc = this.docs.get(id);
        if (doc) out.push(doc);
      }
      return out;
    }
    return this.docs.values();
  }

  /** Matching documents in natural (or index) order, stopping after `limit` when given. */
  matching(cf: CompiledFilter, limit = 0): Doc[] {
    const out: Doc[] = [];
    for (const doc of this.candidates(cf)) {
      if (!cf.test(doc)) continue;
      out.push(doc);
      if (limit > 0 && out.length >= limit) break;
    }
    return out;
  }

  private duplicateId(id: unknown): never {
    fail('DuplicateKey', `E11000 duplicate key error collection: ${this.ns} index: ${ID_INDEX_NAME} dup key: { _id: ${formatValue(id)} }`, {
      keyPattern: { _id: 1 },
      keyValue: { _id: id },
    });
  }

  insert(doc: Doc): void {
    const id = valueKey(doc._id);
    if (this.docs.has(id)) this.duplicateId(doc._id);
    const pending: Array<[CollectionIndex, ReturnType<CollectionIndex['entries']>]> = [];
    for (const ix of this.indexes.values()) {
      const entries = ix.entries(doc);
      ix.checkUnique(entries, id, this.ns);
      pending.push([ix, entries]);
    }
    this.docs.set(id, doc);
    for (const [ix, entries] of pending) ix.add(entries, id);
  }

  /** Swaps a stored document for its new version (same `_id`), keeping indexes consistent. */
  replace(old: Doc, next: Doc): void {
    const id = valueKey(old._id);
    if (this.docs.get(id) !== old) fail('InternalError', 'document changed concurrently');
    const pending: Array<[CollectionIndex, ReturnType<CollectionIndex['entries']>, ReturnType<CollectionIndex['entries']>]> = [];
    for (const ix of this.indexes.values()) {
      const before = ix.entries(old);
      const after = ix.entries(next);
      const same =
        before.length === after.length && before.every((e, i) => e.keys[e.keys.length - 1] === after[i]?.keys[e.keys.length - 1]);
      if (same) continue;
      ix.checkUnique(after, id, this.ns);
      pending.push([ix, before, after]);
    }
    this.docs.set(id, next);
    for (const [ix, before, after] of pending) {
      ix.remove(before, id);
      ix.add(after, id);
    }
  }

  remove(doc: Doc): boolean {
    const id = valueKey(doc._id);
    if (this.docs.get(id) !== doc) return false;
    this.docs.delete(id);
    for (const ix of this.indexes.values()) ix.remove(ix.entries(doc), id);
    return true;
  }

  indexNamed(name: string): CollectionIndex | undefined {
    return this.indexes.get(name);
  }

  /** Whether a hint (an index name or key pattern) names an existing index. */
  hasIndex(hint: unknown): boolean {
    if (typeof hint === 'string') return hint === ID_INDEX_NAME || this.indexes.has(hint);
    if (!isPlainObject(hint)) return false;
    const keys = Object.keys(hint);
    if (keys.length === 1 && (keys[0] === '_id' || keys[0] === '$natural')) return true;
    const wanted = valueKey(hint);
    for (const ix of this.indexes.values()) if (valueKey(ix.spec.key) === wanted) return true;
    return false;
  }

  /** Creates an index; false when an identical one exists. Builds it over existing documents. */
  createIndex(spec: IndexSpec): boolean {
    const isIdKey = Object.keys(spec.key).length === 1 && spec.key._id !== undefined;
    if (spec.name === ID_INDEX_NAME || isIdKey) {
      if (spec.name === ID_INDEX_NAME && isIdKey && !spec.sparse && !spec.partialFilterExpression) return false;
      fail('IndexOptionsConflict', `Index with name: ${spec.name} conflicts with the _id index`);
    }
    const existing = this.indexes.get(spec.name);
    if (existing) {
      if (sameSpec(existing.spec, spec)) return false;
      fail('IndexKeySpecsConflict', `An existing index has the same name as the requested index. Requested index: ${formatValue(spec)}, existing index: ${formatValue(existing.spec)}`);
    }
    for (const ix of this.indexes.values()) {
      if (valueKey(ix.spec.key) !== valueKey(spec.key)) continue;
      const why = sameSpec(ix.spec, spec) ? `Index already exists with a different name: ${ix.name}` : 'An equivalent index already exists with a different name and options.';
      fail('IndexOptionsConflict', `${why} Requested index: ${formatValue(spec)}, existing index: ${formatValue(ix.spec)}`);
    }
    const ix = new CollectionIndex(spec);
    for (const [id, doc] of this.docs) {
      const entries = ix.entries(doc);
      ix.checkUnique(entries, id, this.ns);
      ix.add(entries, id);
    }
    this.indexes.set(spec.name, ix);
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME) fail('InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name)) fail('IndexNotFound', `index not found with name [${name}]`);
  }

  dropAllIndexes(): void {
    this.indexes.clear();
  }

  secondaryIndexSpecs(): IndexSpec[] {
    return Array.from(this.indexes.values(), (ix) => ix.spec);
  }

  indexCount(): number {
    return this.indexes.size + 1;
  }

  listIndexes(): Doc[] {
    return [{ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME }, ...Array.from(this.indexes.values(), (ix) => ix.describe())];
  }

  /** Removes documents whose TTL index date has passed; returns how many. */
  expire(nowMs: number): number {
    let removed = 0;
    for (const ix of this.indexes.values()) {
      const secs = ix.spec.expireAfterSeconds;
      const field = ix.fields[0];
      if (secs === undefined || field === undefined) continue;
      for (const doc of this.all()) {
        const dates = pathValues(doc, field).filter((v): v is Date => v instanceof Date);
        if (dates.length === 0) continue;
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        if (earliest + secs * 1000 <= nowMs && this.remove(doc)) removed++;
      }
    }
    return removed;
  }
}
