// findAndModify: the single-document read-modify-write behind findOneAndUpdate/Replace/Delete.
import { fail } from '../errors';
import { parseSort, projectDocs } from '../sort';
import { parseUpdate } from '../update';
import type { Doc } from '../values';
import { executeDelete, executeUpdate } from './crud-core';
import {
  checkCollation,
  checkHint,
  checkWriteConcern,
  collectionName,
  letVariables,
  optArray,
  optBool,
  optDoc,
  type CommandContext,
  type CommandDef,
} from './options';

const NAME = 'findAndModify';

function findAndModify(cmd: Doc, ctx: CommandContext): Doc {
  const name = collectionName(cmd, NAME);
  checkWriteConcern(cmd.writeConcern);
  checkCollation(cmd.collation);
  checkHint(ctx.store.get(ctx.db, name), cmd.hint);
  const query = optDoc(cmd, NAME, 'query') ?? {};
  const sort = parseSort(optDoc(cmd, NAME, 'sort'));
  const fields = optDoc(cmd, NAME, 'fields');
  const remove = optBool(cmd, NAME, 'remove') === true;
  const returnNew = optBool(cmd, NAME, 'new') === true;
  const upsert = optBool(cmd, NAME, 'upsert') === true;
  const variables = letVariables(cmd, NAME);
  const hasUpdate = cmd.update !== undefined && cmd.update !== null;
  if (remove && hasUpdate) fail('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && !hasUpdate) fail('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && returnNew) fail('FailedToParse', "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  if (remove && upsert) fail('FailedToParse', 'Cannot specify both upsert=true and remove=true');

  const project = (doc: Doc | undefined): Doc | null => (doc ? (projectDocs([doc], fields, query, variables)[0] ?? null) : null);

  if (remove) {
    const res = executeDelete(ctx.store, ctx.db, name, query, true, variables, sort);
    return { lastErrorObject: { n: res.deleted }, value: project(res.first), ok: 1 };
  }
  const u = parseUpdate(cmd.update);
  const arrayFilters = optArray(cmd, NAME, 'arrayFilters') as Doc[] | undefined;
  const res = executeUpdate(ctx.store, ctx.db, name, { q: query, u, multi: false, upsert, arrayFilters, variables, sort });
  const lastErrorObject: Doc = { n: res.matched > 0 || res.upsertedId !== undefined ? 1 : 0, updatedExisting: res.matched > 0 };
  if (res.upsertedId !== undefined) lastErrorObject.upserted = res.upsertedId;
  const value = returnNew ? project(res.after) : project(res.before);
  return { lastErrorObject, value, ok: 1 };
}

const FIELDS = [
  'query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'bypassDocumentValidation', 'writeConcern',
  'collation', 'arrayFilters', 'hint', 'let',
];

export const findAndModifyCommands: Record<string, CommandDef> = {
  findAndModify: { run: findAndModify, fields: FIELDS, apiV1: true },
  findandmodify: { run: findAndModify, fields: FIELDS, apiV1: true },
};
