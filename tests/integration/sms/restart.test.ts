import { useTestMongo, type TestMongo } from '../../support/mongo';
import { startFakeAliyun, type FakeAliyun } from '../../support/fakeAliyun';
import { eventually, startSmsApp } from './setup';

describe('SMS work survives a restart', () => {
  let mongo: TestMongo;
  let fake: FakeAliyun;

  beforeAll(async () => {
    mongo = await useTestMongo();
    fake = await startFakeAliyun();
  });
  afterAll(async () => {
    await fake.close();
    await mongo.close();
  });

  it('sends what was queued before the restart, and turns a send caught mid-flight into unknown, not a duplicate', async () => {
    const first = await startSmsApp(mongo, { aliyun: fake, start: false });
    const queued = await first.rt.messaging.send({ channel: 'sms-aliyun', to: '+8613500000001', text: '排队中的通知', kind: 'notice', locale: 'zh-CN' });
    const inFlight = await first.rt.messaging.send({ channel: 'sms-aliyun', to: '+8613500000002', text: '发送中的通知', kind: 'notice', locale: 'zh-CN' });
    // The process died while this one was with the provider.
    await first.rt.db.models.Outbox.updateOne(
      { _id: inFlight.ids[0] },
      { $set: { status: 'sending', claimedBy: 'dead-worker', claimedUntil: new Date(Date.now() - 1000) } },
    );
    await first.close();

    const second = await startSmsApp(mongo, { aliyun: fake });
    try {
      await eventually(async () => (await second.rt.db.models.Outbox.findById(queued.ids[0]).lean())?.status === 'sent', 'the queued notice is sent');
      expect((await second.rt.db.models.Outbox.findById(inFlight.ids[0]).lean())?.status).toBe('unknown');
      expect(fake.calls.map((c) => c.phoneNumbers)).toEqual(['13500000001']);
    } finally {
      await second.close();
    }
  });

  it('runs the turns of SMS stored before a restart but never answered', async () => {
    const app = await startSmsApp(mongo, { aliyun: fake, start: false });
    try {
      await app.rt.db.models.SmsInbound.create({
        _id: 'aliyun:restart-1',
        channel: 'sms-aliyun',
        sequenceId: 'restart-1',
        phone: '+8613500000003',
        content: '你好',
        sentAt: new Date(Date.now() - 120_000),
        status: 'pending',
        receivedAt: new Date(Date.now() - 120_000),
      });
      app.rt.messaging.start();
      await eventually(() => fake.calls.some((c) => c.phoneNumbers === '13500000003'), 'the stored SMS is answered');
      expect((await app.rt.db.models.SmsInbound.findById('aliyun:restart-1').lean())?.status).toBe('done');
    } finally {
      await app.close();
    }
  });
});
