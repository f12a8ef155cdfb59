// A local Alibaba Cloud SMS endpoint for the SDK (reference/channels.md 2.7): it checks the
// ACS3-HMAC-SHA256 signature of every request exactly as the gateway does, records SendSms
// calls, and answers OK or the codes a test queues.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ALIYUN_KEY_ID = 'LTAI5tTestKeyId000000';
export const ALIYUN_KEY_SECRET = 'test-secret-0123456789abcdef';
export const ALIYUN_SIGN_NAME = '交管助手';
export const ALIYUN_TOKEN = 'callback-token-0123456789';

export interface SendSmsCall {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId?: string;
  bizId?: string;
  code: string;
}

export type AliyunReply = { code: string; message?: string } | { httpStatus: number; code: string; message?: string } | { hang: true };

export interface FakeAliyun {
  /** host:port for ALIYUN_SMS_ENDPOINT. */
  endpoint: string;
  calls: SendSmsCall[];
  /** Requests whose signature did not verify (should stay 0). */
  rejected: string[];
  /** Answers for the next SendSms calls to one number (PhoneNumbers as sent), in order; default OK. */
  queueFor(phoneNumbers: string, ...replies: AliyunReply[]): void;
  close(): Promise<void>;
}

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function parseQuery(query: string): [string, string][] {
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const k = i < 0 ? pair : pair.slice(0, i);
      const v = i < 0 ? '' : pair.slice(i + 1);
      return [decodeURIComponent(k), decodeURIComponent(v)];
    });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Why a request's ACS3-HMAC-SHA256 signature does not verify, or null when it does. */
export function verifyAcs3(method: string, url: string, headers: http.IncomingHttpHeaders, body: Buffer, secret: string, keyId: string): string | null {
  const auth = String(headers.authorization ?? '');
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
  if (!m) return 'no ACS3 authorization header';
  if (m[1] !== keyId) return 'unknown access key';
  const payloadHash = createHash('sha256').update(body).digest('hex');
  if (headers['x-acs-content-sha256'] !== payloadHash) return 'content hash mismatch';
  const signed = m[2].split(';');
  if (!signed.includes('host') || !signed.some((h) => h.startsWith('x-acs-'))) return 'host and x-acs-* must be signed';
  const [path, query = ''] = url.split('?');
  const canonicalQuery = parseQuery(query)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
  const canonicalHeaders = signed.map((h) => `${h}:${String(headers[h] ?? '').trim()}\n`).join('');
  const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, m[2], payloadHash].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
  return expected === m[3] ? null : 'signature mismatch';
}

export async function startFakeAliyun(): Promise<FakeAliyun> {
  const calls: SendSmsCall[] = [];
  const rejected: string[] = [];
  const replies = new Map<string, AliyunReply[]>();
  const server: Server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const requestId = randomBytes(8).toString('hex');
    const json = (status: number, payload: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: requestId, ...payload }));
    };
    const problem = verifyAcs3(req.method ?? '', req.url ?? '', req.headers, body, ALIYUN_KEY_SECRET, ALIYUN_KEY_ID);
    if (problem) {
      rejected.push(problem);
      return json(400, { Code: 'SignatureDoesNotMatch', Message: problem, HostId: 'fake' });
    }
    if (req.headers['x-acs-action'] !== 'SendSms' || req.headers['x-acs-version'] !== '2017-05-25') {
      return json(400, { Code: 'InvalidAction.NotFound', Message: 'only SendSms' });
    }
    const q = Object.fromEntries(parseQuery((req.url ?? '').split('?')[1] ?? ''));
    const reply = replies.get(q.PhoneNumbers)?.shift() ?? { code: 'OK' };
    const call: SendSmsCall = {
      phoneNumbers: q.PhoneNumbers,
      signName: q.SignName,
      templateCode: q.TemplateCode,
      templateParam: JSON.parse(q.TemplateParam ?? '{}') as Record<string, string>,
      outId: q.OutId,
      code: 'hang' in reply ? 'hang' : reply.code,
    };
    calls.push(call);
    if ('hang' in reply) return;
    if ('httpStatus' in reply) return json(reply.httpStatus, { Code: reply.code, Message: reply.message ?? reply.code, HostId: 'fake' });
    if (reply.code !== 'OK') return json(200, { Code: reply.code, Message: reply.message ?? reply.code });
    call.bizId = `${Date.now()}${calls.length}^0`;
    json(200, { Code: 'OK', Message: 'OK', BizId: call.bizId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    rejected,
    queueFor: (phone, ...r) => replies.set(phone, [...(replies.get(phone) ?? []), ...r]),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
