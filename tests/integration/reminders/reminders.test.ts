// Deadline reminders and appointment confirmations through the real app over Twilio (a local
// fake of its REST API): the reminder is asked for in an SMS walkthrough, stored with consent,
// and leaves through the outbox once when the injected clock reaches it, never at night and
// never to a number that opted out. Appointment changes made over SMS queue a notice.
import { useTestMongo, type TestMongo } from '../../support/mongo';
import { ConsentRepository } from '../../../src/storage/repositories/messagingConsent';
import { startTestApp, type TestApp } from '../../support/app';
import { PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, inboundForm, postTwilio, startFakeTwilio, twimlMessages, type FakeTwilio } from '../../support/twilio';
import { createTwilioSender } from '../../../src/channels/twilio/sender';
import type { Reminder } from '../../../src/services/reminders';

const at = (local: string) => new Date(`${local}+08:00`);
const NOW = at('2026-11-27T10:00:00'); // a Friday; the first bookable day is Monday 30 Nov

let n = 0;
const phone = () => `+86137${String(Date.now() % 1e4).padStart(4, '0')}${String(++n).padStart(4, '0')}`;

async function eventually(check: () => Promise<boolean> | boolean, message: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SMS deadline reminders and appointment notices', () => {
  let mongo: TestMongo;
  let fake: FakeTwilio;
  let app: TestApp;
  let clock = NOW;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeTwilio();
    const twilio = { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: TWILIO_FROM };
    app = await startTestApp(mongo, { config: { publicBaseUrl: PUBLIC_BASE_URL, twilio }, runtime: { now: () => clock, seed: true } });
    app.rt.messaging.setSender('sms-twilio', createTwilioSender(twilio, PUBLIC_BASE_URL, { httpClient: fake.httpClient(), timeoutMs: 1500 }));
    app.rt.messaging.start();
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await mongo.close();
  });
  beforeEach(() => {
    clock = NOW;
  });

  const sms = async (from: string, body: string): Promise<string> => {
    const res = await postTwilio(app.url, '/sms/twilio', inboundForm(from, body));
    expect(res.status).toBe(200);
    return twimlMessages(res.body).join('\n');
  };
  const reminders = () => app.rt.services.reminders!;
  const stored = (to: string) => reminders().repo.ofPhone(to);
  const restCalls = (to: string) => fake.calls.filter((c) => c.to === to);
  const runAt = async (local: string) => {
    clock = at(local);
    const claimed = await reminders().worker.runOnce();
    await app.rt.messaging.worker.settled();
    return claimed;
  };

  /** Licence renewal, expiry 2027-01-20 (54 days ahead), then "提醒我" and consent. */
  async function askForReminder(from: string): Promise<void> {
    expect(await sms(from, '3')).toMatch(/^请选择驾驶证业务/);
    expect(await sms(from, '1')).toContain('您的驾驶证有效期到哪一天？');
    const concluded = await sms(from, '2027-01-20');
    expect(concluded).toContain('现在可以申请期满换证');
    expect(concluded).toContain('回复“提醒我”，到期前短信提醒您。');
    const consent = await sms(from, '提醒我');
    expect(consent).toMatch(/^到期提醒：我们将在12月21日和1月13日白天（8:00-21:00）向本机发短信，提醒您驾驶证有效期2027年1月20日到期/);
    expect(consent).toContain('回复T退订');
    expect(consent).toMatch(/\n1\.同意\n2\.不用了/);
    expect(await sms(from, '1')).toContain('已设置到期提醒：12月21日和1月13日各发一条短信');
  }

  it('stores a reminder asked for in an SMS walkthrough with consent, and sends it once when due', async () => {
    const from = phone();
    await askForReminder(from);
    const saved = await stored(from);
    expect(saved.map((r) => [r.kind, r.deadline, r.offsetDays, r.status, r.dueAt.toISOString()])).toEqual([
      ['licence-expiry', '2027-01-20', 30, 'scheduled', at('2026-12-21T10:00:00').toISOString()],
      ['licence-expiry', '2027-01-20', 7, 'scheduled', at('2027-01-13T10:00:00').toISOString()],
    ]);
    expect(saved[0]!.consent).toMatchObject({ channel: 'sms-twilio', source: 'dialog:licence-renewal', at: NOW });
    expect(saved[0]!.consent.text).toContain('回复T退订');

    expect(await runAt('2026-12-21T09:59:00')).toBe(0);
    expect(restCalls(from)).toHaveLength(0);
    expect(await runAt('2026-12-21T10:00:00')).toBe(1);
    await eventually(() => restCalls(from).length === 1, 'the reminder reaches Twilio');
    const [call] = restCalls(from);
    expect(call!.body).toBe('您的驾驶证有效期2027年1月20日届满（还有30天），到期前90天内可在交管12123 App申请期满换证。回T退订');
    expect(call!.body).not.toMatch(/https?:|www\./);
    // Running again (or another worker) sends nothing more.
    expect(await runAt('2026-12-21T10:05:00')).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(restCalls(from)).toHaveLength(1);
    const [first] = await stored(from);
    expect(first).toMatchObject({ status: 'sent', outboxIds: [expect.any(String)] });
    const outbox = await app.rt.db.models.Outbox.findById(first!.outboxIds[0]).lean();
    expect(outbox).toMatchObject({ kind: 'reminder', to: from, status: 'sent', channel: 'sms-twilio' });
  });

  it('a reminder due at 23:00 waits for 08:00 the next morning', async () => {
    const from = phone();
    const result = await reminders().service.schedule({
      phone: from,
      channel: 'sms-twilio',
      locale: 'en',
      deadline: { kind: 'inspection-due', date: '2027-01-31', serviceId: 'inspection-booking' },
      consentText: 'consent as shown',
      source: 'test',
    });
    expect(result.ok).toBe(true);
    // A reminder whose time fell at night (e.g. planned by an older rule or delayed by downtime).
    await app.rt.db.models.Reminder.updateOne({ phone: from, offsetDays: 30 }, { $set: { dueAt: at('2027-01-01T23:00:00') } });
    expect(await runAt('2027-01-01T23:00:00')).toBe(1);
    expect(await runAt('2027-01-02T03:00:00')).toBe(0);
    expect(await runAt('2027-01-02T07:59:00')).toBe(0);
    expect(restCalls(from)).toHaveLength(0);
    const deferred = (await stored(from))[0]!;
    expect(deferred).toMatchObject({ status: 'scheduled', dueAt: at('2027-01-02T08:00:00') });
    expect(deferred.history.map((h) => [h.event, h.reason])).toContainEqual(['deferred', 'outside_hours']);
    expect(await runAt('2027-01-02T08:00:00')).toBe(1);
    await eventually(() => restCalls(from).length === 1, 'the reminder is sent at 08:00');
    expect(restCalls(from)[0]!.body).toBe('Your vehicle inspection is due on 2027-01-31 (29 days left). Book the inspection or apply for the inspection mark in time. Reply STOP to opt out');
  });

  it("an opt-out cancels the number's scheduled reminders; opting in again does not bring them back", async () => {
    const from = phone();
    await askForReminder(from);
    await sms(from, 'T');
    expect((await app.rt.messaging.consentService.state(from)).optedOut).toBe(true);
    expect((await stored(from)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    await sms(from, 'Y');
    expect((await app.rt.messaging.consentService.state(from)).optedOut).toBe(false);
    // Past both due dates (the worker may send other tests' reminders meanwhile).
    await runAt('2026-12-21T10:00:00');
    await runAt('2027-01-13T10:00:00');
    expect((await stored(from)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    await new Promise((r) => setTimeout(r, 100));
    expect(restCalls(from)).toHaveLength(0);
  });

  it('a reminder left scheduled for an opted-out number (its cancellation failed) is still refused by the outbox', async () => {
    const from = phone();
    await askForReminder(from);
    // The opt-out recorded in the consent record alone, as if the cancelling step had failed.
    await new ConsentRepository(app.rt.db.models.Consent).optOut(from, 'sms-twilio', 'test', false);
    expect(await runAt('2026-12-21T10:00:00')).toBe(1);
    const [first, second] = await stored(from);
    expect(first).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^(opted_out|provider_blocked)$/) });
    expect(second!.status).toBe('scheduled');
    const refusal = await app.rt.db.models.Outbox.findById(first!.outboxIds[0]).lean();
    expect(refusal).toMatchObject({ kind: 'reminder', status: 'failed', error: { code: first!.reason } });
    await new Promise((r) => setTimeout(r, 100));
    expect(restCalls(from)).toHaveLength(0);
    // Refused once, never retried.
    expect(await runAt('2026-12-21T12:00:00')).toBe(0);
  });

  it('"取消提醒" days later cancels the scheduled reminders', async () => {
    const from = phone();
    await askForReminder(from);
    clock = at('2026-12-01T09:00:00');
    expect(await sms(from, '取消提醒')).toContain('已取消2条到期提醒。');
    expect((await stored(from)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(await sms(from, '取消提醒')).toContain('您目前没有待发送的到期提醒。');
    await runAt('2027-01-13T10:00:00');
    expect((await stored(from)).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(restCalls(from)).toHaveLength(0);
  });

  it('a claim left by a crashed worker is scheduled again when nothing was queued', async () => {
    const from = phone();
    await askForReminder(from);
    const repo = reminders().repo;
    const claimed = (await repo.claimDue('dead-worker', at('2026-12-21T10:00:00'), 1000)) as Reminder;
    expect(claimed.phone).toBe(from);
    expect(await repo.recoverExpired(at('2026-12-21T10:00:00'))).toBe(0);
    expect(await repo.recoverExpired(at('2026-12-21T10:00:02'))).toBe(1);
    expect((await repo.get(claimed._id))!.status).toBe('scheduled');
    expect(await runAt('2026-12-21T10:01:00')).toBe(1);
    await eventually(() => restCalls(from).length === 1, 'sent once after recovery');
  });

  /** Vehicle registration certificate replacement, booked at the second office, first slot. */
  async function book(from: string): Promise<string> {
    expect(await sms(from, '4')).toMatch(/^请选择车辆与号牌业务/);
    expect(await sms(from, '登记证书丢了怎么补')).toContain('补领、换领机动车登记证书');
    expect(await sms(from, '2')).toContain('预约窗口办理');
    expect(await sms(from, '预约')).toContain('九江市车管所（演示）');
    expect(await sms(from, '2')).toMatch(/最近可约的时间/);
    const booked = await sms(from, '1');
    expect(booked).toMatch(/^预约成功，预约号[A-Z2-9]{6}。/);
    return /预约号([A-Z2-9]{6})/.exec(booked)![1]!;
  }

  it('a booking over SMS queues a confirmation notice through the outbox; so do a move and a cancellation', async () => {
    const from = phone();
    const ref = await book(from);
    await eventually(() => restCalls(from).length === 1, 'the notice reaches Twilio');
    expect(restCalls(from)[0]!.body).toBe(
      `预约成功：补领、换领机动车登记证书，11月30日周一 09:00，九江市车管所（演示）（九江市濂溪区示例大道100号），预约号${ref}。请带身份证和材料按时到；改约回复“改约 ${ref}”，取消回复“取消预约 ${ref}”。`,
    );
    expect(await app.rt.db.models.Outbox.countDocuments({ to: from, kind: 'notice' })).toBe(1);
    expect(await sms(from, `改约 ${ref}`)).toMatch(/最近可约的时间/);
    expect(await sms(from, '2')).toContain(`已改约，预约号${ref}不变。`);
    expect(await sms(from, `取消预约 ${ref}`)).toContain('确认取消这个预约吗？');
    expect(await sms(from, '1')).toContain(`预约${ref}已取消。`);
    await eventually(() => restCalls(from).length === 3, 'three notices');
    expect(restCalls(from)[1]!.body).toMatch(new RegExp(`^预约${ref}已改到11月30日周一 \\d\\d:\\d\\d，九江市车管所`));
    expect(restCalls(from)[2]!.body).toMatch(new RegExp(`^预约${ref}（11月30日周一 \\d\\d:\\d\\d，九江市车管所（演示））已取消。$`));
  });

  it('the booking stands when the notice cannot be queued', async () => {
    const from = phone();
    const send = app.rt.messaging.send;
    app.rt.messaging.send = async () => {
      throw new Error('outbox unavailable');
    };
    try {
      const ref = await book(from);
      expect(await app.rt.db.models.Appointment.findOne({ ref }).lean()).toMatchObject({ status: 'booked', phone: from });
    } finally {
      app.rt.messaging.send = send;
    }
    expect(await app.rt.db.models.Outbox.countDocuments({ to: from, kind: 'notice' })).toBe(0);
  });
});
