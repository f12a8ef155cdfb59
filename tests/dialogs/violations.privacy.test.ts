// What the conversation keeps about a lookup: transcripts hold no verification code and no full
// plate, and a plate in the very first message reaches the lookup through the main menu's router.
import { testConfig } from '../../src/config';
import { createRuntime, type Runtime } from '../../src/runtime';
import { createChatSession } from '../../src/channels/local/chatSession';
import { useTestMongo, type TestMongo } from '../support/mongo';

describe('violation lookups and the transcript', () => {
  let mongo: TestMongo;
  let rt: Runtime;

  beforeAll(async () => {
    mongo = await useTestMongo();
    rt = await createRuntime(testConfig({ mongodbUri: mongo.uri }), {
      dbName: mongo.dbName,
      seed: true,
      now: () => new Date('2026-11-27T02:00:00.000Z'),
    });
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
  });

  it('takes the plate from a first message such as "查违章 赣G34567" and asks for the code', async () => {
    const chat = createChatSession(rt, { channelId: 'sms-cli', user: '+8613911110009', locale: 'zh-CN' });
    const [reply] = await chat.send('查违章 赣G34567');
    expect(reply).toContain('请回复赣G34567车架号后6位');
  });

  it('keeps neither the verification code nor the full plate in the transcript', async () => {
    const user = '+8613911110010';
    const chat = createChatSession(rt, { channelId: 'sms-cli', user, locale: 'zh-CN' });
    await chat.send('查违章 赣G34567');
    const [list] = await chat.send('204519');
    expect(list).toMatch(/待处理违法2条/);
    const rows = await rt.db.models.Transcript.find({ conversationId: `sms-cli:${user}` }).sort({ timestamp: 1, _id: 1 }).lean();
    const all = rows.map((r) => r.text ?? '').join('\n');
    expect(all).not.toContain('204519');
    expect(all).not.toContain('赣G34567');
    expect(rows.find((r) => r.role === 'user' && r.text === '******')).toBeDefined();
  });
});
