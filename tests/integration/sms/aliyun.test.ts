import { useTestMongo, type TestMongo } from '../../support/mongo';
import type { TestApp } from '../../support/app';
import { ALIYUN_SIGN_NAME, ALIYUN_TOKEN, startFakeAliyun, type FakeAliyun } from '../../support/fakeAliyun';
import { loadSmsTemplates } from '../../../src/composition/messaging';
import { CounterDialog, eventually, startSmsApp } from './setup';

let n = 0;
/** A fresh mainland mobile (11 digits, as Aliyun pushes it). */
const mobile = () => `136${String(Date.now() % 1e4).padStart(4, '0')}${String(++n).padStart(4, '0')}`;
let seq = 1000;

function up(phone: string, content: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return { phone_number: phone, content, send_time: '2026-11-20 10:15:30', dest_code: '1', sequence_id: seq, sign_name: ALIYUN_SIGN_NAME, ...extra };
}

async function push(appUrl: string, path: string, body: unknown, token: string | null = ALIYUN_TOKEN): Promise<{ status: number; json: unknown; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${appUrl}${path}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, ms };
}

/** The texts the driver read, in the order SendSms was called for that number. */
const textsTo = (fake: FakeAliyun, phone: string) => {
  const templates = loadSmsTemplates();
  const all = Object.values(templates.groups).flatMap((g) => Object.values(g.templates).flat());
  return fake.calls
    .filter((c) => c.phoneNumbers === phone && c.code === 'OK')
    .map((c) => all.find((t) => t.code === c.templateCode)!.text.replace(/\$\{(\w+)\}/g, (_w, k: string) => c.templateParam[k]));
};

describe('Alibaba Cloud SMS push', () => {
  let mongo: TestMongo;
  let fake: FakeAliyun;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeAliyun();
    app = await startSmsApp(mongo, { aliyun: fake });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await mongo.close();
  });

  afterEach(() => {
    expect(fake.rejected).toEqual([]);
  });

  const turnsOf = (phone: string) => app.rt.db.models.Transcript.countDocuments({ conversationId: `+86${phone}`, role: 'user' });

  it('acknowledges a push, runs the turn after the answer and replies with SendSms through the templates', async () => {
    const phone = mobile();
    const res = await push(app.url, '/sms/aliyun/up', [up(phone, '你好')]);
    expect(res).toMatchObject({ status: 200, json: { code: 0, msg: '成功' } });
    await eventually(() => textsTo(fake, phone).length > 0, 'a reply is sent');
    const call = fake.calls.find((c) => c.phoneNumbers === phone)!;
    expect(call.signName).toBe(ALIYUN_SIGN_NAME);
    expect(call.templateCode).toMatch(/^SMS_/);
    for (const value of Object.values(call.templateParam)) expect(Array.from(value).length).toBeLessThanOrEqual(35);
    const text = textsTo(fake, phone).join('\n');
    expect(text).toContain('您好，我是交管助手');
    expect(text).toContain('2.查违法');
    // The provider answered; the outbox records it right after.
    await eventually(async () => (await app.rt.db.models.Outbox.findById(call.outId).lean())?.status !== 'sending', 'the send is recorded');
    const stored = await app.rt.db.models.Outbox.findById(call.outId).lean();
    expect(stored).toMatchObject({ channel: 'sms-aliyun', status: 'sent', providerId: call.bizId, to: `+86${phone}` });
  });

  it('splits a long reply over variables and messages without losing a character', async () => {
    const phone = mobile();
    const long = '驾驶证有效期满前九十日内，可以向驾驶证核发地或者核发地以外的车辆管理所申请换证。'.repeat(6);
    const res = await app.rt.messaging.send({ channel: 'sms-aliyun', to: `+86${phone}`, text: long, kind: 'notice', locale: 'zh-CN' });
    expect(res.accepted).toBe(true);
    expect(res.ids.length).toBeGreaterThan(1);
    await eventually(() => textsTo(fake, phone).length === res.ids.length, 'every part is sent');
    const values = fake.calls.filter((c) => c.phoneNumbers === phone).flatMap((c) => Object.values(c.templateParam));
    expect(values.join('')).toBe(long);
  });

  it('refuses a wrong or missing token with 403 and a malformed body with 400, and keeps serving', async () => {
    expect((await push(app.url, '/sms/aliyun/up', [up(mobile(), '你好')], 'wrong')).status).toBe(403);
    expect((await push(app.url, '/sms/aliyun/up', [up(mobile(), '你好')], null)).status).toBe(403);
    expect((await push(app.url, '/sms/aliyun/report', [], 'wrong')).status).toBe(403);
    expect((await push(app.url, '/sms/aliyun/up', '[{"phone_number":')).status).toBe(400);
    expect((await push(app.url, '/sms/aliyun/up', { phone_number: '13800138000' })).status).toBe(400);
    expect((await push(app.url, '/sms/aliyun/up', [{ phone_number: '13800138000', content: 'x' }])).status).toBe(400);
    expect((await push(app.url, '/sms/aliyun/report', [{ phone_number: '13800138000' }])).status).toBe(400);
    expect((await push(app.url, '/sms/aliyun/up', [])).json).toEqual({ code: 0, msg: '成功' });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('runs a sequence_id once, whether pushed twice in one array or again later', async () => {
    const phone = mobile();
    const record = up(phone, '你好');
    await push(app.url, '/sms/aliyun/up', [record, record]);
    await push(app.url, '/sms/aliyun/up', [{ ...record, sequence_id: String(record.sequence_id) }]);
    await eventually(async () => (await turnsOf(phone)) >= 1, 'the turn ran');
    await new Promise((r) => setTimeout(r, 300));
    expect(await turnsOf(phone)).toBe(1);
  });

  it('acknowledges a push of 100 SmsUp records in well under 700 ms', async () => {
    const phones = Array.from({ length: 100 }, () => mobile());
    const res = await push(app.url, '/sms/aliyun/up', phones.map((p) => up(p, '你好')));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(700);
    await eventually(async () => (await app.rt.db.models.SmsInbound.countDocuments({ phone: { $in: phones.map((p) => `+86${p}`) }, status: 'done' })) === 100, 'all 100 turns ran', 30_000);
  }, 40_000);

  it('after 退订 replies to questions still go out, every unsolicited SMS is refused, until 订阅', async () => {
    const phone = mobile();
    const e164 = `+86${phone}`;
    await push(app.url, '/sms/aliyun/up', [up(phone, '退订')]);
    await eventually(async () => (await app.rt.db.models.Consent.findById(e164).lean())?.optedOut === true, 'the opt-out is recorded');
    await eventually(() => textsTo(fake, phone).some((t) => t.includes('已退订')), 'the opt-out is confirmed');
    expect((await app.rt.db.models.Consent.findById(e164).lean())?.blockedBy).toEqual([]);

    const reminder = await app.rt.messaging.send({ channel: 'sms-aliyun', to: e164, text: '您的驾驶证将于2026年12月20日到期。', kind: 'reminder', locale: 'zh-CN' });
    const proactive = await app.rt.messaging.send({ channel: 'sms-aliyun', to: e164, text: '您好，这里是交管助手。', kind: 'proactive', locale: 'zh-CN' });
    const campaign = await app.rt.messaging.send({ channel: 'sms-aliyun', to: e164, text: '请在12123办理期满换证。', kind: 'campaign', locale: 'zh-CN' });
    expect([reminder, proactive, campaign].map((r) => (r.accepted ? 'accepted' : r.reason))).toEqual(['opted_out', 'opted_out', 'opted_out']);
    const refused = await app.rt.db.models.Outbox.find({ to: e164, status: 'failed' }).lean();
    expect(refused.map((d) => d.kind).sort()).toEqual(['campaign', 'proactive', 'reminder']);

    const before = fake.calls.filter((c) => c.phoneNumbers === phone).length;
    await push(app.url, '/sms/aliyun/up', [up(phone, '你好')]);
    await eventually(() => fake.calls.filter((c) => c.phoneNumbers === phone).length > before, 'the answer to a question goes out');
    expect(textsTo(fake, phone).slice(-1)[0]).toContain('交管助手');

    await push(app.url, '/sms/aliyun/up', [up(phone, '订阅')]);
    await eventually(() => textsTo(fake, phone).some((t) => t.includes('已恢复订阅')), 'the opt-in is confirmed');
    const again = await app.rt.messaging.send({ channel: 'sms-aliyun', to: e164, text: '您的驾驶证将于2026年12月20日到期。', kind: 'reminder', locale: 'zh-CN' });
    expect(again.accepted).toBe(true);
  });

  it('refuses a queued reminder at send time when the number opted out after it was queued', async () => {
    const e164 = `+86${mobile()}`;
    await app.rt.messaging.worker.stop();
    try {
      const queued = await app.rt.messaging.send({ channel: 'sms-aliyun', to: e164, text: '年审提醒', kind: 'reminder', locale: 'zh-CN' });
      expect(queued.accepted).toBe(true);
      await app.rt.messaging.consentService.optOut(e164, 'sms-aliyun', 'keyword:r');
      expect((await app.rt.db.models.Outbox.findById(queued.ids[0]).lean())?.status).toBe('failed');
    } finally {
      app.rt.messaging.worker.start();
    }
  });

  it('answers in the order the driver sent, not the order of the array', async () => {
    const phone = mobile();
    const a = up(phone, '你好', { send_time: '2026-11-20 10:00:01' });
    const b = up(phone, 'English', { send_time: '2026-11-20 10:00:02' });
    const c = up(phone, 'menu', { send_time: '2026-11-20 10:00:03' });
    await push(app.url, '/sms/aliyun/up', [c, a, b]);
    await eventually(async () => (await turnsOf(phone)) === 3, 'three turns ran');
    const rows = await app.rt.db.models.Transcript.find({ conversationId: `+86${phone}`, role: 'user' }).sort({ timestamp: 1 }).lean();
    expect(rows.map((r) => r.text)).toEqual(['你好', 'English', 'menu']);
    await eventually(() => textsTo(fake, phone).some((t) => t.startsWith('Traffic assistant: Reply with a number')), 'the English menu');
  });

  it('maps isv codes in an HTTP 200 answer to clear outcomes, and applies receipts once, forward only', async () => {
    const bad = `+86${mobile()}`;
    fake.queueFor(bad.slice(3), { code: 'isv.MOBILE_NUMBER_ILLEGAL', message: 'invalid mobile' });
    const refused = await app.rt.messaging.send({ channel: 'sms-aliyun', to: bad, text: '通知', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(refused.ids[0]).lean())?.status === 'failed', 'failed');
    expect((await app.rt.db.models.Outbox.findById(refused.ids[0]).lean())?.error).toMatchObject({ code: 'isv.MOBILE_NUMBER_ILLEGAL', reason: 'invalid_number' });

    const tpl = `+86${mobile()}`;
    fake.queueFor(tpl.slice(3), { code: 'isv.SMS_TEMPLATE_ILLEGAL', message: 'template' });
    const t = await app.rt.messaging.send({ channel: 'sms-aliyun', to: tpl, text: '通知', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(t.ids[0]).lean())?.error?.reason === 'template', 'template problem');

    const phone = mobile();
    const ok = await app.rt.messaging.send({ channel: 'sms-aliyun', to: `+86${phone}`, text: '通知', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(ok.ids[0]).lean())?.status === 'sent', 'sent');
    const call = fake.calls.find((c) => c.phoneNumbers === phone)!;
    const receipt = (success: boolean) => ({
      phone_number: phone, send_time: '2026-11-20 10:00:00', report_time: '2026-11-20 10:00:05', success,
      err_code: success ? 'DELIVERED' : 'MK:0001', err_msg: success ? '用户接收成功' : 'failed', sms_size: '1', biz_id: call.bizId, out_id: call.outId,
    });
    expect((await push(app.url, '/sms/aliyun/report', [receipt(true)])).json).toEqual({ code: 0, msg: '成功' });
    expect((await push(app.url, '/sms/aliyun/report', [receipt(true), receipt(false)])).status).toBe(200);
    expect(await app.rt.db.models.Outbox.findById(ok.ids[0]).lean()).toMatchObject({ status: 'delivered', providerStatus: 'DELIVERED' });
  });

  it('retries a flow-controlled or throttled send later and never blindly repeats one that timed out', async () => {
    const phone = mobile();
    fake.queueFor(phone, { httpStatus: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' });
    const r = await app.rt.messaging.send({ channel: 'sms-aliyun', to: `+86${phone}`, text: '通知', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(r.ids[0]).lean())?.status === 'sent', 'sent after back-off', 10_000);
    expect(fake.calls.filter((c) => c.phoneNumbers === phone)).toHaveLength(2);

    const slow = mobile();
    fake.queueFor(slow, { hang: true });
    const h = await app.rt.messaging.send({ channel: 'sms-aliyun', to: `+86${slow}`, text: '通知', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(h.ids[0]).lean())?.status === 'unknown', 'unknown after a timeout', 12_000);
    await new Promise((r) => setTimeout(r, 1200));
    expect(fake.calls.filter((c) => c.phoneNumbers === slow)).toHaveLength(1);
  }, 30_000);
});

describe('Alibaba Cloud SMS ordering', () => {
  let mongo: TestMongo;
  let fake: FakeAliyun;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeAliyun();
    app = await startSmsApp(mongo, { aliyun: fake, rootDialog: () => new CounterDialog() });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await mongo.close();
  });

  it('runs five SMS of one phone from separate pushes one at a time, in order', async () => {
    const phone = '13700000055';
    // Each push is acknowledged before its turn runs, so the five turns overlap; awaiting the
    // acknowledgements only fixes the order in which the pushes arrive (separate HTTP connections
    // sent a few milliseconds apart may otherwise overtake each other on a loaded machine).
    for (let i = 1; i <= 5; i++) {
      const res = await push(app.url, '/sms/aliyun/up', [up(phone, `m${i}`, { send_time: `2026-11-20 10:00:0${i}` })]);
      expect(res.status).toBe(200);
    }
    await eventually(() => textsTo(fake, phone).length === 5, 'five replies');
    expect(textsTo(fake, phone).map((t) => t.replace('交管助手：', ''))).toEqual(['1:m1', '2:m2', '3:m3', '4:m4', '5:m5']);
  });
});
