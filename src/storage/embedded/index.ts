// Public entry of the embedded MongoDB-compatible store (development and tests only:
// everything lives in memory and is lost when the process exits).
import type { EmbeddedLogger } from './logger';
import { stderrLogger } from './logger';
import { EmbeddedServer } from './server';

export type { EmbeddedLogger } from './logger';

export interface EmbeddedMongoOptions {
  port?: number;
  host?: string;
  logger?: EmbeddedLogger;
  ttlIntervalMs?: number;
  cursorIdleMs?: number;
}

export interface EmbeddedMongo {
  /** mongodb://127.0.0.1:<port> with no database name. */
  uri: string;
  port: number;
  stop(): Promise<void>;
}

const DEFAULT_TTL_INTERVAL_MS = 60_000;
const DEFAULT_CURSOR_IDLE_MS = 10 * 60_000;

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = opts.host ?? '127.0.0.1';
  const logger = opts.logger ?? stderrLogger;
  const server = new EmbeddedServer({
    port: opts.port ?? 0,
    host,
    logger,
    ttlIntervalMs: opts.ttlIntervalMs ?? DEFAULT_TTL_INTERVAL_MS,
    cursorIdleMs: opts.cursorIdleMs ?? DEFAULT_CURSOR_IDLE_MS,
  });
  const port = await server.listen();
  const uriHost = host.includes(':') ? `[${host}]` : host;
  const uri = `mongodb://${uriHost}:${port}`;
  logger.info(
    { uri, storage: 'memory' },
    'embedded MongoDB-compatible store listening: IN-MEMORY ONLY, all data is lost when this process exits (use MONGODB_URI for a real server)',
  );
  let stopped = false;
  return {
    uri,
    port,
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}
