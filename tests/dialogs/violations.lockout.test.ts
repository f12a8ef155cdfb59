// Failed verifications lock further tries (5 per sender per hour, 5 per plate per day), with a
// clear message naming when to try again; the locks expire on the injected clock; every lookup
// is audited with the plate and the sender masked.
import type { Runtime } from '../../src/runtime';
import { createChatSession } from '../../src/channels/local/chatSession';
import { startTestRuntime } from '../support/app';
import { useTestMongo, type TestMongo } from '../support/mongo';

const HOUR = 3_600_000;

describe('verification lockout (SMS, zh-CN)', () => {
  let mongo: TestMongo;
  let rt: Runtime;
  let clock = new Date('2026-11-27T02:00:00.000Z'); // 10:00 in Shanghai

  beforeAll(async () => {
    mongo = await useTestMongo();
    rt = await startTestRuntime(mongo, { runtime: { seed: true, now: () => clock } });
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
  });

  it('locks a plate after 5 wrong codes, says until when, and lets the right code in a day later', async () => {
    const chat = createChatSession(rt, { channelId: 'sms-cli', user: '+8613922220001' });
    await chat.send('2');
    expect(await chat.send('赣G12345')).toEqual([expect.stringContaining('车架号后6位')]);
    for (let i = 0; i < 4; i += 1) {
      expect(await chat.send(`00000${i}`)).toEqual([expect.stringMatching(/^车牌号与车架号\/发动机号不符/)]);
      clock = new Date(clock.getTime() + 60_000);
    }
    expect(await chat.send('000009')).toEqual([
      '这个号码验证失败次数太多，请在2026-11-28 10:00之后再试，或带证件到交管业务窗口查询。',
      expect.stringMatching(/^还需要办理什么？/),
    ]);
    // Another sender with the right VIN meets the same lock, without being told anything else.
    const other = createChatSession(rt, { channelId: 'sms-cli', user: '+8613922220002' });
    await other.send('2');
    expect(await other.send('赣G12345')).toEqual([
      '这个号码验证失败次数太多，请在2026-11-28 10:00之后再试，或带证件到交管业务窗口查询。',
      expect.stringMatching(/^还需要办理什么？/),
    ]);
    // The owner's own phone is not a guess: it still works.
    const owner = createChatSession(rt, { channelId: 'sms-cli', user: '+8613800138000' });
    await owner.send('2');
    expect((await owner.send('赣G12345'))[0]).toMatch(/^赣G12345待处理违法7条/);

    clock = new Date(clock.getTime() + 24 * HOUR);
    await other.send('2');
    await other.send('赣G12345');
    expect((await other.send('184825'))[0]).toMatch(/^赣G12345待处理违法7条/);
  });

  it('locks a sender after 5 wrong codes on different plates within an hour; an hour later it can try again', async () => {
    const chat = createChatSession(rt, { channelId: 'sms-cli', user: '+8613922220003' });
    const start = clock;
    for (let i = 0; i < 5; i += 1) {
      await chat.send('2');
      expect(await chat.send(`赣A1000${i}`)).toEqual([expect.stringContaining('车架号后6位')]);
      const replies = await chat.send('123456');
      if (i < 4) {
        expect(replies).toEqual([expect.stringMatching(/^车牌号与车架号\/发动机号不符/)]);
        await chat.send('取消');
      } else {
        expect(replies).toEqual(['验证失败次数太多，为保护个人信息，请在2026-11-28 11:04之后再试。', expect.stringMatching(/^还需要办理什么？/)]);
      }
    }
    await chat.send('2');
    expect((await chat.send('赣G34567'))[0]).toMatch(/^验证失败次数太多/);

    clock = new Date(start.getTime() + HOUR + 1);
    await chat.send('2');
    expect(await chat.send('赣G34567')).toEqual([expect.stringContaining('车架号后6位')]);
    expect((await chat.send('204519'))[0]).toMatch(/^赣G34567待处理违法2条/);
  });

  it('audits every lookup with the sender and the plate masked', async () => {
    const audit = await rt.db.models.LookupAudit.find().lean();
    const outcomes = new Set(audit.map((a) => a.outcome));
    expect([...outcomes].sort()).toEqual(['challenge', 'code', 'locked', 'mismatch', 'phone']);
    const text = JSON.stringify(audit);
    expect(text).not.toMatch(/赣G12345|赣G34567|13922220001|13800138000/);
    expect(audit.find((a) => a.outcome === 'phone')).toMatchObject({ channel: 'sms-cli', requester: '+86138****8000', subject: '赣G***45', kind: 'vehicle' });
    const failures = JSON.stringify(await rt.db.models.VerificationFailure.find().lean());
    expect(failures).not.toMatch(/赣|\+86/);
  });
});
