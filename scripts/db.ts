// `npm run db -- --port N`: runs the embedded MongoDB-compatible store on its own so several
// processes can share it. In memory only: everything is lost when it stops.
import pino from 'pino';
import { startEmbeddedMongo } from '../src/storage/embedded';

interface DbArgs {
  port: number;
  host: string;
}

function parseArgs(argv: string[]): DbArgs {
  const args: DbArgs = { port: 27017, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--port' && value !== undefined) {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer between 0 and 65535, got ${value}`);
      args.port = port;
      i++;
    } else if (arg === '--host' && value !== undefined) {
      args.host = value;
      i++;
    } else {
      throw new Error(`unknown argument ${String(arg)} (usage: npm run db -- --port N [--host H])`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const logger = pino({ name: 'embedded-mongo' });
  const args = parseArgs(process.argv.slice(2));
  const store = await startEmbeddedMongo({ port: args.port, host: args.host, logger });
  logger.info({ uri: store.uri }, `embedded mongo ready at ${store.uri}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'embedded mongo stopping; in-memory data is discarded');
    store.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'embedded mongo failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`embedded mongo failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
