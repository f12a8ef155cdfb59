// Benchmark of the embedded store through the official driver: bulk inserts per second,
// then indexed findOneAndUpdate throughput and latency percentiles at N documents.
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../src/storage/embedded';

export interface StoreBenchResult {
  insertsPerSec: number;
  findOneAndUpdatePerSec: number;
  findOneAndUpdateP50Ms: number;
  findOneAndUpdateP99Ms: number;
  docs: number;
}

const INSERT_BATCH = 1000;
const UPDATE_OPS = 5000;
const WARMUP_OPS = 500;

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}

function plate(i: number): string {
  return `P${String(i).padStart(7, '0')}`;
}

export async function benchStore(opts: { docs?: number } = {}): Promise<StoreBenchResult> {
  const docs = opts.docs ?? 100_000;
  const store = await startEmbeddedMongo({ logger: silent });
  const client = await MongoClient.connect(store.uri);
  try {
    const coll = client.db('bench').collection('drivers');
    await coll.createIndex({ plate: 1 }, { unique: true });

    const insertStart = process.hrtime.bigint();
    for (let from = 0; from < docs; from += INSERT_BATCH) {
      const batch = [];
      for (let i = from; i < Math.min(docs, from + INSERT_BATCH); i++) {
        batch.push({ plate: plate(i), name: `driver ${i}`, points: 0, city: i % 2 ? 'bj' : 'sh', createdAt: new Date() });
      }
      await coll.insertMany(batch, { ordered: false });
    }
    const insertSecs = Number(process.hrtime.bigint() - insertStart) / 1e9;

    let seed = 12345;
    const nextKey = (): string => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return plate(seed % docs);
    };
    const update = (): Promise<unknown> =>
      coll.findOneAndUpdate(
        { plate: nextKey() },
        { $inc: { points: 1 }, $set: { updatedAt: new Date() } },
        { returnDocument: 'after' },
      );
    for (let i = 0; i < WARMUP_OPS; i++) await update();
    const latencies: number[] = [];
    const updStart = process.hrtime.bigint();
    for (let i = 0; i < UPDATE_OPS; i++) {
      const t0 = process.hrtime.bigint();
      await update();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const updSecs = Number(process.hrtime.bigint() - updStart) / 1e9;
    latencies.sort((a, b) => a - b);
    return {
      insertsPerSec: Math.round(docs / insertSecs),
      findOneAndUpdatePerSec: Math.round(UPDATE_OPS / updSecs),
      findOneAndUpdateP50Ms: Number(percentile(latencies, 50).toFixed(3)),
      findOneAndUpdateP99Ms: Number(percentile(latencies, 99).toFixed(3)),
      docs,
    };
  } finally {
    await client.close();
    await store.stop();
  }
}

if (require.main === module) {
  const docsArg = process.argv.indexOf('--docs');
  const docs = docsArg >= 0 ? Number(process.argv[docsArg + 1]) : undefined;
  benchStore(docs ? { docs } : {}).then(
    (r) => {
      const rows: Array<[string, string]> = [
        ['documents', String(r.docs)],
        [`inserts/s (insertMany, batches of ${INSERT_BATCH})`, String(r.insertsPerSec)],
        ['findOneAndUpdate/s (unique index, sequential)', String(r.findOneAndUpdatePerSec)],
        ['findOneAndUpdate p50 (ms)', r.findOneAndUpdateP50Ms.toFixed(3)],
        ['findOneAndUpdate p99 (ms)', r.findOneAndUpdateP99Ms.toFixed(3)],
      ];
      const width = Math.max(...rows.map(([k]) => k.length));
      for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
      process.stdout.write(`${JSON.stringify({ bench: 'store', ...r })}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`store benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
