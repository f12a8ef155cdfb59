// Result matching of MongoDB's unified test format: root-level documents may carry extra
// fields, nested ones may not; numbers compare by value; $$exists, $$type and
// $$unsetOrMatches are the special operators this subset understands.
import { ObjectId } from 'mongodb';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object' && '_bsontype' in v) {
    const t = (v as { _bsontype: string })._bsontype;
    if (t === 'Long' || t === 'Int32' || t === 'Double') return Number((v as { valueOf(): unknown }).valueOf());
  }
  return undefined;
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  double: (v) => numeric(v) !== undefined,
  int: (v) => numeric(v) !== undefined,
  long: (v) => numeric(v) !== undefined,
  number: (v) => numeric(v) !== undefined,
  string: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
  object: (v) => isObj(v),
  array: (v) => Array.isArray(v),
  null: (v) => v === null,
  date: (v) => v instanceof Date,
  objectId: (v) => v instanceof ObjectId,
  binData: (v) => v !== null && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'Binary',
};

function typeMatches(expected: unknown, actual: unknown): boolean {
  const names = Array.isArray(expected) ? expected : [expected];
  return names.some((n) => typeof n === 'string' && (TYPE_CHECKS[n]?.(actual) ?? false));
}

/** Returns undefined on a match, else a description of the first mismatch. */
export function mismatch(expected: unknown, actual: unknown, isRoot: boolean, path = '$'): string | undefined {
  if (isObj(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0]?.startsWith('$$')) return special(keys[0], expected[keys[0]], actual, isRoot, path);
    if (!isObj(actual)) return `${path}: expected a document, got ${describe(actual)}`;
    for (const k of keys) {
      const ev = expected[k];
      if (isObj(ev) && Object.keys(ev).length === 1) {
        if ('$$exists' in ev) {
          if ((k in actual) !== ev.$$exists) return `${path}.${k}: $$exists ${String(ev.$$exists)} failed`;
          continue;
        }
        if ('$$unsetOrMatches' in ev && !(k in actual)) continue;
      }
      if (!(k in actual)) return `${path}.${k}: missing`;
      const m = mismatch(ev, actual[k], false, `${path}.${k}`);
      if (m) return m;
    }
    if (!isRoot) {
      const extra = Object.keys(actual).filter((k) => !(k in expected));
      if (extra.length > 0) return `${path}: unexpected fields ${extra.join(', ')}`;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${describe(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} elements, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], isRoot && isObj(expected[i]), `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  const en = numeric(expected);
  if (en !== undefined) {
    const an = numeric(actual);
    return an === en ? undefined : `${path}: expected ${en}, got ${describe(actual)}`;
  }
  if (expected instanceof ObjectId) {
    return actual instanceof ObjectId && actual.equals(expected) ? undefined : `${path}: expected ${expected.toHexString()}`;
  }
  if (expected instanceof Date) {
    return actual instanceof Date && actual.getTime() === expected.getTime() ? undefined : `${path}: expected ${expected.toISOString()}`;
  }
  return expected === actual ? undefined : `${path}: expected ${describe(expected)}, got ${describe(actual)}`;
}

function special(op: string, arg: unknown, actual: unknown, isRoot: boolean, path: string): string | undefined {
  switch (op) {
    case '$$unsetOrMatches':
      return actual === undefined ? undefined : mismatch(arg, actual, isRoot, path);
    case '$$exists':
      return (actual !== undefined) === arg ? undefined : `${path}: $$exists ${String(arg)} failed`;
    case '$$type':
      return typeMatches(arg, actual) ? undefined : `${path}: expected type ${JSON.stringify(arg)}, got ${describe(actual)}`;
    default:
      return `${path}: unsupported special operator ${op}`;
  }
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
