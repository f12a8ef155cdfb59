// Collection and index management commands.
import { parseIndexSpec, type IndexSpec } from '../collection-index';
import { ID_INDEX_NAME } from '../collection';
import { cursorReply } from '../cursors';
import { fail } from '../errors';
import { compileFilter } from '../matcher';
import { validateCollectionName, validateDbName } from '../store';
import { isPlainObject, valueKey, type Doc } from '../values';
import {
  checkCollation,
  checkWriteConcern,
  collectionName,
  optArray,
  optBool,
  optDoc,
  optInt,
  type CommandContext,
  type CommandDef,
} from './options';

const UNSUPPORTED_CREATE_OPTIONS = [
  'capped', 'size', 'max', 'viewOn', 'pipeline', 'validator', 'validationLevel', 'validationAction',
  'timeseries', 'clusteredIndex', 'expireAfterSeconds', 'storageEngine', 'indexOptionDefaults',
  'changeStreamPreAndPostImages', 'encryptedFields',
];

function create(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'create');
  for (const opt of UNSUPPORTED_CREATE_OPTIONS) {
    const v = cmd[opt];
    if (v !== undefined && v !== false) fail('InvalidOptions', `create option '${opt}' is not supported by the embedded store`);
  }
  checkCollation(cmd.collation);
  checkWriteConcern(cmd.writeConcern);
  validateDbName(ctx.db);
  validateCollectionName(ctx.db, name);
  ctx.store.getOrCreate(ctx.db, name);
  return { ok: 1 };
}

function drop(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'drop');
  checkWriteConcern(cmd.writeConcern);
  const coll = ctx.store.dropCollection(ctx.db, name);
  return coll ? { nIndexesWas: coll.indexCount(), ns: coll.ns, ok: 1 } : { ok: 1 };
}

function dropDatabase(cmd: Doc, ctx: CommandContext): Doc {
  checkWriteConcern(cmd.writeConcern);
  ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

function listCollections(cmd: Doc, ctx: CommandContext): Doc {
  const nameOnly = optBool(cmd, 'listCollections', 'nameOnly') === true;
  const filter = compileFilter(optDoc(cmd, 'listCollections', 'filter'));
  const cursorOpts = optDoc(cmd, 'listCollections', 'cursor') ?? {};
  const batchSize = optInt(cursorOpts, 'listCollections.cursor', 'batchSize');
  const docs = ctx.store
    .collections(ctx.db)
    .map((c): Doc =>
      nameOnly
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: {},
            info: { readOnly: false, uuid: c.uuid },
            idIndex: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
          },
    )
    .filter((d) => filter.test(d));
  const ns = `${ctx.db}.$cmd.listCollections`;
  return cursorReply(ns, ctx.cursors.first(ns, docs, batchSize, false), 'firstBatch');
}

function listIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'listIndexes');
  const coll = ctx.store.get(ctx.db, name);
  if (!coll) fail('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const cursorOpts = optDoc(cmd, 'listIndexes', 'cursor') ?? {};
  const batchSize = optInt(cursorOpts, 'listIndexes.cursor', 'batchSize');
  return cursorReply(coll.ns, ctx.cursors.first(coll.ns, coll.listIndexes(), batchSize, false), 'firstBatch');
}

function createIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'createIndexes');
  checkWriteConcern(cmd.writeConcern);
  const raw = optArray(cmd, 'createIndexes', 'indexes');
  if (!raw || raw.length === 0) fail('BadValue', 'Must specify at least one index to create');
  const specs: IndexSpec[] = raw.map(parseIndexSpec);
  const existed = ctx.store.get(ctx.db, name) !== undefined;
  const coll = ctx.store.getOrCreate(ctx.db, name);
  const before = coll.indexCount();
  const created: string[] = [];
  try {
    for (const spec of specs) if (coll.createIndex(spec)) created.push(spec.name);
  } catch (err) {
    for (const n of created) coll.dropIndex(n);
    throw err;
  }
  const reply: Doc = { numIndexesBefore: before, numIndexesAfter: coll.indexCount(), createdCollectionAutomatically: !existed, ok: 1 };
  if (created.length === 0) reply.note = 'all indexes already exist';
  return reply;
}

function dropIndexes(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'dropIndexes');
  checkWriteConcern(cmd.writeConcern);
  const coll = ctx.store.get(ctx.db, name);
  if (!coll) fail('NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
  const was = coll.indexCount();
  const index = cmd.index;
  if (index === '*') {
    coll.dropAllIndexes();
    return { nIndexesWas: was, msg: 'non-_id indexes dropped for collection', ok: 1 };
  }
  const names: string[] = [];
  if (typeof index === 'string') names.push(index);
  else if (Array.isArray(index) && index.every((n): n is string => typeof n === 'string')) names.push(...index);
  else if (isPlainObject(index)) {
    const wanted = valueKey(index);
    if (wanted === valueKey({ _id: 1 })) fail('InvalidOptions', 'cannot drop _id index');
    const match = coll.listIndexes().find((ix) => valueKey(ix.key) === wanted);
    if (!match) fail('IndexNotFound', `can't find index with key: ${JSON.stringify(index)}`);
    names.push(match.name as string);
  } else {
    fail('TypeMismatch', "BSON field 'dropIndexes.index' is the wrong type");
  }
  for (const n of names) if (n !== ID_INDEX_NAME && !coll.indexNamed(n)) fail('IndexNotFound', `index not found with name [${n}]`);
  for (const n of names) coll.dropIndex(n);
  return { nIndexesWas: was, ok: 1 };
}

const createFields = ['collation', 'writeConcern', 'autoIndexId', 'idIndex', ...UNSUPPORTED_CREATE_OPTIONS];

export const ddlCommands: Record<string, CommandDef> = {
  create: { run: create, fields: createFields, apiV1: true },
  drop: { run: drop, fields: ['writeConcern'], apiV1: true },
  dropDatabase: { run: dropDatabase, fields: ['writeConcern'], apiV1: true },
  listCollections: { run: listCollections, fields: ['filter', 'nameOnly', 'authorizedCollections', 'cursor'], apiV1: true },
  listIndexes: { run: listIndexes, fields: ['cursor'], apiV1: true },
  createIndexes: { run: createIndexes, fields: ['indexes', 'writeConcern', 'commitQuorum'], apiV1: true },
  dropIndexes: { run: dropIndexes, fields: ['index', 'writeConcern'], apiV1: true },
  deleteIndexes: { run: dropIndexes, fields: ['index', 'writeConcern'], apiV1: false },
};
