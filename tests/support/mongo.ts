// A MongoDB for tests: the real server named by MONGODB_URI (a fresh database per call,
// dropped afterwards), otherwise a fresh embedded in-memory store.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedLogger } from '../../src/storage/embedded';

export interface TestMongo {
  /** Usable directly with `mongoose.createConnection(uri, { dbName })`. */
  uri: string;
  dbName: string;
  close(): Promise<void>;
}

/** Keeps test output clean: the in-memory notice is dropped, problems still reach stderr. */
const testLogger: EmbeddedLogger = {
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(`[embedded mongo] ${msg ?? ''} ${JSON.stringify(obj)}\n`),
  error: (obj, msg) => process.stderr.write(`[embedded mongo] ${msg ?? ''} ${JSON.stringify(obj)}\n`),
};

export function uniqueDbName(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

export async function useTestMongo(): Promise<TestMongo> {
  const external = process.env.MONGODB_URI;
  const dbName = uniqueDbName();
  if (external) {
    return {
      uri: external,
      dbName,
      async close() {
        const client = await MongoClient.connect(external);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }
  const store = await startEmbeddedMongo({ port: 0, logger: testLogger });
  return { uri: store.uri, dbName, close: () => store.stop() };
}
