// Handshake and server-level commands. Sessions, compression and streaming monitoring are
// deliberately not advertised (no logicalSessionTimeoutMinutes, compression, topologyVersion).
import { MAX_MESSAGE_BYTES } from '../wire';
import type { CommandContext, CommandDef } from './options';
import { optBool, optDoc } from './options';
import { compileFilter } from '../matcher';
import type { Doc } from '../values';

export const SERVER_VERSION = '7.0.0';
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

function hello(legacy: boolean) {
  return (_cmd: Doc, ctx: CommandContext): Doc => ({
    helloOk: true,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  });
}

function buildInfo(): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['embedded-in-memory'],
    javascriptEngine: 'none',
    modules: [],
    ok: 1,
  };
}

function listDatabases(cmd: Doc, ctx: CommandContext): Doc {
  const nameOnly = optBool(cmd, 'listDatabases', 'nameOnly') === true;
  const filter = compileFilter(optDoc(cmd, 'listDatabases', 'filter'));
  const databases = ctx.store
    .databases()
    .map((name) => (nameOnly ? { name } : { name, sizeOnDisk: 0, empty: false }))
    .filter((d) => filter.test(d));
  return nameOnly ? { databases, ok: 1 } : { databases, totalSize: 0, totalSizeMb: 0, ok: 1 };
}

export const adminCommands: Record<string, CommandDef> = {
  hello: { run: hello(false), apiV1: true },
  isMaster: { run: hello(true), apiV1: false },
  ismaster: { run: hello(true), apiV1: false },
  ping: { run: () => ({ ok: 1 }), fields: [], apiV1: true },
  buildInfo: { run: buildInfo, fields: [], apiV1: false },
  buildinfo: { run: buildInfo, fields: [], apiV1: false },
  endSessions: { run: () => ({ ok: 1 }), fields: [], apiV1: true },
  listDatabases: { run: listDatabases, fields: ['nameOnly', 'filter', 'authorizedDatabases'], apiV1: true },
};
