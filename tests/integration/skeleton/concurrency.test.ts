import { CounterDialog } from '../../support/counterDialog';
import { useTestMongo } from '../../support/mongo';
import { message, say, startTestApp, type TestApp } from '../../support/app';

describe('one turn at a time per conversation', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    a = await startTestApp(mongo, { runtime: { rootDialog: () => new CounterDialog(1) } });
    b = await startTestApp(mongo, { runtime: { rootDialog: () => new CounterDialog(1) } });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await mongo.close();
  });

  it('answers 50 simultaneous messages of one conversation, each seeing the one before', async () => {
    const user = 'burst';
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => say(a.url, message(`m${i + 1}`, { user }))),
    );
    const counts = replies.map((r) => {
      expect(r).toHaveLength(1);
      return Number(r[0].split(':')[0]);
    });
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The transcript holds the turns in the order they ran: every reply follows its own message.
    const rows = await a.rt.db.models.Transcript.find({ conversationId: 'conv-burst' }).sort({ timestamp: 1, _id: 1 }).lean();
    const bot = rows.filter((r) => r.role === 'bot').map((r) => Number(String(r.text).split(':')[0]));
    expect(bot).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const [last] = await say(a.url, message('final', { user }));
    expect(last).toBe('51:final');
  });

  it('serialises the turns of one conversation across two app instances', async () => {
    const user = 'split';
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => say(i % 2 === 0 ? a.url : b.url, message(`x${i}`, { user }))),
    );
    const [last] = await say(b.url, message('end', { user }));
    expect(last).toBe('31:end');
  });
});
