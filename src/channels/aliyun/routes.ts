// Alibaba Cloud HTTP batch pushes (reference/channels.md 2.8).
// POST /sms/aliyun/up?token=…: every SmsUp record stored once (by sequence_id) before we answer
// {"code":0,"msg":"成功"}; the turns run after the answer, in the order the driver sent them.
// POST /sms/aliyun/report?token=…: receipts applied once per (biz_id, phone), forward only.
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { AliyunConfig } from '../../config';
import type { Logger } from '../../observability/logger';
import type { SmsInboundDoc } from '../../storage/models/messaging';
import type { OutboxRepository } from '../../storage/repositories/messagingOutbox';
import type { SmsInboundRepository } from '../../storage/repositories/messagingInbound';
import { toE164 } from '../../services/messaging/phone';
import { maskPhone } from '../../services/privacy/mask';
import { sendError } from '../../http/errors';
import type { ReplySink, SmsAdapter } from '../sms/adapter';
import type { Outbox } from '../sms/outbox';
import { MAX_RECORDS, beijingTime, compareSmsUp, smsReportSchema, smsUpSchema } from './schema';

export interface AliyunRoutesDeps {
  config: AliyunConfig;
  adapter: SmsAdapter;
  outbox: Outbox;
  outboxRepo: OutboxRepository;
  inbound: SmsInboundRepository;
  logger: Logger;
}

const ACK = { code: 0, msg: '成功' };

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The records of a push, or null after answering 400. */
function records<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T>[] | null {
  const parsed = z.array(schema).max(MAX_RECORDS).safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    sendError(res, 400, 'invalid_push', `Expected a JSON array of records: ${issue.path.join('.') || 'body'} ${issue.message}`);
    return null;
  }
  return parsed.data;
}

export type AliyunRouter = Router & { recoverPending(olderThanMs?: number): Promise<number> };

export function aliyunRouter(deps: AliyunRoutesDeps): AliyunRouter {
  const router = express.Router();
  const log = deps.logger.child({ channel: 'sms-aliyun' });
  const json = express.json({ limit: '1mb', strict: false, type: () => true });
  const token = (req: Request, res: Response, next: NextFunction) => {
    if (sameToken(req.query.token, deps.config.callbackToken)) return next();
    sendError(res, 403, 'invalid_token', 'The token is missing or wrong.');
  };

  /** Replies of an Aliyun turn go through the outbox (SendSms with templates). */
  const sinkFor = (phone: string): ReplySink => ({
    async deliver(text, locale) {
      await deps.outbox.enqueue({ channel: 'sms-aliyun', to: phone, text, kind: 'reply', locale, conversationId: phone });
    },
  });

  /** Queues the turns of stored messages, in the order they were sent, behind earlier ones of each phone. */
  function runTurns(docs: SmsInboundDoc[]): void {
    for (const doc of [...docs].sort(compareSmsUp)) {
      deps.adapter
        .process(
          { channel: 'sms-aliyun', id: doc.sequenceId, from: doc.phone, to: doc.destCode ?? '', text: doc.content, receivedAt: doc.sentAt },
          sinkFor(doc.phone),
        )
        .then(
          () => deps.inbound.markDone(doc._id),
          (err: Error) => log.error({ err: err.message, phone: maskPhone(doc.phone) }, 'aliyun turn failed'),
        )
        .catch((err: Error) => log.error({ err: err.message }, 'could not mark an inbound sms done'));
    }
  }

  router.post('/sms/aliyun/up', token, json, async (req, res) => {
    const ups = records(smsUpSchema, req, res);
    if (!ups) return;
    const now = new Date();
    const docs: SmsInboundDoc[] = [];
    for (const up of ups) {
      const phone = toE164(up.phone_number);
      if (!phone) {
        log.warn({ phone: maskPhone(up.phone_number) }, 'skipped an inbound sms from an unusable number');
        continue;
      }
      docs.push({
        _id: `aliyun:${up.sequence_id}`,
        channel: 'sms-aliyun',
        sequenceId: up.sequence_id,
        phone,
        content: up.content,
        sentAt: beijingTime(up.send_time) ?? now,
        destCode: up.dest_code,
        status: 'pending',
        receivedAt: now,
      });
    }
    const fresh = await deps.inbound.storeNew(docs);
    res.json(ACK);
    runTurns(fresh);
  });

  router.post('/sms/aliyun/report', token, json, async (req, res) => {
    const reports = records(smsReportSchema, req, res);
    if (!reports) return;
    const keyed = reports.map((r) => ({ r, phone: toE164(r.phone_number) ?? r.phone_number }));
    const fresh = await deps.inbound.firstSeen(keyed.map(({ r, phone }) => `aliyun-report:${r.biz_id}:${phone}`));
    for (const { r, phone } of keyed) {
      if (!fresh.has(`aliyun-report:${r.biz_id}:${phone}`)) continue;
      const error = r.success ? undefined : { code: r.err_code ?? 'undelivered', message: r.err_msg ?? '', reason: 'undelivered' };
      await deps.outboxRepo.applyReceipt({ id: r.out_id, providerId: r.biz_id, to: phone }, r.success ? 'delivered' : 'failed', r.err_code ?? '', error);
    }
    res.json(ACK);
  });

  /** Runs the turns of messages stored before a restart but never run. */
  async function recoverPending(olderThanMs = 30_000): Promise<number> {
    const pending = await deps.inbound.pending(new Date(Date.now() - olderThanMs));
    runTurns(pending);
    return pending.length;
  }

  return Object.assign(router, { recoverPending });
}

