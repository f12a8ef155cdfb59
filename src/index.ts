// Process entry: configuration -> database -> app -> listen, and a graceful stop that lets
// in-flight turns finish before the database closes.
import type { Server } from 'node:http';
import { ConfigError, loadConfig, loadEnvironment } from './config';
import { createLogger } from './observability/logger';
import { createRuntime } from './runtime';
import { createApp } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(loadEnvironment());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const runtime = await createRuntime(config, { logger, defaultMetrics: true });
  const { express } = createApp(runtime);
  const server: Server = express.listen(config.port, () => {
    logger.info({ port: config.port, inMemory: runtime.db.inMemory }, `listening on port ${config.port}`);
    // What the NLU otherwise makes at the first message that needs it, made now instead.
    setImmediate(() => runtime.faq.nlu.prepare());
  });
  server.requestTimeout = 30_000;
  runtime.messaging.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, turnsInFlight: runtime.pipeline.turnsInFlight }, 'stopping: finishing in-flight turns');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = await runtime.pipeline.drain(15_000);
    if (!drained) logger.warn('some turns did not finish in time');
    await runtime.close();
    server.closeAllConnections();
    await closed;
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`Startup failed: ${err.message}\n`);
  process.exit(1);
});
