// Malformed wire input closes only the offending connection, with a log line; well-formed
// raw OP_MSG features (document sequences, moreToCome, checksums) work.
import { connect } from 'node:net';
import { serialize, deserialize } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/storage/embedded';
import { crc32c } from '../../../src/storage/embedded/wire';

interface LogLine {
  level: string;
  obj: object | string;
  msg?: string;
}

interface RawResult {
  closedByServer: boolean;
  data: Buffer;
}

function header(length: number, opCode: number, requestId = 7): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function opMsg(body: object, opts: { flags?: number; sequence?: { id: string; docs: object[] }; checksum?: boolean } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
  if (opts.sequence) {
    const docs = Buffer.concat(opts.sequence.docs.map((d) => Buffer.from(serialize(d))));
    const id = Buffer.from(`${opts.sequence.id}\0`, 'utf8');
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + id.length + docs.length, 0);
    parts.push(Buffer.from([1]), size, id, docs);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE((opts.flags ?? 0) | (opts.checksum ? 1 : 0), 0);
  const payload = Buffer.concat([flags, ...parts]);
  const length = 16 + payload.length + (opts.checksum ? 4 : 0);
  const msg = Buffer.concat([header(length, 2013), payload]);
  if (!opts.checksum) return msg;
  const sum = Buffer.alloc(4);
  sum.writeUInt32LE(crc32c(msg), 0);
  return Buffer.concat([msg, sum]);
}

function replyBody(data: Buffer): Record<string, unknown> {
  return deserialize(data.subarray(21, data.readInt32LE(0))) as Record<string, unknown>;
}

describe('bad wire input', () => {
  let store: EmbeddedMongo;
  let client: MongoClient;
  const logs: LogLine[] = [];

  function sendRaw(buf: Buffer, opts: { end?: boolean; waitMs?: number } = {}): Promise<RawResult> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let closedByServer = false;
      const socket = connect(store.port, '127.0.0.1', () => {
        socket.write(buf);
        if (opts.end) socket.end();
      });
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', () => undefined);
      socket.on('end', () => (closedByServer = true));
      socket.on('close', () => resolve({ closedByServer: closedByServer || !opts.end, data: Buffer.concat(chunks) }));
      setTimeout(() => {
        socket.destroy();
        resolve({ closedByServer: false, data: Buffer.concat(chunks) });
      }, opts.waitMs ?? 1500);
    });
  }

  async function stillServing(): Promise<void> {
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    const fresh = await MongoClient.connect(store.uri);
    try {
      await fresh.db('w').collection('c').insertOne({ at: Date.now() });
      expect(await fresh.db('w').collection('c').countDocuments()).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  }

  const warned = (pattern: RegExp): boolean =>
    logs.some((l) => l.level === 'warn' && pattern.test(`${l.msg ?? ''} ${JSON.stringify(l.obj)}`));

  beforeAll(async () => {
    const push = (level: string) => (obj: object | string, msg?: string) => logs.push({ level, obj, msg });
    store = await startEmbeddedMongo({ logger: { info: push('info'), warn: push('warn'), error: push('error') } });
    client = await MongoClient.connect(store.uri);
  });
  afterAll(async () => {
    await client.close();
    await store.stop();
  });
  beforeEach(() => {
    logs.length = 0;
  });

  it('logs once at start that the data lives in memory only', async () => {
    const own: LogLine[] = [];
    const s = await startEmbeddedMongo({ logger: { info: (obj, msg) => own.push({ level: 'info', obj, msg }), warn: () => undefined, error: () => undefined } });
    await s.stop();
    expect(own).toHaveLength(1);
    expect(own[0]?.msg).toMatch(/in-memory/i);
  });

  it('closes a connection whose frame is cut short, and keeps serving others', async () => {
    const full = opMsg({ ping: 1, $db: 'admin' });
    const res = await sendRaw(full.subarray(0, 20), { end: true });
    expect(res.data.length).toBe(0);
    expect(warned(/middle of a message/)).toBe(true);
    await stillServing();
  });

  it('closes a connection announcing an impossible length', async () => {
    const res = await sendRaw(Buffer.concat([header(8, 2013), Buffer.alloc(8)]));
    expect(res.closedByServer).toBe(true);
    expect(warned(/invalid message length 8/)).toBe(true);
    await stillServing();
  });

  it('closes a connection that sends garbage bytes', async () => {
    const res = await sendRaw(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'));
    expect(res.closedByServer).toBe(true);
    expect(warned(/bad wire input/)).toBe(true);
    await stillServing();
  });

  it('closes a connection whose well-framed message holds garbage instead of BSON', async () => {
    const body = Buffer.from([0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5]);
    const res = await sendRaw(Buffer.concat([header(16 + body.length, 2013), body]));
    expect(res.closedByServer).toBe(true);
    expect(warned(/BSON/)).toBe(true);
    await stillServing();
  });

  it('closes a connection announcing a 50 MB message without buffering it', async () => {
    const size = 50 * 1024 * 1024;
    const res = await sendRaw(Buffer.concat([header(size, 2013), Buffer.alloc(1024 * 1024)]));
    expect(res.closedByServer).toBe(true);
    expect(warned(new RegExp(`invalid message length ${size}`))).toBe(true);
    await stillServing();
  });

  it('closes a connection using an opcode the server does not speak', async () => {
    const res = await sendRaw(Buffer.concat([header(26, 2012), Buffer.alloc(10)]));
    expect(res.closedByServer).toBe(true);
    expect(warned(/unsupported opCode 2012/)).toBe(true);
    await stillServing();
  });

  it('rejects a message whose checksum does not match', async () => {
    const msg = opMsg({ ping: 1, $db: 'admin' }, { checksum: true });
    msg.writeUInt8((msg[msg.length - 1] as number) ^ 0xff, msg.length - 1);
    const res = await sendRaw(msg);
    expect(res.closedByServer).toBe(true);
    expect(warned(/checksum mismatch/)).toBe(true);
  });

  it('answers a checksummed message and honours moreToCome with a kind-1 document sequence', async () => {
    const ok = await sendRaw(opMsg({ ping: 1, $db: 'admin' }, { checksum: true }), { waitMs: 300 });
    expect(replyBody(ok.data)).toMatchObject({ ok: 1 });
    const insert = opMsg({ insert: 'seq', $db: 'raw' }, { flags: 2, sequence: { id: 'documents', docs: [{ _id: 1 }, { _id: 2 }] } });
    const silent = await sendRaw(insert, { waitMs: 300 });
    expect(silent.data.length).toBe(0);
    expect(await client.db('raw').collection('seq').countDocuments()).toBe(2);
  });
});
