// The MongoDB connection the app runs on: MONGODB_URI when configured, otherwise the embedded
// in-memory store started in-process. Nothing above this file knows which one it got.
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../observability/logger';
import { startEmbeddedMongo, type EmbeddedMongo } from './embedded';
import { defineModels, type Models } from './models';

export interface DatabaseOptions {
  /** A mongodb:// URI; when absent the embedded store is started. */
  uri?: string;
  /** Database name; defaults to the one in the URI, else `jiaoguan`. */
  dbName?: string;
  logger: Logger;
}

export interface Database {
  connection: Connection;
  models: Models;
  /** True when the data lives in the embedded in-memory store. */
  inMemory: boolean;
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

function dbNameOf(uri: string): string | undefined {
  const m = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

export async function connectDatabase(opts: DatabaseOptions): Promise<Database> {
  const log = opts.logger.child({ component: 'database' });
  let embedded: EmbeddedMongo | undefined;
  let uri = opts.uri;
  if (!uri) {
    embedded = await startEmbeddedMongo({ port: 0, logger: log });
    uri = embedded.uri;
    log.warn('MONGODB_URI is not set: using the embedded in-memory store; all data is lost when the process stops');
  }
  const dbName = opts.dbName ?? dbNameOf(uri) ?? 'jiaoguan';
  const connection = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
  });
  connection.on('disconnected', () => log.warn('MongoDB disconnected'));
  connection.on('reconnected', () => log.info('MongoDB reconnected'));
  connection.on('error', (err: Error) => log.error({ err: err.message }, 'MongoDB connection error'));
  try {
    await connection.asPromise();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const models = defineModels(connection);
  await Promise.all(Object.values(connection.models).map((m) => m.init()));
  log.info({ dbName, inMemory: Boolean(embedded) }, 'MongoDB connected and indexes ensured');

  return {
    connection,
    models,
    inMemory: Boolean(embedded),
    async ping(timeoutMs = 1000) {
      if (connection.readyState !== 1 || !connection.db) return false;
      try {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
        await Promise.race([connection.db.admin().ping(), timeout]);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}
