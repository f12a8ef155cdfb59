// Shared command plumbing: context, typed field readers with MongoDB's error shapes, and
// the options the store cannot honour (collation, tags, snapshot reads) refused loudly.
import type { Collection } from '../collection';
import type { CursorManager } from '../cursors';
import { fail } from '../errors';
import type { Store } from '../store';
import { isPlainObject, typeName, type Doc } from '../values';

export interface CommandContext {
  store: Store;
  cursors: CursorManager;
  connectionId: number;
  db: string;
}

export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc;

export interface CommandDef {
  run: CommandHandler;
  /** Fields accepted besides the generic ones; undefined = accept anything (handshake). */
  fields?: readonly string[];
  /** Part of the Stable API v1 (for apiStrict). */
  apiV1: boolean;
}

function wrongType(cmdName: string, field: string, v: unknown, expected: string): never {
  fail('TypeMismatch', `BSON field '${cmdName}.${field}' is the wrong type '${typeName(v)}', expected type '${expected}'`);
}

export function optDoc(cmd: Doc, cmdName: string, field: string): Doc | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) wrongType(cmdName, field, v, 'object');
  return v;
}

export function optBool(cmd: Doc, cmdName: string, field: string): boolean | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  wrongType(cmdName, field, v, 'bool');
}

export function optInt(cmd: Doc, cmdName: string, field: string): number | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) wrongType(cmdName, field, v, 'long');
  return Math.trunc(v);
}

export function optArray(cmd: Doc, cmdName: string, field: string): unknown[] | undefined {
  const v = cmd[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) wrongType(cmdName, field, v, 'array');
  return v;
}

export function nonNegative(v: number | undefined, cmdName: string, field: string): number {
  if (v === undefined) return 0;
  if (v < 0) fail('BadValue', `BSON field '${cmdName}.${field}' value must be >= 0, actual value '${v}'`);
  return v;
}

/** The collection named by the command's first field. */
export function collectionName(cmd: Doc, cmdName: string): string {
  const v = cmd[cmdName];
  if (typeof v !== 'string' || v.length === 0) fail('InvalidNamespace', `collection name has invalid type ${typeName(v)}`);
  return v;
}

export function checkCollation(v: unknown): void {
  if (v === undefined || v === null) return;
  if (isPlainObject(v) && v.locale === 'simple' && Object.keys(v).length === 1) return;
  fail('BadValue', 'collation other than {locale: "simple"} is not supported by the embedded store');
}

export function checkHint(coll: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null) return;
  if (typeof hint !== 'string' && !isPlainObject(hint)) fail('FailedToParse', 'hint must be a string or an object');
  if (typeof hint === 'string' && hint.length === 0) return;
  if (isPlainObject(hint) && Object.keys(hint).length === 0) return;
  if (!coll || !coll.hasIndex(hint)) fail('BadValue', 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
}

export function checkWriteConcern(v: unknown): void {
  if (v === undefined || v === null) return;
  if (!isPlainObject(v)) fail('FailedToParse', 'writeConcern must be an object');
  const w = v.w;
  if (w === undefined || w === 0 || w === 1 || w === 'majority') return;
  if (typeof w === 'number' && w > 1) fail('BadValue', "cannot use 'w' > 1 on a standalone");
  if (typeof w === 'string') fail('UnsatisfiableWriteConcern', `No write concern mode named '${w}' found in replica set configuration`);
  fail('FailedToParse', 'w has to be a number or a string');
}

export function checkReadConcern(v: unknown): void {
  if (v === undefined || v === null) return;
  if (!isPlainObject(v)) fail('FailedToParse', 'readConcern must be an object');
  for (const k of Object.keys(v)) {
    if (k !== 'level') fail('InvalidOptions', `readConcern option '${k}' is not supported by the embedded store`);
  }
  const level = v.level;
  if (level === undefined || level === 'local' || level === 'available' || level === 'majority') return;
  fail('BadValue', `readConcern level '${String(level)}' is not supported by the embedded store`);
}

/** A `let` document of variables (MongoDB names them without the `$$`). */
export function letVariables(cmd: Doc, cmdName: string): Doc | undefined {
  return optDoc(cmd, cmdName, 'let');
}
