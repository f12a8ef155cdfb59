// SendSms through the official SDK (reference/channels.md 2.1, 2.6): one outbox record is one
// SendSms call with its template and TemplateParam; OutId carries our outbox id so receipts find
// it. Code != "OK" in an HTTP 200 answer is an error; the SDK never retries (sends are not
// idempotent), and a timeout is `unknown`.
import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import type { AliyunConfig } from '../../config';
import type { OutboxDoc } from '../../storage/models/messaging';
import { classifyAliyunCode, classifyAliyunFailure } from '../../services/messaging/aliyunCodes';
import type { SendOutcome, TransportFailure } from '../../services/messaging/outbox';
import { toAliyunNumber } from '../../services/messaging/phone';
import type { SmsSender } from '../sms/types';
import { scrubUrls } from '../sms/scrub';

export interface AliyunSenderOptions {
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
}

type DysmsConfig = ConstructorParameters<typeof Dysmsapi>[0];

// Only errors that prove the request never left. httpx reports "ConnectTimeout" even when the
// server took the request and did not answer, so a timeout of any kind is `unknown`.
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;


export function aliyunFailure(err: unknown): TransportFailure {
  const e = err as { statusCode?: unknown; code?: unknown; name?: unknown; message?: unknown };
  const message = scrubUrls(typeof e.message === 'string' ? e.message : String(err));
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (typeof e.statusCode === 'number') return { status: e.statusCode, code, message };
  const text = `${code ?? ''} ${String(e.name ?? '')} ${message}`;
  const timedOut = /timeout/i.test(text);
  return { code, message, notSent: !timedOut && NOT_SENT.test(text), timedOut };
}

export function createAliyunSender(config: AliyunConfig, opts: AliyunSenderOptions = {}): SmsSender {
  // The SDK reads these fields only; a plain object avoids depending on @alicloud/openapi-core directly.
  const client = new Dysmsapi({
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    endpoint: config.endpoint,
    protocol: config.protocol,
    readTimeout: opts.readTimeoutMs ?? 5000,
    connectTimeout: opts.connectTimeoutMs ?? 3000,
  } as unknown as DysmsConfig);
  return {
    async send(message: OutboxDoc): Promise<SendOutcome> {
      if (!message.template) {
        return { kind: 'failed', error: { code: 'no_template', message: 'the message was not rendered through a template', reason: 'template' } };
      }
      try {
        const { body } = await client.sendSms(
          new SendSmsRequest({
            phoneNumbers: toAliyunNumber(message.to),
            signName: config.signName,
            templateCode: message.template.code,
            templateParam: message.template.params,
            outId: message._id,
          }),
        );
        if (body?.code === 'OK' && body.bizId) return { kind: 'sent', providerId: body.bizId, providerStatus: 'OK' };
        return classifyAliyunCode(body?.code ?? 'no_code', body?.message ?? '');
      } catch (err) {
        return classifyAliyunFailure(aliyunFailure(err));
      }
    },
  };
}
