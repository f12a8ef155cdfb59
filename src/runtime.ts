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
import { buildFeatureDialogs, seedDemoData, type FeatureDeps } from './composition/features';
import { createMessaging, type Messaging } from './composition/messaging';
import { composeFaq, type FaqComposition } from './composition/faq';
import { composeServices, type ServicesComposition } from './composition/services';

export interface RuntimeOptions {
  logger?: Logger;
  /** Database name (tests use one per file). */
  dbName?: string;
  /** Replaces the main dialog (tests). */
  rootDialog?: (say: Say) => Dialog;
  defaultMetrics?: boolean;
  /** The clock (tests of deadlines inject a fixed one). */
  now?: () => Date;
  /** Seed the demo data into the in-memory store (default: only when the store is in memory). */
  seed?: boolean;
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
  messaging: Messaging;
  faq: FaqComposition;
  /** Licence and vehicle services, appointments and deadline reminders. */
  services: ServicesComposition;
  now: () => Date;
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
  const now = opts.now ?? (() => new Date());
  const featureDeps: FeatureDeps = { config, logger, db, say, now };
  if (opts.seed ?? db.inMemory) await seedDemoData(featureDeps);
  const messaging = createMessaging({ config, logger, metrics, db, i18n });
  const services = composeServices({ say, models: db.models, logger, now, messaging, i18n });
  const faq = composeFaq({ say, models: db.models, logger, now, catalogue: services.catalogue });
  if (opts.seed ?? db.inMemory) await services.seed();
  const rootDialog = opts.rootDialog
    ? opts.rootDialog(say)
    : new MainDialog({
        say,
        features: { ...buildFeatureDialogs(featureDeps), faq: faq.dialog, licence: services.licenceDialog, vehicle: services.vehicleDialog },
        // Appointment replies ("取消预约 AB23CD") first: they arrive days later, with no dialog active.
        router: { route: (text, locale) => services.router.route(text, locale) ?? faq.router.route(text, locale) },
      });
  const bot = new Bot({
    storage: new MongoBotStorage(db.models.BotState),
    say,
    logger,
    defaultLocale: config.defaultLocale,
    rootDialog,
    consent: messaging.consent,
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
    messaging,
    faq,
    services,
    now,
    async handleTurn(ctx) {
      await pipeline.run(ctx, (c) => bot.run(c));
    },
    async apologise(ctx) {
      const text = i18n.t(localeOf(ctx), 'common.error', {}, { sms: isSmsTurn(ctx) });
      await ctx.sendActivity({ type: 'message', text });
    },
    async ready() {
      if (!(await db.ping())) return { ok: false, reason: 'MongoDB is not answering' };
      // Loaded (and validated) before the app is built; an empty one means a broken deployment.
      if (faq.kb.entries('zh-CN').length === 0 || faq.kb.entries('en').length === 0) return { ok: false, reason: 'the knowledge base is empty' };
      return { ok: true };
    },
    async close() {
      await pipeline.drain();
      await messaging.stop();
      await db.close();
    },
  };
}
