// MongoDB semantics the store must reproduce, checked through the official driver (these
// hold against a real server too), plus the refusals specific to the embedded store.
import { Long, MaxKey, MinKey, MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/storage/embedded';
import { useTestMongo, type TestMongo } from '../../support/mongo';

async function errorOf(p: Promise<unknown>): Promise<MongoServerError> {
  const err: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MongoServerError)) throw new Error(`expected a MongoServerError, got ${String(err)}`);
  return err;
}

describe('MongoDB semantics through the driver', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let db: Db;
  type IdDoc = { _id: number | string } & Record<string, unknown>;
  const coll = (name: string) => db.collection(name);
  const idColl = (name: string) => db.collection<IdDoc>(name);

  beforeAll(async () => {
    mongo = await useTestMongo();
    client = await MongoClient.connect(mongo.uri);
    db = client.db(mongo.dbName);
  });
  afterAll(async () => {
    await client.close();
    await mongo.close();
  });

  it('sorts mixed types in BSON order, arrays by their smallest element ascending', async () => {
    const c = db.collection<{ _id: number; v?: unknown }>('order');
    const oid = new ObjectId('000000000000000000000001');
    await c.insertMany([
      { _id: 1, v: 'text' }, { _id: 2, v: 5 }, { _id: 3, v: null }, { _id: 4, v: oid }, { _id: 5, v: true },
      { _id: 6, v: new Date(0) }, { _id: 7, v: { a: 1 } }, { _id: 8 }, { _id: 9, v: new MaxKey() }, { _id: 10, v: new MinKey() },
      { _id: 11, v: [0.5, 9] }, { _id: 12, v: 2.5 },
    ]);
    const asc = await c.find({}, { sort: { v: 1, _id: 1 } }).toArray();
    expect(asc.map((d) => d._id)).toEqual([10, 3, 8, 11, 12, 2, 1, 7, 4, 5, 6, 9]);
    const desc = await c.find({ _id: { $in: [2, 11, 12] } }, { sort: { v: -1 } }).toArray();
    expect(desc.map((d) => d._id)).toEqual([11, 2, 12]);
  });

  it('enforces compound and sparse unique indexes with MongoDB-shaped duplicate errors', async () => {
    const c = coll('uniq');
    await c.createIndex({ city: 1, plate: 1 }, { unique: true, name: 'city_plate' });
    await c.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ city: 'bj', plate: 'A1' }, { city: 'sh', plate: 'A1' }, { city: 'bj', plate: 'A2' }]);
    const dup = await errorOf(c.insertOne({ city: 'bj', plate: 'A1' }));
    expect(dup.code).toBe(11000);
    expect(dup.keyPattern).toEqual({ city: 1, plate: 1 });
    expect(dup.keyValue).toEqual({ city: 'bj', plate: 'A1' });
    expect(dup.message).toMatch(/E11000 duplicate key error collection: .*uniq index: city_plate dup key/);
    await c.insertOne({ city: 'gz', plate: 'B1', phone: '138' });
    expect((await errorOf(c.insertOne({ city: 'gz', plate: 'B2', phone: '138' }))).keyValue).toEqual({ phone: '138' });
    const dupId = await errorOf(c.insertOne({ _id: (await c.findOne({ plate: 'A2' }))?._id, city: 'x', plate: 'y' }));
    expect(dupId.keyPattern).toEqual({ _id: 1 });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = coll('prebuilt');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await errorOf(c.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
    expect((await c.indexes()).map((ix) => ix.name)).toEqual(['_id_']);
  });

  it('seeds upserts from the equality parts of the filter, including $eq and $and', async () => {
    const c = coll('seed');
    await c.updateOne(
      { $and: [{ plate: 'A1' }, { 'owner.city': { $eq: 'bj' } }], points: { $gt: 5 } },
      { $set: { name: 'Li' }, $setOnInsert: { source: 'sms' }, $inc: { visits: 1 } },
      { upsert: true },
    );
    const doc = await c.findOne({ plate: 'A1' }, { projection: { _id: 0 } });
    expect(doc).toEqual({ plate: 'A1', owner: { city: 'bj' }, name: 'Li', source: 'sms', visits: 1 });
    const res = await c.updateOne({ plate: 'A1' }, { $setOnInsert: { source: 'chat' }, $inc: { visits: 1 } }, { upsert: true });
    expect(res.upsertedCount).toBe(0);
    expect(await c.findOne({ plate: 'A1' }, { projection: { _id: 0, source: 1, visits: 1 } })).toEqual({ source: 'sms', visits: 2 });
  });

  it('upserts with a filter _id and with an _id set by the update', async () => {
    const c = idColl('upsertid');
    const r1 = await c.updateOne({ _id: 'given' }, { $set: { a: 1 } }, { upsert: true });
    expect(r1.upsertedId).toBe('given');
    const r2 = await c.updateOne({ a: 2 }, { $setOnInsert: { _id: 'chosen' } }, { upsert: true });
    expect(r2.upsertedId).toBe('chosen');
    expect(await c.findOne({ _id: 'chosen' })).toEqual({ _id: 'chosen', a: 2 });
  });

  it('replaces whole documents, keeps _id, and refuses to change it', async () => {
    const c = idColl('replace');
    await c.insertOne({ _id: 1, a: 1, b: 2 });
    await c.replaceOne({ _id: 1 }, { c: 3 });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, c: 3 });
    expect((await errorOf(c.replaceOne({ _id: 1 }, { _id: 2, c: 4 }))).code).toBe(66);
    expect((await errorOf(c.updateOne({ _id: 1 }, { $set: { _id: 3 } }))).code).toBe(66);
  });

  it('applies pipeline-style updates, positional updates and arrayFilters', async () => {
    const c = idColl('pipes');
    await c.insertOne({ _id: 1, first: 'San', last: 'Zhang', scores: [1, 5, 9], items: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] });
    await c.updateOne({ _id: 1 }, [{ $set: { full: { $concat: ['$last', ' ', '$first'] } } }, { $unset: 'first' }]);
    await c.updateOne({ _id: 1, 'items.k': 'b' }, { $set: { 'items.$.v': 20 } });
    await c.updateOne({ _id: 1 }, { $inc: { 'scores.$[s]': 100 } } as never, { arrayFilters: [{ s: { $gte: 5 } }] });
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1, last: 'Zhang', scores: [1, 105, 109], items: [{ k: 'a', v: 1 }, { k: 'b', v: 20 }], full: 'Zhang San',
    });
  });

  it('answers type errors and malformed updates with MongoDB codes', async () => {
    const c = idColl('types');
    await c.insertOne({ _id: 1, s: 'text', n: 1 });
    expect((await errorOf(c.updateOne({}, { $inc: { s: 1 } } as never))).code).toBe(14);
    expect((await errorOf(c.updateOne({}, { $push: { n: 1 } } as never))).code).toBe(2);
    expect((await errorOf(c.updateOne({}, { $set: { a: 1 }, $inc: { a: 1 } } as never))).code).toBe(40);
    expect((await errorOf(c.updateOne({}, { $bogus: { a: 1 } } as never))).code).toBe(9);
  });

  it('answers an unknown command with 59, an unknown field with 40415, a missing index hint with 2', async () => {
    expect((await errorOf(db.command({ frobnicate: 1 }))).code).toBe(59);
    expect((await errorOf(db.command({ find: 'types', bogusOption: 1 }))).code).toBe(40415);
    expect((await errorOf(idColl('types').find({}, { hint: 'nope_1' }).toArray())).code).toBe(2);
  });

  it('lists, creates and drops indexes and collections', async () => {
    const c = coll('ddl');
    await c.createIndex({ a: 1 }, { name: 'a_1' });
    expect(await c.createIndex({ a: 1 }, { name: 'a_1' })).toBe('a_1');
    expect((await errorOf(c.createIndex({ a: 1 }, { name: 'a_1', unique: true }))).code).toBe(86);
    expect((await errorOf(c.createIndex({ a: 1 }, { name: 'other' }))).code).toBe(85);
    await c.createIndex({ b: -1, c: 1 });
    expect((await c.indexes()).map((ix) => ix.name)).toEqual(['_id_', 'a_1', 'b_-1_c_1']);
    await c.dropIndex('a_1');
    expect((await errorOf(c.dropIndex('a_1'))).code).toBe(27);
    expect((await errorOf(c.dropIndex('_id_'))).code).toBe(72);
    expect((await db.listCollections({ name: 'ddl' }).toArray()).map((x) => x.name)).toEqual(['ddl']);
    expect(await db.dropCollection('ddl')).toBe(true);
    expect((await errorOf(c.indexes())).code).toBe(26);
  });

  it('finds through an index and a full scan alike, with skip, limit and projection', async () => {
    const c = coll('scan');
    await c.createIndex({ city: 1, kind: 1 });
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ i, city: i % 2 ? 'bj' : 'sh', kind: i % 5, big: Long.fromNumber(i) })));
    const viaIndex = await c.find({ city: 'bj', kind: 3 }, { sort: { i: 1 }, projection: { _id: 0, i: 1 } }).toArray();
    const viaScan = await c.find({ city: { $in: ['bj'] }, kind: { $gte: 3, $lte: 3 } }, { sort: { i: 1 }, projection: { _id: 0, i: 1 } }).toArray();
    expect(viaIndex).toEqual(viaScan);
    expect(viaIndex.map((d) => d.i)).toEqual([3, 13, 23, 33, 43]);
    expect((await c.find({ city: 'sh' }, { sort: { i: -1 }, skip: 2, limit: 3 }).toArray()).map((d) => d.i)).toEqual([44, 42, 40]);
    expect(await c.countDocuments({ big: { $gte: 45 } })).toBe(5);
  });

  it('joins with $lookup and writes results with $out', async () => {
    await idColl('owners').insertMany([{ _id: 'o1', name: 'Li' }, { _id: 'o2', name: 'Wang' }]);
    await coll('cars').insertMany([{ plate: 'A', owner: 'o1' }, { plate: 'B', owner: 'o2' }, { plate: 'C', owner: 'o1' }]);
    await db
      .collection('cars')
      .aggregate([
        { $lookup: { from: 'owners', localField: 'owner', foreignField: '_id', as: 'o' } },
        { $unwind: '$o' },
        { $group: { _id: '$o.name', cars: { $sum: 1 } } },
        { $out: 'car_counts' },
      ])
      .toArray();
    expect(await coll('car_counts').find({}, { sort: { _id: 1 } }).toArray()).toEqual([
      { _id: 'Li', cars: 2 },
      { _id: 'Wang', cars: 1 },
    ]);
  });
});

describe('embedded store refusals', () => {
  let store: EmbeddedMongo;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    store = await startEmbeddedMongo({ logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    client = await MongoClient.connect(store.uri);
    db = client.db('refusals');
  });
  afterAll(async () => {
    await client.close();
    await store.stop();
  });

  it('does not advertise sessions, so the driver refuses transactions itself', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.logicalSessionTimeoutMinutes).toBeUndefined();
    expect(hello.maxWireVersion).toBe(21);
    expect(hello.compression).toBeUndefined();
    expect(hello.topologyVersion).toBeUndefined();
    const session = client.startSession();
    try {
      await expect(session.withTransaction(() => db.collection('t').insertOne({ a: 1 }, { session }))).rejects.toThrow(/sessions/i);
    } finally {
      await session.endSession();
    }
  });

  it('refuses transaction fields, collations, views and unsupported stages instead of pretending', async () => {
    expect((await errorOf(db.command({ insert: 't', documents: [{}], txnNumber: Long.fromNumber(1) }))).code).toBe(20);
    expect((await errorOf(db.collection('t').find({}, { collation: { locale: 'fr' } }).toArray())).code).toBe(2);
    expect((await errorOf(db.createCollection('v', { viewOn: 't', pipeline: [] }))).code).toBe(72);
    expect((await errorOf(db.collection('t').aggregate([{ $merge: { into: 'x' } }]).toArray())).code).toBe(72);
    expect((await errorOf(db.collection('t').find({ a: { $bogus: 1 } }).toArray())).code).toBe(2);
    expect((await errorOf(db.command({ distinct: 't', key: 'a', apiVersion: '1', apiStrict: true }))).code).toBe(323);
  });
});
