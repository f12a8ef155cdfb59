// SMS webhook throughput: signed Twilio inbound requests (as Twilio signs them) against the real
// app over the embedded store, each a full bot turn answered as TwiML. Several phones at once,
// each sending its SMS one after another as a driver would.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { testConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createApp } from '../../src/app';
import { load } from './turns';

const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
const AUTH_TOKEN = 'bench-auth-token';
const PUBLIC_BASE_URL = 'https://bench.example.com';
const SCRIPT = ['你好', '2', '菜单', '3', 'English', '4', '中文', '1', '菜单', '5'];

export async function benchSms(
  opts: { phones?: number; smsPerPhone?: number } = {},
): Promise<{ webhookPerSec: number; p50Ms: number; p99Ms: number; requests: number }> {
  const phones = opts.phones ?? 20;
  const perPhone = opts.smsPerPhone ?? 20;
  const config = testConfig({
    publicBaseUrl: PUBLIC_BASE_URL,
    twilio: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: '+15005550006' },
  });
  const rt = await createRuntime(config, { dbName: 'bench-sms' });
  const server: Server = await new Promise((resolve) => {
    const s = createApp(rt).express.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post = async (run: string, p: number, t: number) => {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params: Record<string, string> = {
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: ACCOUNT_SID,
      From: `+86138${run}${String(p).padStart(5, '0')}`,
      To: '+15005550006',
      Body: SCRIPT[t % SCRIPT.length],
      NumMedia: '0',
      NumSegments: '1',
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/twilio`, params);
    const res = await fetch(`${url}/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    if (res.status !== 200 || !body.includes('<Message')) throw new Error(`/sms/twilio answered ${res.status}: ${body.slice(0, 80)}`);
  };

  try {
    await load(5, 5, (p, t) => post('100', p, t)); // warm-up: JIT, pools, indexes
    const f = await load(phones, perPhone, (p, t) => post('200', p, t));
    return { webhookPerSec: f.perSec, p50Ms: f.p50Ms, p99Ms: f.p99Ms, requests: f.requests };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await rt.close();
  }
}
