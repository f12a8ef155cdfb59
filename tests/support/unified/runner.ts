// A runner for the subset of MongoDB's unified test format that the CRUD specification tests
// use: createEntities, initialData, operations with expectResult/expectError, and outcome.
import { readFileSync } from 'node:fs';
import { EJSON } from 'bson';
import { MongoClient, MongoServerError, type Db, type MongoClientOptions } from 'mongodb';
import { mismatch } from './match';
import { execute, normalizeResult, SUPPORTED_OPERATIONS, type Entity } from './operations';

type Obj = Record<string, unknown>;

export interface ServerInfo {
  version: number[];
  topology: 'single' | 'replicaset' | 'sharded';
}

export interface UnifiedResult {
  file: string;
  test: string;
  status: 'pass' | 'fail' | 'skip';
  reason?: string;
}

export interface RunOptions {
  uri: string;
  server: ServerInfo;
  /** Prefix for every database name (isolation on a shared real server). */
  dbPrefix?: string;
}

const SKIPPED_OPERATIONS = new Set(['count', 'clientBulkWrite', 'failPoint', 'targetedFailPoint']);

export async function describeServer(uri: string): Promise<ServerInfo> {
  const client = await MongoClient.connect(uri);
  try {
    const admin = client.db('admin');
    const build = await admin.command({ buildInfo: 1 });
    const hello = await admin.command({ hello: 1 });
    const version = String(build.version).split('.').map((p) => Number.parseInt(p, 10) || 0);
    const topology = hello.msg === 'isdbgrid' ? 'sharded' : hello.setName ? 'replicaset' : 'single';
    return { version, topology };
  } finally {
    await client.close();
  }
}

function parseVersion(v: unknown): number[] {
  return String(v).split('.').map((p) => Number.parseInt(p, 10) || 0);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function requirementMet(req: Obj, server: ServerInfo): boolean {
  if (req.minServerVersion !== undefined && compareVersions(server.version, parseVersion(req.minServerVersion)) < 0) return false;
  if (req.maxServerVersion !== undefined) {
    const max = parseVersion(req.maxServerVersion);
    if (compareVersions(server.version.slice(0, max.length), max) > 0) return false;
  }
  if (Array.isArray(req.topologies)) {
    const names = server.topology === 'sharded' ? ['sharded', 'sharded-replicaset'] : [server.topology];
    if (!req.topologies.some((t) => names.includes(String(t)))) return false;
  }
  if (req.serverless === 'require') return false;
  if (req.auth === true || req.csfle === true) return false;
  if (req.serverParameters !== undefined) return false;
  return true;
}

function requirementsMet(reqs: unknown, server: ServerInfo): boolean {
  if (!Array.isArray(reqs) || reqs.length === 0) return true;
  return reqs.some((r) => requirementMet(r as Obj, server));
}

function skipReason(test: Obj): string | undefined {
  if (typeof test.skipReason === 'string') return test.skipReason;
  for (const op of test.operations as Obj[]) {
    const name = String(op.name);
    if (SKIPPED_OPERATIONS.has(name)) return `operation ${name} is outside this runner's subset`;
    const args = (op.arguments ?? {}) as Obj;
    if (name === 'createCollection' && args.viewOn !== undefined) return 'views are outside this runner\'s subset';
    if (!SUPPORTED_OPERATIONS.has(name)) return `operation ${name} is not supported by this runner`;
    if (args.session !== undefined) return 'sessions are outside this runner\'s subset';
  }
  return undefined;
}

interface Entities {
  clients: MongoClient[];
  map: Map<string, Entity>;
}

async function createEntities(defs: Obj[], opts: RunOptions, dbName: (n: string) => string): Promise<Entities> {
  const clients = new Map<string, MongoClient>();
  const map = new Map<string, Entity>();
  for (const def of defs) {
    const [kind, spec] = Object.entries(def)[0] as [string, Obj];
    const id = String(spec.id);
    if (kind === 'client') {
      const uriOptions = (spec.uriOptions ?? {}) as Obj;
      const options: MongoClientOptions = {};
      if (typeof uriOptions.retryReads === 'boolean') options.retryReads = uriOptions.retryReads;
      if (typeof uriOptions.retryWrites === 'boolean') options.retryWrites = uriOptions.retryWrites;
      clients.set(id, await MongoClient.connect(opts.uri, options));
    } else if (kind === 'database') {
      const client = clients.get(String(spec.client));
      if (!client) throw new Error(`unknown client ${String(spec.client)}`);
      map.set(id, { kind: 'database', value: client.db(dbName(String(spec.databaseName)), spec.databaseOptions as Obj) });
    } else if (kind === 'collection') {
      const db = map.get(String(spec.database));
      if (!db || db.kind !== 'database') throw new Error(`unknown database ${String(spec.database)}`);
      map.set(id, { kind: 'collection', value: db.value.collection(String(spec.collectionName), spec.collectionOptions as Obj) });
    }
  }
  return { clients: [...clients.values()], map };
}

async function loadInitialData(admin: MongoClient, data: Obj[], dbName: (n: string) => string): Promise<void> {
  for (const d of data) {
    const db: Db = admin.db(dbName(String(d.databaseName)));
    const name = String(d.collectionName);
    await db.dropCollection(name).catch(() => undefined);
    const docs = (d.documents ?? []) as Obj[];
    if (docs.length > 0) await db.collection(name).insertMany(docs, { writeConcern: { w: 'majority' } });
    else await db.createCollection(name, { writeConcern: { w: 'majority' } });
  }
}

function checkError(expected: Obj, err: unknown): string | undefined {
  const e = err as Error & { code?: unknown; codeName?: unknown; result?: unknown; hasErrorLabel?: (l: string) => boolean };
  if (expected.isClientError !== undefined && (expected.isClientError === true) === err instanceof MongoServerError) {
    return `expected isClientError ${String(expected.isClientError)}, got ${e.name}: ${e.message}`;
  }
  if (expected.errorCode !== undefined && e.code !== expected.errorCode) return `expected error code ${String(expected.errorCode)}, got ${String(e.code)}`;
  if (expected.errorCodeName !== undefined && e.codeName !== expected.errorCodeName) return `expected ${String(expected.errorCodeName)}, got ${String(e.codeName)}`;
  if (typeof expected.errorContains === 'string' && !e.message.toLowerCase().includes(expected.errorContains.toLowerCase())) {
    return `expected the error to contain "${expected.errorContains}", got "${e.message}"`;
  }
  for (const label of (expected.errorLabelsContain ?? []) as string[]) if (!e.hasErrorLabel?.(label)) return `missing error label ${label}`;
  for (const label of (expected.errorLabelsOmit ?? []) as string[]) if (e.hasErrorLabel?.(label)) return `unexpected error label ${label}`;
  if (expected.expectResult !== undefined) {
    const m = mismatch(expected.expectResult, normalizeResult(e.result), true);
    if (m) return `error result: ${m}`;
  }
  return undefined;
}

async function runOperations(test: Obj, entities: Entities): Promise<string | undefined> {
  for (const [i, op] of (test.operations as Obj[]).entries()) {
    const entity = entities.map.get(String(op.object));
    if (!entity) return `operation ${i}: unknown entity ${String(op.object)}`;
    let result: unknown;
    let error: unknown;
    try {
      result = await execute(entity, String(op.name), (op.arguments ?? {}) as Obj);
    } catch (err) {
      error = err;
    }
    const where = `operation ${i} (${String(op.name)})`;
    if (op.expectError !== undefined) {
      if (error === undefined) return `${where}: expected an error, got success`;
      const m = checkError(op.expectError as Obj, error);
      if (m) return `${where}: ${m}`;
      continue;
    }
    if (error !== undefined && op.ignoreResultAndError !== true) return `${where}: unexpected error ${(error as Error).message}`;
    if (op.expectResult !== undefined) {
      const m = mismatch(op.expectResult, result, true);
      if (m) return `${where}: ${m}`;
    }
  }
  return undefined;
}

async function checkOutcome(admin: MongoClient, outcome: Obj[], dbName: (n: string) => string): Promise<string | undefined> {
  for (const o of outcome) {
    const docs = await admin.db(dbName(String(o.databaseName))).collection(String(o.collectionName)).find({}, { sort: { _id: 1 } }).toArray();
    const m = mismatch(o.documents, docs, false);
    if (m) return `outcome ${String(o.databaseName)}.${String(o.collectionName)}: ${m}`;
  }
  return undefined;
}

/** Runs every test of one unified-format file. */
export async function runUnifiedFile(path: string, fileName: string, opts: RunOptions): Promise<UnifiedResult[]> {
  const spec = EJSON.parse(readFileSync(path, 'utf8'), { relaxed: true }) as Obj;
  const dbName = (n: string): string => (opts.dbPrefix ? `${opts.dbPrefix}_${n}` : n);
  const tests = spec.tests as Obj[];
  const fileApplies = requirementsMet(spec.runOnRequirements, opts.server);
  const results: UnifiedResult[] = [];
  const admin = await MongoClient.connect(opts.uri);
  try {
    for (const test of tests) {
      const name = String(test.description);
      if (!fileApplies || !requirementsMet(test.runOnRequirements, opts.server)) {
        results.push({ file: fileName, test: name, status: 'skip', reason: 'runOnRequirements not met' });
        continue;
      }
      const reason = skipReason(test);
      if (reason) {
        results.push({ file: fileName, test: name, status: 'skip', reason });
        continue;
      }
      let failure: string | undefined;
      let entities: Entities | undefined;
      try {
        await loadInitialData(admin, (spec.initialData ?? []) as Obj[], dbName);
        entities = await createEntities(spec.createEntities as Obj[], opts, dbName);
        failure = await runOperations(test, entities);
        if (!failure && Array.isArray(test.outcome)) failure = await checkOutcome(admin, test.outcome as Obj[], dbName);
      } catch (err) {
        failure = `runner error: ${(err as Error).message}`;
      } finally {
        for (const c of entities?.clients ?? []) await c.close();
      }
      results.push(failure ? { file: fileName, test: name, status: 'fail', reason: failure } : { file: fileName, test: name, status: 'pass' });
    }
    if (opts.dbPrefix) {
      const names = new Set(((spec.initialData ?? []) as Obj[]).map((d) => dbName(String(d.databaseName))));
      for (const def of spec.createEntities as Obj[]) {
        const db = (def.database as Obj | undefined)?.databaseName;
        if (db !== undefined) names.add(dbName(String(db)));
      }
      for (const n of names) await admin.db(n).dropDatabase();
    }
  } finally {
    await admin.close();
  }
  return results;
}
