// Cursors (batches via getMore, early close via killCursors, idle timeout) and TTL expiry.
import mongoose, { Schema, type Connection } from 'mongoose';
import { MongoClient, MongoServerError, type CommandStartedEvent } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/storage/embedded';
import { useTestMongo, type TestMongo } from '../../support/mongo';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('cursors through mongoose', () => {
  let mongo: TestMongo;
  let conn: Connection;
  let Items: mongoose.Model<{ n: number }>;
  const commands: CommandStartedEvent[] = [];

  beforeAll(async () => {
    mongo = await useTestMongo();
    conn = await mongoose.createConnection(mongo.uri, { dbName: mongo.dbName, monitorCommands: true }).asPromise();
    conn.getClient().on('commandStarted', (e: CommandStartedEvent) => commands.push(e));
    Items = conn.model<{ n: number }>('Item', new Schema<{ n: number }>({ n: { type: Number, required: true, index: true } }));
    await Items.init();
    await Items.insertMany(Array.from({ length: 1000 }, (_, n) => ({ n })));
  });
  afterAll(async () => {
    await conn.close();
    await mongo.close();
  });
  beforeEach(() => {
    commands.length = 0;
  });

  it('reads 1,000 documents in batches of 100 through getMore, in order', async () => {
    const seen: number[] = [];
    for await (const doc of Items.find().sort({ n: 1 }).batchSize(100).lean().cursor()) seen.push(doc.n);
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, n) => n));
    expect(commands.filter((c) => c.commandName === 'getMore')).toHaveLength(9);
  });

  it('closes a cursor early with killCursors, after which the server no longer knows it', async () => {
    const cursor = Items.find().batchSize(100).lean().cursor();
    for (let i = 0; i < 150; i++) await cursor.next();
    await cursor.close();
    const kill = commands.find((c) => c.commandName === 'killCursors');
    expect(kill).toBeDefined();
    const ids = kill?.command.cursors as unknown[];
    expect(ids).toHaveLength(1);
    const db = conn.getClient().db(mongo.dbName);
    await expect(db.command({ getMore: ids[0], collection: 'items' })).rejects.toMatchObject({ code: 43 });
  });

  it('uses the default first batch of 101 documents when no batch size is given', async () => {
    const docs = await Items.find({ n: { $lt: 300 } }).lean();
    expect(docs).toHaveLength(300);
    const find = commands.find((c) => c.commandName === 'find');
    expect(find?.command.batchSize).toBeUndefined();
    expect(commands.filter((c) => c.commandName === 'getMore')).toHaveLength(1);
  });
});

describe('embedded store housekeeping', () => {
  let store: EmbeddedMongo;
  let client: MongoClient;

  beforeAll(async () => {
    store = await startEmbeddedMongo({ logger: quiet, ttlIntervalMs: 40, cursorIdleMs: 150 });
    client = await MongoClient.connect(store.uri);
  });
  afterAll(async () => {
    await client.close();
    await store.stop();
  });

  it('removes documents once their TTL index date has passed, and keeps the others', async () => {
    const conn = await mongoose.createConnection(store.uri, { dbName: 'ttl' }).asPromise();
    try {
      const Codes = conn.model('Code', new Schema({ code: String, expiresAt: { type: Date, expires: 0 }, keep: Boolean }));
      await Codes.init();
      const indexes = await Codes.collection.indexes();
      expect(indexes.find((ix) => ix.key.expiresAt === 1)?.expireAfterSeconds).toBe(0);
      await Codes.create([
        { code: 'old', expiresAt: new Date(Date.now() - 1000) },
        { code: 'soon', expiresAt: new Date(Date.now() + 150) },
        { code: 'later', expiresAt: new Date(Date.now() + 60_000) },
        { code: 'none', keep: true },
      ]);
      await new Promise((r) => setTimeout(r, 400));
      expect((await Codes.find().sort({ code: 1 }).lean()).map((c) => c.code)).toEqual(['later', 'none']);
    } finally {
      await conn.close();
    }
  });

  it('forgets a cursor left idle past the timeout', async () => {
    const coll = client.db('idle').collection('c');
    await coll.insertMany(Array.from({ length: 20 }, (_, n) => ({ n })));
    const first = await client.db('idle').command({ find: 'c', batchSize: 5 });
    const id: unknown = first.cursor.id;
    await new Promise((r) => setTimeout(r, 400));
    const err: unknown = await client.db('idle').command({ getMore: id, collection: 'c' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(43);
  });
});
