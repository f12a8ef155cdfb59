// "提醒我" after a walkthrough's conclusion, as drivers meet it through the whole pipeline: offered
// only over an SMS channel that sends, consent asked in numbered form, declined or too close,
// and explained on chat, where there is no phone to text.
import type { Runtime } from '../../src/runtime';
import { createChatSession, type ChatSession } from '../../src/channels/local/chatSession';
import { segmentCount } from '../../src/services/messaging/segments';
import { PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM } from '../support/twilio';
import { startTestRuntime } from '../support/app';
import { useTestMongo } from '../support/mongo';

type Step = [user: string, expected: (string | RegExp)[]];

const NOW = new Date('2026-11-27T10:00:00+08:00');
const LICENCE_HOLDER = '+8613800138000'; // demo licence valid until 2026-12-20 (data/seed)
const OFFER_ZH = '回复“提醒我”，到期前短信提醒您。';

async function play(chat: ChatSession, steps: Step[]): Promise<void> {
  for (const [user, expected] of steps) {
    const replies = await chat.send(user);
    expect({ user, replies }).toEqual({ user, replies: expected.map((e) => (typeof e === 'string' ? expect.stringContaining(e) : expect.stringMatching(e))) });
    for (const r of replies) expect({ user, reply: r, segments: segmentCount(r) <= 3 }).toEqual({ user, reply: r, segments: true });
  }
}

describe('deadline reminders in the service dialogs', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let rt: Runtime;
  let n = 0;
  const phone = () => `+86135${String(Date.now() % 1e4).padStart(4, '0')}${String(++n).padStart(4, '0')}`;

  beforeAll(async () => {
    mongo = await useTestMongo();
    const twilio = { accountSid: TWILIO_ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: TWILIO_FROM };
    rt = await startTestRuntime(mongo, { config: { publicBaseUrl: PUBLIC_BASE_URL, twilio }, runtime: { now: () => NOW, seed: true } });
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
  });

  const scheduled = (to: string) => rt.services.reminders!.service.scheduled(to);

  it('zh-CN SMS: a verified licence holder is offered a reminder and agrees; only the 7-day one is still ahead', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', user: LICENCE_HOLDER, channelId: 'sms-twilio' });
    await play(chat, [
      ['3', [/^请选择驾驶证业务/]],
      ['驾照下个月到期', [/还剩23天，现在可以申请期满换证/, new RegExp(`^还想了解什么？回复数字：\\n1\\.所需材料[\\s\\S]*\\n${OFFER_ZH}$`)]],
      ['提醒我', [/^到期提醒：我们将在12月13日白天（8:00-21:00）向本机发短信，提醒您驾驶证有效期2026年12月20日到期，短信不含链接。回复T退订，回复“取消提醒”可取消。是否同意？\n1\.同意\n2\.不用了$/]],
      ['3', [/^请回复1（同意）或2（不用了）。\n到期提醒：/]],
      ['同意', ['已设置到期提醒：12月13日各发一条短信（驾驶证有效期2026年12月20日到期）。', /^还需要办理什么？/]],
    ]);
    const saved = await scheduled(LICENCE_HOLDER);
    expect(saved.map((r) => [r.kind, r.deadline, r.offsetDays, r.locale])).toEqual([['licence-expiry', '2026-12-20', 7, 'zh-CN']]);
    expect(saved[0]!.consent.text).toMatch(/^到期提醒：我们将在12月13日/);
  });

  it('en SMS: consent in English, declined: nothing is stored', async () => {
    const from = phone();
    const chat = createChatSession(rt, { locale: 'en', user: from, channelId: 'sms-twilio' });
    await play(chat, [
      ['3', [/^Which licence service\?/]],
      ['1', [/On what date does your driving licence expire\?/]],
      ['2027-01-20', [/You can apply for renewal now\.[\s\S]*Reply REMIND ME for a text before the deadline\.$/]],
      ['remind me', [/^Deadline reminder: we would text this number on 21 Dec and 13 Jan, between 08:00 and 21:00, about your licence expiry on 2027-01-20\. No links\. Reply STOP to opt out, or 'cancel reminder' to cancel\. Do you agree\?\n1\. Yes, remind me\n2\. No thanks$/]],
      ['no thanks', ['OK, no reminder.', /^Anything else\?/]],
    ]);
    expect(await scheduled(from)).toEqual([]);
  });

  it('zh-CN SMS: a deadline too close for a reminder is not offered, and "提醒我" says why', async () => {
    const from = phone();
    const chat = createChatSession(rt, { locale: 'zh-CN', user: from, channelId: 'sms-twilio' });
    const replies = await chat.send('3');
    expect(replies[0]).toMatch(/^请选择驾驶证业务/);
    await chat.send('1');
    const concluded = (await chat.send('2026-12-02')).join('\n');
    expect(concluded).toContain('还剩5天');
    expect(concluded).not.toContain(OFFER_ZH);
    await play(chat, [['提醒我', ['离到期只有5天，来不及安排提醒了，请尽快办理。', /^还需要办理什么？/]]]);
    expect(await scheduled(from)).toEqual([]);
  });

  it('zh-CN chat: no reminder is offered, and asking for one explains that it needs SMS', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', channelId: 'webchat' });
    await chat.send('3');
    await chat.send('1');
    const concluded = (await chat.send('2027-01-20')).join('\n');
    expect(concluded).toContain('现在可以申请期满换证');
    expect(concluded).not.toContain(OFFER_ZH);
    await play(chat, [['提醒我', ['到期提醒通过短信发送，需要用手机短信和交管助手对话时设置。', /^还需要办理什么？/]]]);
  });

  it('an SMS channel that cannot send (the local console) gets no offer either', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN', user: phone() });
    await chat.send('3');
    await chat.send('1');
    expect((await chat.send('2027-01-20')).join('\n')).not.toContain(OFFER_ZH);
  });
});
