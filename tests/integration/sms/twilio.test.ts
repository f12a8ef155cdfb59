import { useTestMongo, type TestMongo } from '../../support/mongo';
import type { TestApp } from '../../support/app';
import {
  PUBLIC_BASE_URL,
  inboundForm,
  messageSid,
  postTwilio,
  startFakeTwilio,
  twilioSignature,
  twimlActions,
  twimlMessages,
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
  type FakeTwilio,
} from '../../support/twilio';
import { ChoiceEchoDialog, CounterDialog, eventually, startSmsApp } from './setup';

let n = 0;
/** A fresh mainland mobile per test, so conversations never share state. */
const phone = () => `+86139${String(Date.now() % 1e4).padStart(4, '0')}${String(++n).padStart(4, '0')}`;

describe('Twilio SMS webhook', () => {
  let mongo: TestMongo;
  let fake: FakeTwilio;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeTwilio();
    app = await startSmsApp(mongo, { twilio: fake });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await mongo.close();
  });

  const sms = async (from: string, body: string, extra = {}) => {
    const res = await postTwilio(app.url, '/sms/twilio', inboundForm(from, body, extra));
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/text\/xml/);
    return twimlMessages(res.body);
  };

  it('answers an SMS with TwiML whose <Message> elements are the replies, each with a status callback', async () => {
    const res = await postTwilio(app.url, '/sms/twilio', inboundForm(phone(), '你好'));
    expect(res.status).toBe(200);
    const [reply] = twimlMessages(res.body);
    expect(reply).toContain('您好，我是交管助手');
    expect(reply).toContain('2.查违法');
    const [action] = twimlActions(res.body);
    expect(action).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/sms/twilio/status\\?id=`));
    const id = new URL(action).searchParams.get('id')!;
    const stored = await app.rt.db.models.Outbox.findById(id).lean();
    expect(stored).toMatchObject({ channel: 'sms-twilio', kind: 'reply', via: 'twiml', status: 'sent' });
  });

  it('checks the signature against PUBLIC_BASE_URL plus the path and query', async () => {
    const form = inboundForm(phone(), '你好');
    const ok = await postTwilio(app.url, '/sms/twilio?tenant=acme', form);
    expect(ok.status).toBe(200);
    // Signed for the URL the app sees locally (not the public one): refused.
    const local = await postTwilio(app.url, '/sms/twilio', inboundForm(phone(), '你好'), { publicBaseUrl: app.url });
    expect(local.status).toBe(403);
    // Signed without the query it was posted with: refused.
    const noQuery = twilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/twilio`, form);
    expect((await postTwilio(app.url, '/sms/twilio?tenant=acme', form, { signature: noQuery })).status).toBe(403);
  });

  it('refuses a missing or wrong signature with 403 and runs no turn', async () => {
    const from = phone();
    const missing = await postTwilio(app.url, '/sms/twilio', inboundForm(from, '你好'), { signature: null });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body).error.code).toBe('invalid_signature');
    expect((await postTwilio(app.url, '/sms/twilio', inboundForm(from, '你好'), { signature: 'AAAA' })).status).toBe(403);
    expect((await postTwilio(app.url, '/sms/twilio', inboundForm(from, '你好'), { token: 'another-token' })).status).toBe(403);
    const tampered = inboundForm(from, '你好');
    const sig = twilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/twilio`, tampered);
    expect((await postTwilio(app.url, '/sms/twilio', { ...tampered, Body: '改过' }, { signature: sig })).status).toBe(403);
    expect(await app.rt.db.models.Transcript.countDocuments({ conversationId: from })).toBe(0);
  });

  it('answers 400 to a signed message without MessageSid or sender, and survives garbage', async () => {
    const form = inboundForm(phone(), '你好');
    delete (form as Record<string, string>).MessageSid;
    const res = await postTwilio(app.url, '/sms/twilio', form);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('invalid_message');
    expect((await postTwilio(app.url, '/sms/twilio', inboundForm('not-a-phone', '你好'))).status).toBe(400);
    const garbage = await fetch(`${app.url}/sms/twilio`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":' });
    expect(garbage.status).toBe(403);
    const big = await fetch(`${app.url}/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Body=${'a'.repeat(100_000)}`,
    });
    expect(big.status).toBe(413);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('runs one bot turn for a MessageSid delivered three times', async () => {
    const from = phone();
    const form = inboundForm(from, '你好');
    const answers = await Promise.all([1, 2, 3].map(() => postTwilio(app.url, '/sms/twilio', form)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const withReplies = answers.filter((a) => twimlMessages(a.body).length > 0);
    expect(withReplies).toHaveLength(1);
    for (const a of answers.filter((x) => twimlMessages(x.body).length === 0)) expect(a.body).toMatch(/<Response\/>/);
    const again = await postTwilio(app.url, '/sms/twilio', form);
    expect(twimlMessages(again.body)).toEqual([]);
    expect(await app.rt.db.models.Transcript.countDocuments({ conversationId: from, role: 'user' })).toBe(1);
  });

  it('holds a Chinese conversation: the menu, "1" for the FAQ, 菜单, and "2" picks the second choice', async () => {
    const from = phone();
    const [menu] = await sms(from, '你好');
    expect(menu).toContain('1.问政策/办事流程');
    const faq = await sms(from, '1');
    const notUnderstood = app.rt.i18n.t('zh-CN', 'main.menu.notUnderstood');
    expect(faq.join('\n')).not.toContain(notUnderstood);
    // "1" does what naming the first position does.
    const other = phone();
    await sms(other, '你好');
    expect(await sms(other, '第一个')).toEqual(faq);
    const [answer] = await sms(from, '驾驶证快到期了怎么换？');
    expect(answer.length).toBeGreaterThan(10);
    expect(answer).not.toContain(notUnderstood);
    const [again] = await sms(from, '菜单');
    expect(again).toContain('2.查违法');
    const second = await sms(from, '2');
    expect(second.join('\n')).not.toContain(notUnderstood);
    expect(second).not.toEqual(faq);
    const third = phone();
    await sms(third, '你好');
    expect(await sms(third, '第二个')).toEqual(second);
  });

  it('holds an English conversation from an English text, with numbered replies', async () => {
    const from = phone();
    const [menu] = await sms(from, 'Hello there');
    expect(menu).toContain('Hello, I am the traffic services assistant');
    expect(menu).toContain('1. Rules and procedures');
    const faq = await sms(from, '1');
    expect(faq.join('\n')).not.toContain('Sorry, I did not understand');
    const [again] = await sms(from, 'menu');
    expect(again).toContain('2. Check violations');
    const second = await sms(from, '2');
    expect(second.join('\n')).not.toContain('Sorry, I did not understand');
    expect(second).not.toEqual(faq);
    const other = phone();
    await sms(other, 'Hello there');
    expect(await sms(other, 'the second one')).toEqual(second);
  });

  it('records STOP without replying, refuses every unsolicited SMS, and START opts back in', async () => {
    const from = phone();
    await sms(from, '你好');
    expect(await sms(from, 'STOP')).toEqual([]);
    const consent = await app.rt.db.models.Consent.findById(from).lean();
    expect(consent).toMatchObject({ optedOut: true, blockedBy: ['sms-twilio'] });

    const reminder = await app.rt.messaging.send({ channel: 'sms-twilio', to: from, text: '您的驾驶证即将到期。', kind: 'reminder', locale: 'zh-CN' });
    const proactive = await app.rt.messaging.send({ channel: 'sms-twilio', to: from, text: '您好，这里是交管助手。', kind: 'proactive', locale: 'zh-CN' });
    const agent = await app.rt.messaging.send({ channel: 'sms-twilio', to: from, text: '人工客服回复', kind: 'agent', locale: 'zh-CN' });
    expect([reminder, proactive, agent].map((r) => r.accepted)).toEqual([false, false, false]);
    // Twilio blocks the number after STOP, so even a reply is not attempted.
    expect(await sms(from, '你好')).toEqual([]);
    await app.rt.messaging.worker.settled();
    expect(fake.calls.filter((c) => c.to === from)).toEqual([]);

    expect(await sms(from, 'START')).toEqual([]);
    expect(await app.rt.db.models.Consent.findById(from).lean()).toMatchObject({ optedOut: false, blockedBy: [] });
    const after = await app.rt.messaging.send({ channel: 'sms-twilio', to: from, text: '您的驾驶证即将到期。', kind: 'reminder', locale: 'zh-CN' });
    expect(after.accepted).toBe(true);
    await eventually(() => fake.calls.some((c) => c.to === from), 'the reminder is sent');
    expect((await sms(from, '你好'))[0]).toContain('交管助手');
  });

  it('treats a bare CANCEL as the carrier opt-out word, and YES opts back in only while opted out', async () => {
    const from = phone();
    await sms(from, '你好');
    await sms(from, 'YES');
    expect(await app.rt.db.models.Consent.findById(from).lean()).toBeNull();
    await sms(from, 'cancel');
    expect((await app.rt.db.models.Consent.findById(from).lean())?.optedOut).toBe(true);
    await sms(from, 'YES');
    expect((await app.rt.db.models.Consent.findById(from).lean())?.optedOut).toBe(false);
  });

  it('mirrors an Advanced Opt-Out keyword Twilio recognised (OptOutType) even when it is not ours', async () => {
    const from = phone();
    await sms(from, '不要再发了', { OptOutType: 'STOP' });
    expect((await app.rt.db.models.Consent.findById(from).lean())?.optedOut).toBe(true);
  });

  it('sends proactive SMS through the REST API with a status callback, and applies callbacks once, forward only', async () => {
    const to = phone();
    const sent = await app.rt.messaging.send({ channel: 'sms-twilio', to, text: '您预约的业务已办结。', kind: 'notice', locale: 'zh-CN' });
    expect(sent.accepted).toBe(true);
    const [id] = sent.ids;
    await eventually(async () => (await app.rt.db.models.Outbox.findById(id).lean())?.status === 'sent', 'the notice is sent');
    const call = fake.calls.find((c) => c.to === to)!;
    expect(call.body).toBe('您预约的业务已办结。');
    expect(call.statusCallback).toBe(`${PUBLIC_BASE_URL}/sms/twilio/status?id=${id}`);
    const doc = await app.rt.db.models.Outbox.findById(id).lean();
    expect(doc?.providerId).toBe(call.sid);

    const path = `/sms/twilio/status?id=${id}`;
    const cb = (status: string) => ({ MessageSid: call.sid!, SmsSid: call.sid!, AccountSid: TWILIO_ACCOUNT_SID, To: to, MessageStatus: status, SmsStatus: status, ApiVersion: '2010-04-01' });
    expect((await postTwilio(app.url, path, cb('delivered'), { signature: 'bad' })).status).toBe(403);
    expect((await postTwilio(app.url, path, cb('delivered'))).status).toBe(200);
    expect((await postTwilio(app.url, path, cb('sent'))).status).toBe(200); // late, out of order
    expect((await postTwilio(app.url, path, cb('delivered'))).status).toBe(200); // duplicate
    const after = await app.rt.db.models.Outbox.findById(id).lean();
    expect(after).toMatchObject({ status: 'delivered', providerStatus: 'delivered' });
    expect(await app.rt.db.models.ProviderEvent.countDocuments({ _id: { $in: [`twilio:${call.sid}:delivered`, `twilio:${call.sid}:sent`] } })).toBe(2);
    expect((await postTwilio(app.url, path, { ...cb('failed'), MessageSid: 'nope' })).status).toBe(400);
  });

  it('marks a number opted out on 21610 and never retries it', async () => {
    const to = phone();
    fake.queueFor(to, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const { ids } = await app.rt.messaging.send({ channel: 'sms-twilio', to, text: '提醒', kind: 'reminder', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(ids[0]).lean())?.status === 'failed', 'the send fails');
    expect((await app.rt.db.models.Outbox.findById(ids[0]).lean())?.error).toMatchObject({ code: '21610', reason: 'opted_out' });
    expect(await app.rt.db.models.Consent.findById(to).lean()).toMatchObject({ optedOut: true, blockedBy: ['sms-twilio'] });
    await new Promise((r) => setTimeout(r, 1200));
    expect(fake.calls.filter((c) => c.to === to)).toHaveLength(1);
  });

  it('backs off and retries after 429, and marks a timed-out send unknown instead of sending it again', async () => {
    const to = phone();
    fake.queueFor(to, { status: 429, code: 20429, message: 'Too Many Requests' });
    const retried = await app.rt.messaging.send({ channel: 'sms-twilio', to, text: '第一条', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(retried.ids[0]).lean())?.status === 'sent', 'sent after a retry', 10_000);
    expect(fake.calls.filter((c) => c.to === to)).toHaveLength(2);
    expect((await app.rt.db.models.Outbox.findById(retried.ids[0]).lean())?.attempts).toBe(2);

    const slow = phone();
    fake.queueFor(slow, { hang: true });
    const hung = await app.rt.messaging.send({ channel: 'sms-twilio', to: slow, text: '第二条', kind: 'notice', locale: 'zh-CN' });
    await eventually(async () => (await app.rt.db.models.Outbox.findById(hung.ids[0]).lean())?.status === 'unknown', 'unknown after a timeout');
    await new Promise((r) => setTimeout(r, 1200));
    expect(fake.calls.filter((c) => c.to === slow)).toHaveLength(1);
  }, 30_000);
});

describe('Twilio SMS ordering', () => {
  let mongo: TestMongo;
  let fake: FakeTwilio;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeTwilio();
    app = await startSmsApp(mongo, { twilio: fake, rootDialog: () => new CounterDialog() });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await mongo.close();
  });

  it('answers five SMS from one phone posted within a second in the order sent, none lost', async () => {
    const from = '+8613700000005';
    const posts: Promise<{ body: string }>[] = [];
    for (let i = 1; i <= 5; i++) {
      posts.push(postTwilio(app.url, '/sms/twilio', inboundForm(from, `m${i}`)));
      // Far enough apart that separate connections cannot overtake each other on a loaded machine,
      // close enough that the turns (15 ms each, plus the store) still queue behind one another.
      await new Promise((r) => setTimeout(r, 20));
    }
    const answers = await Promise.all(posts);
    expect(answers.map((a) => twimlMessages(a.body)[0])).toEqual(['1:m1', '2:m2', '3:m3', '4:m4', '5:m5']);
  });

  it('loses no turn when ten SMS of one phone arrive at once', async () => {
    const from = '+8613700000010';
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => postTwilio(app.url, '/sms/twilio', inboundForm(from, `x${i}`))));
    const counts = answers.map((a) => Number(twimlMessages(a.body)[0].split(':')[0])).sort((a, b) => a - b);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const sid = messageSid();
    expect(twimlMessages((await postTwilio(app.url, '/sms/twilio', inboundForm(from, 'last', { MessageSid: sid }))).body)).toEqual(['11:last']);
  });
});

describe('Twilio SMS choices', () => {
  let mongo: TestMongo;
  let fake: FakeTwilio;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeTwilio();
    app = await startSmsApp(mongo, { twilio: fake, rootDialog: () => new ChoiceEchoDialog() });
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
    await mongo.close();
  });

  const sms = async (from: string, body: string) => twimlMessages((await postTwilio(app.url, '/sms/twilio', inboundForm(from, body))).body);

  it('renders buttons as a numbered list, drops typing, and turns the next "2" into the second value', async () => {
    const from = '+8613600000002';
    expect(await sms(from, 'hi')).toEqual(['got:hi', 'Pick one\n1.Violations\n2.Licence']);
    expect((await sms(from, '2'))[0]).toBe('got:licence');
    expect((await sms(from, '１'))[0]).toBe('got:violations');
    expect((await sms(from, '7'))[0]).toBe('got:7');
    // A turn that shows no choices forgets the old ones.
    await sms(from, 'plain');
    expect((await sms(from, '2'))[0]).toBe('got:2');
  });
});
