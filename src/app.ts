// createApp(runtime): the HTTP composition root. Tests import it; src/index.ts listens.
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { CloudAdapter } from 'botbuilder';
import type { Runtime } from './runtime';
import { createBotFrameworkAdapter } from './channels/botframework/adapter';
import { errorHandler, notFound, sendError } from './http/errors';
import { inboundActivitySchema, unauthenticatedReplyTargetOk } from './http/activitySchema';
import { mountChannelRoutes } from './composition/channels';

export interface App {
  express: Express;
  adapter: CloudAdapter;
}

export function createApp(rt: Runtime): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(helmet());
  const adapter = createBotFrameworkAdapter(rt.config, rt.logger, rt.metrics, (ctx) => rt.apologise(ctx));

  app.use((req, res, next) => {
    res.on('finish', () => {
      const route = req.route?.path ?? (res.statusCode === 404 ? 'unmatched' : req.path);
      rt.metrics.httpRequests.inc({ route: String(route), status: String(res.statusCode) });
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const state = await rt.ready();
    if (state.ok) res.json({ status: 'ready' });
    else sendError(res, 503, 'not_ready', state.reason ?? 'not ready');
  });

  app.get('/metrics', async (_req, res) => {
    res.type(rt.metrics.registry.contentType).send(await rt.metrics.registry.metrics());
  });

  app.post('/api/messages', express.json({ limit: '256kb', strict: true }), async (req, res) => {
    const parsed = inboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 400, 'invalid_activity', `Invalid activity: ${issue.path.join('.') || 'body'} ${issue.message}`);
    }
    if (!rt.config.botFramework.MicrosoftAppId && !unauthenticatedReplyTargetOk(parsed.data)) {
      return sendError(
        res,
        400,
        'reply_target_refused',
        'With authentication off, replies go back in the response (deliveryMode "expectReplies") or to a serviceUrl on this machine.',
      );
    }
    await adapter.process(req as never, res as never, (ctx) => rt.handleTurn(ctx));
  });

  mountChannelRoutes(app, rt);

  app.use(notFound);
  app.use(errorHandler(rt.logger));
  return { express: app, adapter };
}
