// insert, update and delete: batches with ordered/unordered semantics and per-statement
// writeErrors (E11000 carries keyPattern and keyValue).
import { fail, MongoCommandError, toCommandError } from '../errors';
import { parseUpdate } from '../update';
import { isPlainObject, type Doc } from '../values';
import { executeDelete, executeUpdate, prepareInsert } from './crud-core';
import {
  checkCollation,
  checkHint,
  checkWriteConcern,
  collectionName,
  letVariables,
  optArray,
  optBool,
  type CommandContext,
  type CommandDef,
} from './options';

const WRITE_FIELDS = ['ordered', 'writeConcern', 'bypassDocumentValidation', 'let'];
const UPDATE_STATEMENT_FIELDS = new Set(['q', 'u', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation', 'c', 'upsertSupplied']);
const DELETE_STATEMENT_FIELDS = new Set(['q', 'limit', 'hint', 'collation']);

function statements(cmd: Doc, cmdName: string, field: string): Doc[] {
  const list = optArray(cmd, cmdName, field);
  if (!list) fail('FailedToParse', `BSON field '${cmdName}.${field}' is missing but a required field`);
  if (list.length === 0) fail('InvalidLength', `Write batch sizes must be between 1 and 100000. Got 0 operations.`);
  return list.map((s) => {
    if (!isPlainObject(s)) fail('TypeMismatch', `BSON field '${cmdName}.${field}' elements must be objects`);
    return s;
  });
}

function checkStatementFields(stmt: Doc, allowed: Set<string>, path: string): void {
  for (const k of Object.keys(stmt)) if (!allowed.has(k)) fail('UnknownField', `BSON field '${path}.${k}' is an unknown field.`);
}

/** Runs statements in order, collecting writeErrors; stops at the first error when ordered. */
function runBatch(count: number, ordered: boolean, run: (i: number) => void): Doc[] {
  const writeErrors: Doc[] = [];
  for (let i = 0; i < count; i++) {
    try {
      run(i);
    } catch (err) {
      const e: MongoCommandError = toCommandError(err);
      writeErrors.push(e.toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function finish(reply: Doc, writeErrors: Doc[]): Doc {
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

function insert(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'insert');
  checkWriteConcern(cmd.writeConcern);
  const docs = statements(cmd, 'insert', 'documents');
  const ordered = optBool(cmd, 'insert', 'ordered') ?? true;
  const coll = ctx.store.getOrCreate(ctx.db, name);
  let n = 0;
  const writeErrors = runBatch(docs.length, ordered, (i) => {
    coll.insert(prepareInsert(docs[i] as Doc));
    n++;
  });
  return finish({ n }, writeErrors);
}

function update(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'update');
  checkWriteConcern(cmd.writeConcern);
  const stmts = statements(cmd, 'update', 'updates');
  const ordered = optBool(cmd, 'update', 'ordered') ?? true;
  const cmdLet = letVariables(cmd, 'update');
  for (const s of stmts) checkStatementFields(s, UPDATE_STATEMENT_FIELDS, 'update.updates');
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = runBatch(stmts.length, ordered, (i) => {
    const s = stmts[i] as Doc;
    if (!isPlainObject(s.q)) fail('TypeMismatch', "BSON field 'update.updates.q' is missing or not an object");
    checkCollation(s.collation);
    checkHint(ctx.store.get(ctx.db, name), s.hint);
    const u = parseUpdate(s.u);
    const multi = optBool(s, 'update.updates', 'multi') === true;
    if (multi && u.kind === 'replace') fail('FailedToParse', 'multi update is not supported for replacement-style update');
    const arrayFilters = optArray(s, 'update.updates', 'arrayFilters') as Doc[] | undefined;
    const constants = isPlainObject(s.c) ? s.c : undefined;
    const variables = cmdLet || constants ? { ...cmdLet, ...constants } : undefined;
    const res = executeUpdate(ctx.store, ctx.db, name, {
      q: s.q,
      u,
      multi,
      upsert: optBool(s, 'update.updates', 'upsert') === true,
      arrayFilters,
      variables,
    });
    n += res.matched;
    nModified += res.modified;
    if (res.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index: i, _id: res.upsertedId });
    }
  });
  const reply: Doc = { n, nModified };
  if (upserted.length > 0) reply.upserted = upserted;
  return finish(reply, writeErrors);
}

function remove(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, 'delete');
  checkWriteConcern(cmd.writeConcern);
  const stmts = statements(cmd, 'delete', 'deletes');
  const ordered = optBool(cmd, 'delete', 'ordered') ?? true;
  const variables = letVariables(cmd, 'delete');
  for (const s of stmts) checkStatementFields(s, DELETE_STATEMENT_FIELDS, 'delete.deletes');
  let n = 0;
  const writeErrors = runBatch(stmts.length, ordered, (i) => {
    const s = stmts[i] as Doc;
    if (!isPlainObject(s.q)) fail('TypeMismatch', "BSON field 'delete.deletes.q' is missing or not an object");
    const limit = s.limit;
    if (limit !== 0 && limit !== 1) fail('FailedToParse', 'The limit field in delete objects must be 0 or 1. Got ' + String(limit));
    checkCollation(s.collation);
    checkHint(ctx.store.get(ctx.db, name), s.hint);
    n += executeDelete(ctx.store, ctx.db, name, s.q, limit === 1, variables).deleted;
  });
  return finish({ n }, writeErrors);
}

export const writeCommands: Record<string, CommandDef> = {
  insert: { run: insert, fields: ['documents', ...WRITE_FIELDS], apiV1: true },
  update: { run: update, fields: ['updates', ...WRITE_FIELDS], apiV1: true },
  delete: { run: remove, fields: ['deletes', ...WRITE_FIELDS], apiV1: true },
};
