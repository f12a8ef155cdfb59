// Command dispatch: finds the handler, refuses unknown commands and fields, transactions and
// Stable API violations with MongoDB's codes, and turns every failure into an error reply.
import type { CursorManager } from '../cursors';
import { fail, MongoCommandError, toCommandError } from '../errors';
import type { EmbeddedLogger } from '../logger';
import type { Store } from '../store';
import type { Doc } from '../values';
import { adminCommands } from './admin';
import { ddlCommands } from './ddl';
import { findAndModifyCommands } from './find-and-modify';
import type { CommandDef } from './options';
import { readCommands } from './read';
import { writeCommands } from './write';

const COMMANDS: Record<string, CommandDef> = {
  ...adminCommands,
  ...ddlCommands,
  ...writeCommands,
  ...readCommands,
  ...findAndModifyCommands,
};

const GENERIC_FIELDS = new Set([
  '$db', 'lsid', '$readPreference', '$clusterTime', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'comment',
  'maxTimeMS', '$audit', '$client', 'mayBypassWriteBlocking',
]);
const TRANSACTION_FIELDS = ['txnNumber', 'startTransaction', 'autocommit', 'stmtId', 'stmtIds'];

function checkApi(cmd: Doc, name: string, def: CommandDef): void {
  const version = cmd.apiVersion;
  if (version === undefined) {
    if (cmd.apiStrict !== undefined || cmd.apiDeprecationErrors !== undefined) {
      fail('InvalidOptions', "Parameter apiStrict or apiDeprecationErrors requires apiVersion");
    }
    return;
  }
  if (version !== '1') fail('APIVersionError', 'API version must be "1"');
  if (cmd.apiStrict === true && !def.apiV1) fail('APIStrictError', `Provided apiStrict:true, but the command ${name} is not in API Version 1`);
}

function checkFields(cmd: Doc, name: string, def: CommandDef): void {
  for (const f of TRANSACTION_FIELDS) {
    if (cmd[f] !== undefined) fail('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
  }
  if (!def.fields) return;
  const allowed = def.fields;
  for (const k of Object.keys(cmd)) {
    if (k === name || GENERIC_FIELDS.has(k) || allowed.includes(k)) continue;
    fail('UnknownField', `BSON field '${name}.${k}' is an unknown field.`);
  }
}

export class CommandDispatcher {
  private readonly store: Store;
  private readonly cursors: CursorManager;
  private readonly logger: EmbeddedLogger;

  constructor(store: Store, cursors: CursorManager, logger: EmbeddedLogger) {
    this.store = store;
    this.cursors = cursors;
    this.logger = logger;
  }

  run(body: Doc, connectionId: number): Doc {
    const name = Object.keys(body)[0] ?? '';
    try {
      const def = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
      if (!def) fail('CommandNotFound', `no such command: '${name}'`);
      const db = body.$db;
      if (typeof db !== 'string' || db.length === 0) fail('FailedToParse', 'OP_MSG requests require a $db argument');
      checkApi(body, name, def);
      checkFields(body, name, def);
      return def.run(body, { store: this.store, cursors: this.cursors, connectionId, db });
    } catch (err) {
      const e = toCommandError(err);
      if (!(err instanceof MongoCommandError) && e.code === 1) {
        this.logger.error({ command: name, err: e.message, stack: err instanceof Error ? err.stack : undefined }, 'embedded mongo: internal error');
      }
      return e.toReply();
    }
  }
}
