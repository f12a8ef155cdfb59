// Update and delete on one collection, shared by the update/delete commands, findAndModify
// and the write paths of tests.
import { fail } from '../errors';
import { compileFilter } from '../matcher';
import { sortDocs, type SortSpec } from '../sort';
import type { Store } from '../store';
import { applyUpdate, buildUpsert, type ParsedUpdate } from '../update';
import { bsonType, type Doc } from '../values';
import { ObjectId } from 'bson';

export interface UpdateStatement {
  q: Doc;
  u: ParsedUpdate;
  multi: boolean;
  upsert: boolean;
  arrayFilters?: Doc[];
  variables?: Doc;
  sort?: SortSpec;
}

export interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** The first matched document before and after the update (single-document updates). */
  before?: Doc;
  after?: Doc;
}

export function validateId(id: unknown): void {
  if (Array.isArray(id)) fail('BadValue', "can't use an array for _id");
  if (id instanceof RegExp || bsonType(id) === 'BSONRegExp') fail('BadValue', "can't use a regex for _id");
}

/** A document ready to be stored: `_id` first (generated when absent). */
export function prepareInsert(doc: Doc): Doc {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  validateId(doc._id);
  if (Object.keys(doc)[0] === '_id') return doc;
  return { _id: doc._id, ...doc };
}

export function executeUpdate(store: Store, db: string, collName: string, stmt: UpdateStatement): UpdateOutcome {
  const cf = compileFilter(stmt.q, stmt.variables);
  const ctx = { filter: stmt.q, arrayFilters: stmt.arrayFilters, variables: stmt.variables };
  const coll = store.get(db, collName);
  let targets: Doc[] = [];
  if (coll) {
    if (stmt.multi) targets = coll.matching(cf);
    else if (stmt.sort) targets = sortDocs(coll.matching(cf), stmt.sort).slice(0, 1);
    else targets = coll.matching(cf, 1);
  }
  if (coll && targets.length > 0) {
    let modified = 0;
    let first: { before: Doc; after: Doc } | undefined;
    for (const doc of targets) {
      const next = applyUpdate(doc, stmt.u, ctx);
      if (next !== doc) {
        coll.replace(doc, next);
        modified++;
      }
      first ??= { before: doc, after: next };
    }
    return { matched: targets.length, modified, ...first };
  }
  if (!stmt.upsert) return { matched: 0, modified: 0 };
  const doc = buildUpsert(stmt.u, ctx);
  validateId(doc._id);
  store.getOrCreate(db, collName).insert(doc);
  return { matched: 0, modified: 0, upsertedId: doc._id, after: doc };
}

export interface DeleteOutcome {
  deleted: number;
  first?: Doc;
}

export function executeDelete(store: Store, db: string, collName: string, q: Doc, limitOne: boolean, variables?: Doc, sort?: SortSpec): DeleteOutcome {
  const coll = store.get(db, collName);
  if (!coll) return { deleted: 0 };
  const cf = compileFilter(q, variables);
  let targets: Doc[];
  if (!limitOne) targets = coll.matching(cf);
  else if (sort) targets = sortDocs(coll.matching(cf), sort).slice(0, 1);
  else targets = coll.matching(cf, 1);
  let deleted = 0;
  for (const doc of targets) if (coll.remove(doc)) deleted++;
  return { deleted, first: targets[0] };
}
