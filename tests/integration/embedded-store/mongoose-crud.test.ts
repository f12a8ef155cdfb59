// The store through mongoose: unique indexes, upserting findOneAndUpdate with timestamps,
// counting, distinct and aggregation, bulk writes with a duplicate in the middle.
import mongoose, { Schema, type Connection } from 'mongoose';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { useTestMongo, type TestMongo } from '../../support/mongo';

interface Driver {
  plate: string;
  name: string;
  points: number;
  tags: string[];
  city?: string;
  source?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

const driverSchema = new Schema<Driver>(
  {
    plate: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    points: { type: Number, default: 0 },
    tags: { type: [String], default: [] },
    city: String,
    source: String,
  },
  { timestamps: true },
);

describe('embedded store through mongoose', () => {
  let mongo: TestMongo;
  let conn: Connection;
  let Drivers: mongoose.Model<Driver>;

  beforeAll(async () => {
    mongo = await useTestMongo();
    conn = await mongoose.createConnection(mongo.uri, { dbName: mongo.dbName }).asPromise();
    Drivers = conn.model<Driver>('Driver', driverSchema);
    await Drivers.init();
  });
  afterAll(async () => {
    await conn.close();
    await mongo.close();
  });
  beforeEach(async () => {
    await Drivers.deleteMany({});
  });

  it('rejects a duplicate create on a unique index with E11000 and the key value', async () => {
    await Drivers.create({ plate: '京A12345', name: 'Li' });
    const err: unknown = await Drivers.create({ plate: '京A12345', name: 'Wang' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(11000);
    expect((err as MongoServerError).keyValue).toEqual({ plate: '京A12345' });
    expect((err as MongoServerError).keyPattern).toEqual({ plate: 1 });
    expect(await Drivers.countDocuments()).toBe(1);
  });

  it('upserts with findOneAndUpdate, then updates with $inc and $push while $setOnInsert and createdAt stay', async () => {
    const update = {
      $inc: { points: 3 },
      $push: { tags: 'speeding' },
      $setOnInsert: { name: 'Zhao', source: 'sms' },
    };
    const created = await Drivers.findOneAndUpdate({ plate: '沪B00001' }, update, { upsert: true, returnDocument: 'after' }).lean();
    expect(created).toMatchObject({ plate: '沪B00001', name: 'Zhao', source: 'sms', points: 3, tags: ['speeding'] });
    expect(created?.createdAt).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 5));
    const updated = await Drivers.findOneAndUpdate(
      { plate: '沪B00001' },
      { ...update, $setOnInsert: { name: 'Other', source: 'chat' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(updated).toMatchObject({ name: 'Zhao', source: 'sms', points: 6, tags: ['speeding', 'speeding'] });
    expect(updated?.createdAt?.getTime()).toBe(created?.createdAt?.getTime());
    expect(updated?.updatedAt?.getTime()).toBeGreaterThan(created?.updatedAt?.getTime() ?? Infinity);
    expect(await Drivers.countDocuments({ plate: '沪B00001' })).toBe(1);
  });

  it('returns the document before the update when new is false, and null for an upsert', async () => {
    const before = await Drivers.findOneAndUpdate({ plate: '粤C1' }, { $set: { name: 'A' } }, { upsert: true, returnDocument: 'before' });
    expect(before).toBeNull();
    const prior = await Drivers.findOneAndUpdate({ plate: '粤C1' }, { $set: { name: 'B' } }, { returnDocument: 'before' }).lean();
    expect(prior?.name).toBe('A');
  });

  it('counts, lists distinct values and aggregates with $match/$unwind/$group/$sort/$project', async () => {
    await Drivers.insertMany([
      { plate: 'P1', name: 'a', city: 'bj', points: 2, tags: ['x', 'y'] },
      { plate: 'P2', name: 'b', city: 'sh', points: 6, tags: ['y'] },
      { plate: 'P3', name: 'c', city: 'bj', points: 12, tags: ['x', 'z'] },
      { plate: 'P4', name: 'd', city: 'gz', points: 0, tags: [] },
    ]);
    expect(await Drivers.countDocuments({ city: 'bj' })).toBe(2);
    expect(await Drivers.countDocuments({ points: { $gte: 6 } })).toBe(2);
    expect((await Drivers.distinct('city')).sort()).toEqual(['bj', 'gz', 'sh']);
    expect(await Drivers.distinct('tags', { city: 'bj' })).toEqual(['x', 'y', 'z']);
    const rows = await Drivers.aggregate<{ tag: string; drivers: number; points: number }>([
      { $match: { points: { $gt: 0 } } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags', drivers: { $sum: 1 }, points: { $sum: '$points' } } },
      { $sort: { drivers: -1, _id: 1 } },
      { $project: { _id: 0, tag: '$_id', drivers: 1, points: 1 } },
    ]);
    expect(rows).toEqual([
      { tag: 'x', drivers: 2, points: 14 },
      { tag: 'y', drivers: 2, points: 8 },
      { tag: 'z', drivers: 1, points: 12 },
    ]);
  });

  it('inserts the rest of an unordered insertMany around a duplicate in the middle', async () => {
    const docs = [
      { plate: 'D1', name: 'a' },
      { plate: 'D2', name: 'b' },
      { plate: 'D1', name: 'dup' },
      { plate: 'D3', name: 'c' },
    ];
    const err: unknown = await Drivers.insertMany(docs, { ordered: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.writeErrors).toHaveLength(1);
    expect(bulk.insertedCount).toBe(3);
    expect((await Drivers.find().sort({ plate: 1 }).lean()).map((d) => d.name)).toEqual(['a', 'b', 'c']);
  });

  it('stops an ordered insertMany at the duplicate', async () => {
    const docs = [{ plate: 'O1', name: 'a' }, { plate: 'O1', name: 'dup' }, { plate: 'O2', name: 'b' }];
    await expect(Drivers.insertMany(docs, { ordered: true })).rejects.toMatchObject({ code: 11000 });
    expect(await Drivers.countDocuments()).toBe(1);
  });

  it('applies a mixed bulkWrite and reports each kind of result', async () => {
    await Drivers.create([{ plate: 'B1', name: 'one' }, { plate: 'B2', name: 'two' }, { plate: 'B3', name: 'three' }]);
    const res = await Drivers.bulkWrite([
      { insertOne: { document: { plate: 'B4', name: 'four' } } },
      { updateOne: { filter: { plate: 'B1' }, update: { $inc: { points: 6 } } } },
      { updateMany: { filter: { plate: { $in: ['B2', 'B3'] } }, update: { $set: { city: 'bj' } } } },
      { replaceOne: { filter: { plate: 'B4' }, replacement: { plate: 'B4', name: 'FOUR' } } },
      { deleteOne: { filter: { plate: 'B3' } } },
      { updateOne: { filter: { plate: 'B9' }, update: { $set: { name: 'nine' } }, upsert: true } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.matchedCount).toBe(4);
    expect(res.modifiedCount).toBe(4);
    expect(res.deletedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    const all = await Drivers.find().sort({ plate: 1 }).lean();
    expect(all.map((d) => [d.plate, d.name, d.points, d.city ?? null])).toEqual([
      ['B1', 'one', 6, null],
      ['B2', 'two', 0, 'bj'],
      ['B4', 'FOUR', 0, null],
      ['B9', 'nine', 0, null],
    ]);
  });

  it('rejects an update that would duplicate a unique key and leaves the document alone', async () => {
    await Drivers.create([{ plate: 'U1', name: 'one' }, { plate: 'U2', name: 'two' }]);
    await expect(Drivers.updateOne({ plate: 'U2' }, { $set: { plate: 'U1' } })).rejects.toMatchObject({ code: 11000 });
    await expect(Drivers.findOneAndUpdate({ plate: 'U2' }, { $set: { plate: 'U1' } })).rejects.toMatchObject({ code: 11000 });
    expect((await Drivers.findOne({ name: 'two' }).lean())?.plate).toBe('U2');
  });
});
