// find, getMore, killCursors, count, distinct and aggregate.
import { Long } from 'bson';
import { runPipeline, type OutTarget } from '../aggregate';
import { Collection } from '../collection';
import { cursorReply, toCursorId } from '../cursors';
import { fail } from '../errors';
import { compileFilter } from '../matcher';
import { pathValues } from '../paths';
import { parseSort, projectDocs, sortDocs } from '../sort';
import type { Store } from '../store';
import { compareValues, valueKey, type Doc } from '../values';
import { prepareInsert } from './crud-core';
import {
  checkCollation,
  checkHint,
  checkReadConcern,
  checkWriteConcern,
  collectionName,
  letVariables,
  nonNegative,
  optArray,
  optBool,
  optDoc,
  optInt,
  type CommandContext,
  type CommandDef,
} from './options';

const FIND_UNSUPPORTED = ['min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData'];

function find(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'find');
  for (const opt of FIND_UNSUPPORTED) {
    const v = cmd[opt];
    if (v !== undefined && v !== false && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0)) {
      fail('InvalidOptions', `find option '${opt}' is not supported by the embedded store`);
    }
  }
  checkReadConcern(cmd.readConcern);
  checkCollation(cmd.collation);
  const coll = ctx.store.get(ctx.db, name);
  checkHint(coll, cmd.hint);
  const filter = optDoc(cmd, 'find', 'filter') ?? {};
  const sort = parseSort(optDoc(cmd, 'find', 'sort'));
  const projection = optDoc(cmd, 'find', 'projection');
  const variables = letVariables(cmd, 'find');
  const skip = nonNegative(optInt(cmd, 'find', 'skip'), 'find', 'skip');
  const rawLimit = optInt(cmd, 'find', 'limit') ?? 0;
  const limit = Math.abs(rawLimit);
  const batchSize = optInt(cmd, 'find', 'batchSize');
  if (batchSize !== undefined) nonNegative(batchSize, 'find', 'batchSize');
  const singleBatch = optBool(cmd, 'find', 'singleBatch') === true || rawLimit < 0;
  const ns = `${ctx.db}.${name}`;
  const cf = compileFilter(filter, variables);
  let docs: Doc[] = [];
  if (coll) {
    docs = sort ? sortDocs(coll.matching(cf), sort) : coll.matching(cf, limit > 0 ? skip + limit : 0);
    docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
    docs = projectDocs(docs, projection, filter, variables);
  }
  const noTimeout = optBool(cmd, 'find', 'noCursorTimeout') === true;
  return cursorReply(ns, ctx.cursors.first(ns, docs, batchSize, singleBatch, noTimeout), 'firstBatch');
}

function getMore(cmd: Doc, ctx: CommandContext): Doc {
  const id = toCursorId(cmd.getMore);
  if (id === undefined) fail('TypeMismatch', "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  const coll = cmd.collection;
  if (typeof coll !== 'string' || coll.length === 0) fail('TypeMismatch', "BSON field 'getMore.collection' is missing or the wrong type");
  const batchSize = nonNegative(optInt(cmd, 'getMore', 'batchSize'), 'getMore', 'batchSize');
  const ns = `${ctx.db}.${coll}`;
  return cursorReply(ns, ctx.cursors.more(id, ns, batchSize), 'nextBatch');
}

function killCursors(cmd: Doc, ctx: CommandContext): Doc {
  collectionName(cmd, 'killCursors');
  const ids = optArray(cmd, 'killCursors', 'cursors');
  if (!ids) fail('FailedToParse', "BSON field 'killCursors.cursors' is missing but a required field");
  const killed: unknown[] = [];
  const notFound: unknown[] = [];
  for (const raw of ids) {
    const id = toCursorId(raw);
    if (id === undefined) fail('TypeMismatch', "BSON field 'killCursors.cursors' elements must be longs");
    (ctx.cursors.kill(id) ? killed : notFound).push(Long.fromNumber(id));
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function count(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'count');
  checkReadConcern(cmd.readConcern);
  checkCollation(cmd.collation);
  const coll = ctx.store.get(ctx.db, name);
  checkHint(coll, cmd.hint);
  const query = optDoc(cmd, 'count', 'query') ?? {};
  const skip = nonNegative(optInt(cmd, 'count', 'skip'), 'count', 'skip');
  const limit = Math.abs(optInt(cmd, 'count', 'limit') ?? 0);
  const cf = compileFilter(query);
  if (!coll) return { n: 0, ok: 1 };
  const total = cf.empty ? coll.count : coll.matching(cf, limit > 0 ? skip + limit : 0).length;
  const n = Math.max(0, limit > 0 ? Math.min(total - skip, limit) : total - skip);
  return { n, ok: 1 };
}

function distinct(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'distinct');
  checkReadConcern(cmd.readConcern);
  checkCollation(cmd.collation);
  const key = cmd.key;
  if (typeof key !== 'string' || key.length === 0) fail('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  const coll = ctx.store.get(ctx.db, name);
  checkHint(coll, cmd.hint);
  const cf = compileFilter(optDoc(cmd, 'distinct', 'query'));
  if (!coll) return { values: [], ok: 1 };
  const seen = new Map<string, unknown>();
  for (const doc of coll.matching(cf)) {
    for (const v of pathValues(doc, key)) {
      const k = valueKey(v);
      if (!seen.has(k)) seen.set(k, v);
    }
  }
  return { values: Array.from(seen.values()).sort(compareValues), ok: 1 };
}

function writeOut(store: Store, target: OutTarget, docs: Doc[]): void {
  const previous = store.get(target.db, target.coll);
  const next = new Collection(target.db, target.coll);
  for (const spec of previous?.secondaryIndexSpecs() ?? []) next.createIndex(spec);
  for (const doc of docs) next.insert(prepareInsert(doc));
  store.put(next);
}

function aggregate(cmd: Doc, ctx: CommandContext): Doc {
  if (cmd.aggregate === 1) fail('InvalidOptions', 'database-level aggregation is not supported by the embedded store');
  const name = collectionName(cmd, 'aggregate');
  if (cmd.explain !== undefined && cmd.explain !== false) fail('InvalidOptions', 'explain is not supported by the embedded store');
  const cursorOpts = optDoc(cmd, 'aggregate', 'cursor');
  if (!cursorOpts) fail('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  checkReadConcern(cmd.readConcern);
  checkWriteConcern(cmd.writeConcern);
  checkCollation(cmd.collation);
  const pipeline = optArray(cmd, 'aggregate', 'pipeline');
  if (!pipeline) fail('FailedToParse', "BSON field 'aggregate.pipeline' is missing but a required field");
  const coll = ctx.store.get(ctx.db, name);
  checkHint(coll, cmd.hint);
  const result = runPipeline(ctx.store, ctx.db, coll, pipeline, letVariables(cmd, 'aggregate'));
  const ns = `${ctx.db}.${name}`;
  if (result.out) {
    writeOut(ctx.store, result.out, result.docs);
    return cursorReply(ns, { docs: [], id: 0 }, 'firstBatch');
  }
  const batchSize = optInt(cursorOpts, 'aggregate.cursor', 'batchSize');
  return cursorReply(ns, ctx.cursors.first(ns, result.docs, batchSize, false), 'firstBatch');
}

const FIND_FIELDS = [
  'filter', 'sort', 'projection', 'hint', 'skip', 'limit', 'batchSize', 'singleBatch', 'readConcern', 'max', 'min',
  'returnKey', 'showRecordId', 'tailable', 'oplogReplay', 'noCursorTimeout', 'awaitData', 'allowPartialResults',
  'collation', 'allowDiskUse', 'let', 'readOnce',
];

export const readCommands: Record<string, CommandDef> = {
  find: { run: find, fields: FIND_FIELDS, apiV1: true },
  getMore: { run: getMore, fields: ['collection', 'batchSize', 'maxTimeMS'], apiV1: true },
  killCursors: { run: killCursors, fields: ['cursors'], apiV1: true },
  count: { run: count, fields: ['query', 'limit', 'skip', 'hint', 'collation', 'readConcern', 'fields'], apiV1: true },
  distinct: { run: distinct, fields: ['key', 'query', 'collation', 'readConcern', 'hint'], apiV1: false },
  aggregate: {
    run: aggregate,
    fields: ['pipeline', 'cursor', 'explain', 'allowDiskUse', 'collation', 'hint', 'readConcern', 'writeConcern', 'let', 'bypassDocumentValidation'],
    apiV1: true,
  },
};
