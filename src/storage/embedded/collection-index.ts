// Secondary indexes: hash maps from key values to document ids, one map per key prefix,
// so equality on any leading fields is a lookup. Unique, compound, sparse, partial and TTL.
import { Query } from 'mingo';
import { fail } from './errors';
import { mingoOptions } from './matcher';
import { pathValues } from './paths';
import { formatValue, isPlainObject, valueKey, type Doc } from './values';

export interface IndexSpec {
  name: string;
  key: Doc;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Doc;
}

interface KeyEntry {
  values: unknown[];
  /** keys[i] is the hash key of the first i+1 fields. */
  keys: string[];
}

const SEP = '\u0001';

/** One holder id (the common case, and always so for unique indexes) or several. */
type Holders = string | Set<string>;

export class CollectionIndex {
  readonly name: string;
  readonly fields: string[];
  readonly spec: IndexSpec;
  private readonly partial: Query | undefined;
  /** maps[i]: key of the first i+1 fields -> id (or ids) of the documents holding it. */
  private readonly maps: Array<Map<string, Holders>>;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.name = spec.name;
    this.fields = Object.keys(spec.key);
    this.maps = this.fields.map(() => new Map<string, Holders>());
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression, mingoOptions()) : undefined;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  get usableForQueries(): boolean {
    return this.partial === undefined;
  }

  /** The index entries a document produces (none when sparse/partial excludes it). */
  entries(doc: Doc): KeyEntry[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((vals) => vals.length === 0)) return [];
    let combos: unknown[][] = [[]];
    for (const vals of perField) {
      const choices = vals.length === 0 ? [null] : vals;
      const next: unknown[][] = [];
      for (const combo of combos) for (const v of choices) next.push([...combo, v]);
      combos = next;
    }
    const seen = new Set<string>();
    const out: KeyEntry[] = [];
    for (const values of combos) {
      const keys: string[] = [];
      let acc = '';
      for (let i = 0; i < values.length; i++) {
        acc = i === 0 ? valueKey(values[i]) : acc + SEP + valueKey(values[i]);
        keys.push(acc);
      }
      const full = keys[keys.length - 1] as string;
      if (!seen.has(full)) {
        seen.add(full);
        out.push({ values, keys });
      }
    }
    return out;
  }

  /** Throws E11000 when one of the entries is held by another document. */
  checkUnique(entries: KeyEntry[], selfId: string, ns: string): void {
    if (!this.unique) return;
    const last = this.maps.length - 1;
    const map = this.maps[last] as Map<string, Holders>;
    for (const e of entries) {
      const holders = map.get(e.keys[last] as string);
      if (holders === undefined) continue;
      if (typeof holders === 'string') {
        if (holders !== selfId) this.duplicate(e.values, ns);
      } else {
        for (const id of holders) if (id !== selfId) this.duplicate(e.values, ns);
      }
    }
  }

  duplicate(values: unknown[], ns: string): never {
    const keyValue: Doc = {};
    this.fields.forEach((f, i) => (keyValue[f] = values[i] ?? null));
    const shown = this.fields.map((f, i) => `${f}: ${formatValue(values[i])}`).join(', ');
    fail('DuplicateKey', `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${shown} }`, {
      keyPattern: this.spec.key,
      keyValue,
    });
  }

  add(entries: KeyEntry[], id: string): void {
    for (const e of entries) {
      e.keys.forEach((k, i) => {
        const map = this.maps[i] as Map<string, Holders>;
        const holders = map.get(k);
        if (holders === undefined) map.set(k, id);
        else if (typeof holders === 'string') {
          if (holders !== id) map.set(k, new Set([holders, id]));
        } else holders.add(id);
      });
    }
  }

  remove(entries: KeyEntry[], id: string): void {
    for (const e of entries) {
      e.keys.forEach((k, i) => {
        const map = this.maps[i] as Map<string, Holders>;
        const holders = map.get(k);
        if (holders === undefined) return;
        if (typeof holders === 'string') {
          if (holders === id) map.delete(k);
          return;
        }
        holders.delete(id);
        if (holders.size === 1) map.set(k, holders.values().next().value as string);
      });
    }
  }

  /** Ids for equality on the first prefixValues.length fields. */
  lookup(prefixValues: unknown[]): Iterable<string> {
    const key = prefixValues.map(valueKey).join(SEP);
    const holders = this.maps[prefixValues.length - 1]?.get(key);
    if (holders === undefined) return [];
    return typeof holders === 'string' ? [holders] : Array.from(holders);
  }

  clear(): void {
    for (const m of this.maps) m.clear();
  }

  /** listIndexes form. */
  describe(): Doc {
    const out: Doc = { v: 2, key: this.spec.key, name: this.name };
    if (this.spec.unique) out.unique = true;
    if (this.spec.sparse) out.sparse = true;
    if (this.spec.expireAfterSeconds !== undefined) out.expireAfterSeconds = this.spec.expireAfterSeconds;
    if (this.spec.partialFilterExpression) out.partialFilterExpression = this.spec.partialFilterExpression;
    return out;
  }
}

export function sameSpec(a: IndexSpec, b: IndexSpec): boolean {
  const norm = (s: IndexSpec): string =>
    valueKey({
      key: s.key,
      unique: s.unique === true,
      sparse: s.sparse === true,
      ttl: s.expireAfterSeconds ?? null,
      partial: s.partialFilterExpression ?? null,
    });
  return norm(a) === norm(b);
}

export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}

const ALLOWED_INDEX_FIELDS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'expireAfterSeconds',
  'partialFilterExpression',
  'background',
  'v',
  'ns',
]);

/** Validates one createIndexes entry. */
export function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) fail('TypeMismatch', 'index specification must be an object');
  for (const k of Object.keys(raw)) {
    if (k === 'collation') fail('CannotCreateIndex', 'collation is not supported by the embedded store');
    if (!ALLOWED_INDEX_FIELDS.has(k)) fail('InvalidOptions', `The field '${k}' is not valid for an index specification.`);
  }
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) fail('CannotCreateIndex', 'Index keys cannot be empty.');
  for (const [field, dir] of Object.entries(key)) {
    const ok = dir === 1 || dir === -1 || (typeof dir === 'number' && dir !== 0 && Number.isFinite(dir));
    if (!ok) fail('CannotCreateIndex', `Index type ${formatValue(dir)} on field '${field}' is not supported by the embedded store`);
  }
  const name = raw.name === undefined ? defaultIndexName(key) : raw.name;
  if (typeof name !== 'string' || name.length === 0) fail('CannotCreateIndex', 'index name must be a non-empty string');
  const spec: IndexSpec = { name, key };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.expireAfterSeconds !== undefined) {
    const secs = raw.expireAfterSeconds;
    if (typeof secs !== 'number' || secs < 0 || !Number.isFinite(secs)) {
      fail('CannotCreateIndex', 'TTL index \'expireAfterSeconds\' option must be a non-negative number');
    }
    if (Object.keys(key).length !== 1) fail('CannotCreateIndex', 'TTL indexes are single-field indexes, compound indexes do not support TTL.');
    spec.expireAfterSeconds = secs;
  }
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) fail('TypeMismatch', 'partialFilterExpression must be an object');
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  return spec;
}
