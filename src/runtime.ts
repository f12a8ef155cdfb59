// Builds everything the app runs on from a Config: logger, metrics, database, translations,
// the bot and its turn pipeline. src/index.ts and the tests both start here.
import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Config } from './config';
import { createLogger, type Logger } from './observability/logger';
import { createMetrics, type Metrics } from './observability/metrics';
import { connectDatabase, type Database } from './storage/database';
import { MongoBotStorage } from './storage/botStorage';
import { createTranslator, type Translator } from './i18n';
import { Bot } from './bot/bot';
import { TurnPipeline } from './bot/pipeline';
import { localeOf, isSmsTurn } from './bot/turnState';
import { Say } from '../dialogs/common/say';
import { MainDialog } from '../dialogs/main/MainDialog';

export interface RuntimeOptions {
  logger?: Logger;
  /** Database name (tests use one per file). */
  dbName?: string;
  /** Replaces the main dialog (tests). */
  rootDialog?: (say: Say) => Dialog;
  defaultMetrics?: boolean;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  i18n: Translator;
  say: Say;
  bot: Bot;
  pipeline: TurnPipeline;
  /** Runs one turn through the whole pipeline (channels call this). */
  handleTurn(ctx: TurnContext): Promise<void>;
  /** Tells the user a turn failed, in their language. */
  apologise(ctx: TurnContext): Promise<void>;
  ready(): Promise<{ ok: boolean; reason?: string }>;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics({ defaultMetrics: opts.defaultMetrics });
  const i18n = createTranslator();
  const say = new Say(i18n);
  const db = await connectDatabase({ uri: config.mongodbUri, dbName: opts.dbName, logger });
  const rootDialog = opts.rootDialog ? opts.rootDialog(say) : new MainDialog({ say, features: {} });
  const bot = new Bot({
    storage: new MongoBotStorage(db.models.BotState),
    say,
    logger,
    defaultLocale: config.defaultLocale,
    rootDialog,
  });
  const pipeline = new TurnPipeline({
    models: db.models,
    logger,
    metrics,
    transcriptRetentionDays: config.transcriptRetentionDays,
  });

  return {
    config,
    logger,
    metrics,
    db,
    i18n,
    say,
    bot,
    pipeline,
    async handleTurn(ctx) {
      await pipeline.run(ctx, (c) => bot.run(c));
    },
    async apologise(ctx) {
      const text = i18n.t(localeOf(ctx), 'common.error', {}, { sms: isSmsTurn(ctx) });
      await ctx.sendActivity({ type: 'message', text });
    },
    async ready() {
      if (!(await db.ping())) return { ok: false, reason: 'MongoDB is not answering' };
      return { ok: true };
    },
    async close() {
      await pipeline.drain();
      await db.close();
    },
  };
}
