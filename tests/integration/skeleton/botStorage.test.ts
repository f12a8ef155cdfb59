import mongoose from 'mongoose';
import { useTestMongo } from '../../support/mongo';
import { defineCoreModels } from '../../../src/storage/models/core';
import { MongoBotStorage } from '../../../src/storage/botStorage';

describe('MongoBotStorage (botbuilder Storage on MongoDB)', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let conn: mongoose.Connection;
  let storage: MongoBotStorage;

  beforeAll(async () => {
    mongo = await useTestMongo();
    conn = await mongoose.createConnection(mongo.uri, { dbName: mongo.dbName }).asPromise();
    const models = defineCoreModels(conn);
    await models.BotState.init();
    storage = new MongoBotStorage(models.BotState);
  });
  afterAll(async () => {
    await conn.close();
    await mongo.close();
  });

  it('reads back what it wrote, with a fresh eTag, and leaves missing keys out', async () => {
    await storage.write({ 'sms-twilio/users/+8613800138000/': { profile: { locale: 'en' } } });
    const items = await storage.read(['sms-twilio/users/+8613800138000/', 'missing']);
    expect(Object.keys(items)).toEqual(['sms-twilio/users/+8613800138000/']);
    expect(items['sms-twilio/users/+8613800138000/']).toMatchObject({ profile: { locale: 'en' }, eTag: expect.any(String) });
  });

  it('stores keys MongoDB would refuse as field names ($-prefixed, dotted)', async () => {
    await storage.write({ k1: { dialogState: { $type: 'x', 'a.b': 1, nested: { $gt: '' } } } });
    const items = await storage.read(['k1']);
    expect(items.k1.dialogState).toEqual({ $type: 'x', 'a.b': 1, nested: { $gt: '' } });
  });

  it('rejects a write with a stale eTag and accepts the current one', async () => {
    await storage.write({ k2: { n: 1 } });
    const first = (await storage.read(['k2'])).k2;
    await storage.write({ k2: { ...first, n: 2 } });
    await expect(storage.write({ k2: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    const current = (await storage.read(['k2'])).k2;
    expect(current.n).toBe(2);
    await storage.write({ k2: { ...current, n: 4 } });
    expect((await storage.read(['k2'])).k2.n).toBe(4);
  });

  it('overwrites unconditionally with eTag "*"', async () => {
    await storage.write({ k3: { n: 1 } });
    await storage.write({ k3: { n: 2, eTag: '*' } });
    expect((await storage.read(['k3'])).k3.n).toBe(2);
  });

  it('deletes, ignoring keys that do not exist', async () => {
    await storage.write({ k4: { n: 1 } });
    await storage.delete(['k4', 'never-was']);
    expect(await storage.read(['k4'])).toEqual({});
  });
});
