// Twilio as the tests see it: requests signed exactly as Twilio signs them (reference/channels.md
// 1.2, computed here independently of twilio-node), and a local fake of the REST API that
// twilio-node is pointed at through a RequestClient that rewrites the host.
import { createHmac, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export const TWILIO_ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const TWILIO_AUTH_TOKEN = 'test-auth-token-0123456789';
export const TWILIO_FROM = '+15005550006';
export const PUBLIC_BASE_URL = 'https://bot.example.com';

export type FormParams = Record<string, string>;

/** HMAC-SHA1 over the URL followed by the sorted parameter names and values, base64. */
export function twilioSignature(token: string, url: string, params: FormParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** The form of an inbound SMS as Twilio posts it. */
export function inboundForm(from: string, body: string, extra: Partial<FormParams> = {}): FormParams {
  const sid = extra.MessageSid ?? messageSid();
  return {
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: TWILIO_ACCOUNT_SID,
    From: from,
    To: TWILIO_FROM,
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
    SmsStatus: 'received',
    ApiVersion: '2010-04-01',
    ...extra,
  } as FormParams;
}

export interface PostOptions {
  /** Signature header to send instead of the right one (null: no header). */
  signature?: string | null;
  token?: string;
  publicBaseUrl?: string;
}

/** Posts a form to the app at `path` (with its query), signed for PUBLIC_BASE_URL + path. */
export async function postTwilio(appUrl: string, path: string, params: FormParams, opts: PostOptions = {}): Promise<{ status: number; body: string; type: string }> {
  const signature =
    opts.signature === undefined
      ? twilioSignature(opts.token ?? TWILIO_AUTH_TOKEN, `${opts.publicBaseUrl ?? PUBLIC_BASE_URL}${path}`, params)
      : opts.signature;
  const res = await fetch(`${appUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** The texts of the <Message> elements of a TwiML answer, unescaped. */
export function twimlMessages(xml: string): string[] {
  return [...xml.matchAll(/<Message[^>]*>([\s\S]*?)<\/Message>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** The status-callback URLs (action attributes) of a TwiML answer. */
export function twimlActions(xml: string): string[] {
  return [...xml.matchAll(/<Message[^>]*action="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

export interface FakeTwilioCall {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  sid?: string;
  status: number;
}

export type FakeTwilioReply = { status: number; code?: number; message?: string } | { hang: true };

/** A local fake of POST /2010-04-01/Accounts/{sid}/Messages.json. */
export interface FakeTwilio {
  url: string;
  calls: FakeTwilioCall[];
  /** Answers for the next calls to one number, in order (default: 201 with a new SM sid). */
  queueFor(to: string, ...replies: FakeTwilioReply[]): void;
  httpClient(): InstanceType<typeof twilio.RequestClient>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const calls: FakeTwilioCall[] = [];
  const replies = new Map<string, FakeTwilioReply[]>();
  const expectedAuth = `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString('base64')}`;
  const server: Server = http.createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const path = `/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Messages.json`;
    if (req.method !== 'POST' || req.url !== path || req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
      return;
    }
    const reply = replies.get(form.get('To') ?? '')?.shift() ?? { status: 201 };
    const call: FakeTwilioCall = {
      to: form.get('To') ?? '',
      from: form.get('From') ?? undefined,
      messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback') ?? undefined,
      status: 'hang' in reply ? 0 : reply.status,
    };
    calls.push(call);
    if ('hang' in reply) return; // never answers: the client times out
    if (reply.status >= 300) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: reply.code, message: reply.message ?? 'error', more_info: '', status: reply.status }));
      return;
    }
    call.sid = messageSid();
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sid: call.sid, status: 'queued', to: call.to, from: call.from ?? null, body: call.body, num_segments: '1', account_sid: TWILIO_ACCOUNT_SID }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  class LocalRequestClient extends twilio.RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      return super.request<T>({ ...opts, uri: opts.uri.replace(/^https:\/\/[^/]+/, url) });
    }
  }

  return {
    url,
    calls,
    queueFor: (to, ...r) => replies.set(to, [...(replies.get(to) ?? []), ...r]),
    httpClient: () => new LocalRequestClient({ timeout: 1500 }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
