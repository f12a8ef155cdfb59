// Updates: operator updates through mingo's updater, plus what mingo lacks: $setOnInsert,
// upserts seeded from the filter, replacement updates, `_id` immutability and type checks.
import { ObjectId } from 'bson';
import { Aggregator } from 'mingo';
import { updateOne as mingoUpdateOne, type Modifier } from 'mingo/updater';
import { mingoOptions } from './matcher';
import { fail, toCommandError } from './errors';
import { fastApply } from './fast-update';
import { getPath, setPath } from './paths';
import { compareValues, deepClone, formatValue, isPlainObject, numericValue, typeName, valuesEqual, type Doc } from './values';

export type ParsedUpdate =
  | { kind: 'replace'; doc: Doc }
  | { kind: 'ops'; mod: Doc; setOnInsert: Doc | undefined; positional: boolean }
  | { kind: 'pipeline'; stages: Doc[] };

export interface UpdateContext {
  filter: Doc;
  arrayFilters?: Doc[];
  variables?: Doc;
}

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate', '$push', '$addToSet',
  '$pull', '$pullAll', '$pop', '$bit', '$setOnInsert',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
const NUMERIC_OPS = ['$inc', '$mul'];
const ARRAY_OPS = ['$push', '$addToSet', '$pull', '$pullAll', '$pop'];
// mingo refuses every path under its idKey; we check `_id` immutability ourselves instead.
const UPDATER_ID_KEY = '\u0000embedded-id';

export function parseUpdate(u: unknown): ParsedUpdate {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const op = isPlainObject(stage) ? Object.keys(stage) : [];
      if (op.length !== 1 || !PIPELINE_STAGES.has(op[0] as string)) {
        fail('InvalidOptions', `Invalid update pipeline stage: ${formatValue(stage)}`);
      }
    }
    return { kind: 'pipeline', stages: u as Doc[] };
  }
  if (!isPlainObject(u)) fail('FailedToParse', 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return { kind: 'replace', doc: u };
  if (ops.length !== keys.length) {
    const field = keys.find((k) => !k.startsWith('$')) as string;
    fail('FailedToParse', `Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  const mod: Doc = {};
  let setOnInsert: Doc | undefined;
  let positional = false;
  for (const op of ops) {
    if (!OPERATORS.has(op)) fail('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    const arg = u[op];
    if (!isPlainObject(arg)) {
      fail('FailedToParse', `Modifiers operate on fields but we found type ${typeName(arg)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${formatValue(arg)}}`);
    }
    if (Object.keys(arg).some((p) => p === '$' || p.includes('.$.') || p.endsWith('.$'))) positional = true;
    if (op === '$setOnInsert') setOnInsert = arg;
    else mod[op] = arg;
  }
  return { kind: 'ops', mod, setOnInsert, positional };
}

function idFirst(doc: Doc): Doc {
  if (Object.keys(doc)[0] === '_id') return doc;
  const out: Doc = { _id: doc._id };
  for (const k of Object.keys(doc)) if (k !== '_id') out[k] = doc[k];
  return out;
}

function idChanged(after: unknown): never {
  fail('ImmutableField', `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(after)}`);
}

function checkOperandTypes(doc: Doc, mod: Doc): void {
  for (const op of [...NUMERIC_OPS, ...ARRAY_OPS]) {
    const arg = mod[op];
    if (!isPlainObject(arg)) continue;
    for (const path of Object.keys(arg)) {
      if (path.includes('$')) continue;
      const cur = getPath(doc, path);
      if (cur === undefined) continue;
      if (NUMERIC_OPS.includes(op) && numericValue(cur) === undefined) {
        fail('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(doc._id)}} has the field '${path}' of non-numeric type ${typeName(cur)}`);
      }
      if (ARRAY_OPS.includes(op) && !Array.isArray(cur)) {
        fail('BadValue', `The field '${path}' must be an array but is of type ${typeName(cur)} in document {_id: ${formatValue(doc._id)}}`);
      }
    }
  }
}

function runOperators(target: Doc, mod: Doc, ctx: UpdateContext, positional: boolean): boolean {
  if (Object.keys(mod).length === 0) return false;
  checkOperandTypes(target, mod);
  if (!positional && !ctx.arrayFilters?.length) {
    const fast = fastApply(target, mod);
    if (fast !== undefined) return fast;
  }
  try {
    const res = mingoUpdateOne(
      [target],
      positional ? ctx.filter : {},
      mod as Modifier<Doc>,
      { arrayFilters: ctx.arrayFilters, cloneMode: 'deep' },
      { idKey: UPDATER_ID_KEY, scriptEnabled: false, variables: ctx.variables },
    );
    return res.modifiedCount > 0;
  } catch (err) {
    throw toCommandError(err);
  }
}

function runPipeline(target: Doc, stages: Doc[], variables: Doc | undefined): Doc {
  let out: unknown;
  try {
    out = new Aggregator(stages, mingoOptions(variables)).run([target])[0];
  } catch (err) {
    throw toCommandError(err);
  }
  if (!isPlainObject(out)) fail('BadValue', 'the update pipeline must produce a document');
  return out;
}

/** Applies an update to a stored document; returns the new version (or the same object when unchanged). */
export function applyUpdate(doc: Doc, upd: ParsedUpdate, ctx: UpdateContext): Doc {
  if (upd.kind === 'replace') {
    if (upd.doc._id !== undefined && !valuesEqual(upd.doc._id, doc._id)) idChanged(upd.doc._id);
    const next = idFirst({ ...deepClone(upd.doc), _id: doc._id });
    return compareValues(next, doc) === 0 ? doc : next;
  }
  if (upd.kind === 'pipeline') {
    const next = runPipeline(deepClone(doc), upd.stages, ctx.variables);
    if (!valuesEqual(next._id, doc._id)) idChanged(next._id);
    return compareValues(next, doc) === 0 ? doc : idFirst(next);
  }
  const next = deepClone(doc);
  const modified = runOperators(next, upd.mod, ctx, upd.positional);
  if (!modified) return doc;
  if (!valuesEqual(next._id, doc._id)) idChanged(next._id);
  return next;
}

/** The equality parts of a filter, as the seed of an upserted document. */
export function seedFromFilter(filter: Doc, out: Doc = {}): Doc {
  for (const key of Object.keys(filter)) {
    const v = filter[key];
    if (key === '$and' && Array.isArray(v)) {
      for (const part of v) if (isPlainObject(part)) seedFromFilter(part, out);
      continue;
    }
    if (key.startsWith('$') || v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp') continue;
    let value: unknown = v;
    if (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))) {
      const ks = Object.keys(v);
      if (ks.length !== 1 || ks[0] !== '$eq') continue;
      value = v.$eq;
    }
    if (!setPath(out, key, deepClone(value))) fail('NoSuchKey', `cannot infer query fields to set, path '${key}' is matched twice`);
  }
  return out;
}

/** The document an upsert inserts when nothing matched. */
export function buildUpsert(upd: ParsedUpdate, ctx: UpdateContext): Doc {
  const seed = seedFromFilter(ctx.filter);
  if (upd.kind === 'replace') {
    const doc: Doc = { ...deepClone(upd.doc) };
    if (doc._id === undefined) doc._id = seed._id !== undefined ? seed._id : new ObjectId();
    return idFirst(doc);
  }
  let doc: Doc;
  if (upd.kind === 'pipeline') {
    doc = runPipeline(seed, upd.stages, ctx.variables);
  } else {
    if (upd.positional) fail('BadValue', 'The positional operator did not find the match needed from the query.');
    const mod: Doc = { ...upd.mod };
    if (upd.setOnInsert) {
      const set = isPlainObject(mod.$set) ? mod.$set : {};
      for (const path of Object.keys(upd.setOnInsert)) {
        if (path in set) fail('ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${path}'`);
      }
      mod.$set = { ...set, ...upd.setOnInsert };
    }
    doc = seed;
    const seededId = seed._id;
    runOperators(doc, mod, ctx, false);
    if (seededId !== undefined && !valuesEqual(doc._id, seededId)) idChanged(doc._id);
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  return idFirst(doc);
}
