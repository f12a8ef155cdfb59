// Mounts the provider webhooks (SMS channels) on the Express app. A channel without its
// configuration answers 503 with a JSON error, and the log says it is off.
import type { Express } from 'express';
import type { Runtime } from '../runtime';
import { sendError } from '../http/errors';
import { SmsAdapter } from '../channels/sms/adapter';
import type { SmsChannelId } from '../channels/sms/types';
import { twilioRouter } from '../channels/twilio/routes';
import { aliyunRouter } from '../channels/aliyun/routes';

const SHUTDOWN_WAIT_MS = 10_000;

export interface SmsChannels {
  twilio?: SmsAdapter;
  aliyun?: SmsAdapter;
}

function createAdapter(rt: Runtime, channel: SmsChannelId): SmsAdapter {
  const adapter = new SmsAdapter(channel, {
    runTurn: (ctx, logic) => rt.pipeline.run(ctx, logic),
    bot: (ctx) => rt.bot.run(ctx),
    apologise: (ctx) => rt.apologise(ctx),
    sessions: rt.messaging.repos.inbound,
    proactiveSink: (reference) => ({
      async deliver(text, locale) {
        const to = reference.user?.id ?? reference.conversation?.id ?? '';
        await rt.messaging.send({ channel, to, text, kind: 'proactive', locale, conversationId: to });
      },
    }),
    logger: rt.logger,
    metrics: rt.metrics,
  });
  rt.messaging.onStop(() =>
    Promise.race([adapter.idle(), new Promise((r) => setTimeout(r, SHUTDOWN_WAIT_MS).unref())]),
  );
  return adapter;
}

function off(app: Express, paths: string[], what: string): void {
  app.post(paths, (_req, res) => sendError(res, 503, 'channel_off', `${what} is not configured on this server.`));
}

export function mountChannelRoutes(app: Express, rt: Runtime): SmsChannels {
  const { config, logger, messaging } = rt;
  const channels: SmsChannels = {};

  if (config.twilio && config.publicBaseUrl && messaging.enabled.has('sms-twilio')) {
    channels.twilio = createAdapter(rt, 'sms-twilio');
    app.use(
      twilioRouter({
        config: config.twilio,
        publicBaseUrl: config.publicBaseUrl,
        adapter: channels.twilio,
        outbox: messaging.outbox,
        outboxRepo: messaging.repos.outbox,
        events: messaging.repos.inbound,
        consent: messaging.consentService,
        logger,
      }),
    );
    logger.info('Twilio SMS is on: POST /sms/twilio, /sms/twilio/status');
  } else {
    off(app, ['/sms/twilio', '/sms/twilio/status'], 'Twilio SMS');
    logger.info('Twilio SMS is off (TWILIO_* not set): /sms/twilio answers 503');
  }

  if (config.aliyun && messaging.enabled.has('sms-aliyun')) {
    channels.aliyun = createAdapter(rt, 'sms-aliyun');
    const router = aliyunRouter({
      config: config.aliyun,
      adapter: channels.aliyun,
      outbox: messaging.outbox,
      outboxRepo: messaging.repos.outbox,
      inbound: messaging.repos.inbound,
      logger,
    });
    app.use(router);
    messaging.onStart(() => router.recoverPending());
    logger.info('Alibaba Cloud SMS is on: POST /sms/aliyun/up, /sms/aliyun/report');
  } else {
    off(app, ['/sms/aliyun/up', '/sms/aliyun/report'], 'Alibaba Cloud SMS');
    logger.info('Alibaba Cloud SMS is off (ALIYUN_* not set): /sms/aliyun answers 503');
  }
  return channels;
}
