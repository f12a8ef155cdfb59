// Outbound messaging (outbox, opt-out and consent) as the bot and the channels see it. Every
// sender (webhook replies, proactive texts, reminders, campaigns, agents) goes through
// `messaging.send` / the outbox, which enforces consent; the worker delivers what is queued.
import type { TurnContext } from 'botbuilder';
import { Counter } from 'prom-client';
import { ConfigError, type Config } from '../config';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Database } from '../storage/database';
import type { Translator } from '../i18n';
import { localeOf } from '../bot/turnState';
import { OutboxRepository } from '../storage/repositories/messagingOutbox';
import { ConsentRepository } from '../storage/repositories/messagingConsent';
import { SmsInboundRepository } from '../storage/repositories/messagingInbound';
import { checkTemplateSet, type TemplateSet } from '../services/messaging/templates';
import { commandForm } from '../services/conversation/text';
import { Outbox, type EnqueueResult, type OutboundRequest } from '../channels/sms/outbox';
import { ConsentService } from '../channels/sms/consent';
import { OutboxWorker } from '../channels/sms/worker';
import type { SmsChannelId, SmsSender } from '../channels/sms/types';
import { createTwilioSender } from '../channels/twilio/sender';
import { createAliyunSender } from '../channels/aliyun/sender';
import smsTemplates from '../../data/sms-templates.json';
import fs from 'node:fs';

export interface MessagingDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  i18n: Translator;
}

export interface Messaging {
  /** Compliance keyword hooks for the bot; absent while no SMS channel is on. */
  consent?: {
    optOut(ctx: TurnContext): Promise<void>;
    optIn(ctx: TurnContext): Promise<void>;
    isOptedOut(ctx: TurnContext): Promise<boolean>;
  };
  /** The SMS channels that are configured. */
  enabled: ReadonlySet<SmsChannelId>;
  /** Queues an outbound SMS (any kind) or refuses it under the consent rules. */
  send(req: OutboundRequest): Promise<EnqueueResult>;
  outbox: Outbox;
  consentService: ConsentService;
  repos: { outbox: OutboxRepository; consent: ConsentRepository; inbound: SmsInboundRepository };
  worker: OutboxWorker;
  /** Replaces the provider client of a channel (tests point Twilio at a local fake). */
  setSender(channel: SmsChannelId, sender: SmsSender): void;
  /** Work to do when the app starts serving (e.g. turns stored before a restart). */
  onStart(task: () => Promise<unknown>): void;
  /** Work to finish before the worker stops (e.g. queued SMS turns). */
  onStop(task: () => Promise<unknown>): void;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The logical templates: data/sms-templates.json, or the deployment's own file named by
 * ALIYUN_SMS_TEMPLATES (same shape, with the template codes its SMS console approved).
 */
export function loadSmsTemplates(file?: string): TemplateSet {
  let set = smsTemplates as TemplateSet;
  const name = file ?? 'data/sms-templates.json';
  if (file) {
    try {
      set = JSON.parse(fs.readFileSync(file, 'utf8')) as TemplateSet;
    } catch (err) {
      throw new ConfigError('ALIYUN_SMS_TEMPLATES', `cannot be read as JSON (${(err as Error).message})`);
    }
  }
  const problems = checkTemplateSet(set);
  if (problems.length) {
    const detail = `${name}: ${problems.join('; ')}`;
    throw file ? new ConfigError('ALIYUN_SMS_TEMPLATES', `is not a valid template file: ${detail}`) : new Error(detail);
  }
  return set;
}

export function createMessaging(deps: MessagingDeps): Messaging {
  const { config, logger, metrics, db, i18n } = deps;
  const log = logger.child({ component: 'messaging' });
  const repos = {
    outbox: new OutboxRepository(db.models.Outbox),
    consent: new ConsentRepository(db.models.Consent),
    inbound: new SmsInboundRepository(db.models.SmsInbound, db.models.ProviderEvent, db.models.SmsSession),
  };
  const enabled = new Set<SmsChannelId>();
  const senders = new Map<SmsChannelId, SmsSender>();
  if (config.twilio && config.publicBaseUrl) {
    enabled.add('sms-twilio');
    senders.set('sms-twilio', createTwilioSender(config.twilio, config.publicBaseUrl));
  }
  if (config.aliyun) {
    enabled.add('sms-aliyun');
    senders.set('sms-aliyun', createAliyunSender(config.aliyun));
  }
  const sends = new Counter({
    name: 'jiaoguan_sms_sends_total',
    help: 'SMS send attempts by channel and outcome (sent, retry, failed, unknown)',
    labelNames: ['channel', 'outcome'],
    registers: [metrics.registry],
  });
  const consentService = new ConsentService(repos.consent, repos.outbox, log);
  const worker = new OutboxWorker({
    repo: repos.outbox,
    consent: consentService,
    senders,
    logger: log,
    onOutcome: (channel, outcome) => sends.inc({ channel, outcome }),
  });
  const outbox = new Outbox({
    repo: repos.outbox,
    consent: repos.consent,
    templates: loadSmsTemplates(config.aliyun?.templatesFile),
    enabled,
    logger: log,
    onQueued: () => worker.wake(),
  });
  const startTasks: (() => Promise<unknown>)[] = [];
  const stopTasks: (() => Promise<unknown>)[] = [];

  /** Records a keyword opt-out/in; confirms it where the provider does not (Twilio answers STOP/START itself). */
  const keyword = (action: 'optOut' | 'optIn') => async (ctx: TurnContext) => {
    const phone = ctx.activity.from?.id;
    const channel = ctx.activity.channelId ?? 'unknown';
    if (!phone) return;
    const source = `keyword:${commandForm(ctx.activity.text)}`;
    if (action === 'optOut') await consentService.optOut(phone, channel, source);
    else await consentService.optIn(phone, channel, source);
    if (channel === 'sms-twilio') return;
    await ctx.sendActivity({ type: 'message', text: i18n.t(localeOf(ctx), `sms.${action}.confirmed`), locale: ctx.activity.locale });
  };

  if (enabled.size === 0) log.info('no SMS channel is configured: outbound SMS is off');
  return {
    consent:
      enabled.size > 0
        ? {
            optOut: keyword('optOut'),
            optIn: keyword('optIn'),
            isOptedOut: async (ctx) => (ctx.activity.from?.id ? (await consentService.state(ctx.activity.from.id)).optedOut : false),
          }
        : undefined,
    enabled,
    send: (req) => outbox.enqueue(req),
    outbox,
    consentService,
    repos,
    worker,
    setSender(channel, sender) {
      senders.set(channel, sender);
    },
    onStart(task) {
      startTasks.push(task);
    },
    onStop(task) {
      stopTasks.push(task);
    },
    start() {
      worker.start();
      for (const task of startTasks) task().catch((err: Error) => log.error({ err: err.message }, 'messaging start task failed'));
    },
    async stop() {
      await Promise.all(stopTasks.map((t) => t().catch(() => undefined)));
      await worker.stop();
    },
  };
}
