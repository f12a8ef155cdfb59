import { useTestMongo, type TestMongo } from '../../support/mongo';
import { startTestApp, type TestApp } from '../../support/app';

describe('SMS channels without configuration', () => {
  let mongo: TestMongo;
  let app: TestApp;

  beforeAll(async () => {
    mongo = await useTestMongo();
    app = await startTestApp(mongo);
  });
  afterAll(async () => {
    await app.close();
    await mongo.close();
  });

  it.each(['/sms/twilio', '/sms/twilio/status', '/sms/aliyun/up', '/sms/aliyun/report'])('%s answers 503 with a JSON error', async (path) => {
    const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'channel_off' } });
  });

  it('has no consent hooks, so opt-out words are ordinary text on other channels, and refuses SMS sends', async () => {
    expect(app.rt.messaging.consent).toBeUndefined();
    const res = await app.rt.messaging.send({ channel: 'sms-twilio', to: '+8613800138000', text: '提醒', kind: 'reminder', locale: 'zh-CN' });
    expect(res).toMatchObject({ accepted: false, reason: 'channel_off' });
  });
});
