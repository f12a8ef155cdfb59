// `npm run import` as a library: idempotent upserts by natural key, bad lines named, operators
// in input refused, over mongoose and the embedded store (or MONGODB_URI).
import path from 'node:path';
import { Readable } from 'node:stream';
import { testConfig } from '../../../src/config';
import { connectDatabase, type Database } from '../../../src/storage/database';
import { createLogger } from '../../../src/observability/logger';
import { importFile, importRecords, formatSummary } from '../../../src/storage/importer';
import { useTestMongo, type TestMongo } from '../../support/mongo';

const SEED = path.resolve(__dirname, '../../../data/seed');

function lines(...rows: string[]): Readable {
  return Readable.from([rows.join('\n') + '\n']);
}

function vehicleLine(i: number): string {
  const serial = String(10000 + i);
  const vin = `LSVAM4187C2${String(100000 + i)}`;
  return JSON.stringify({
    plate: `赣A${serial}`,
    plateType: '02',
    vin,
    engineNo: `E${serial}`,
    ownerName: '测试',
    ownerPhone: `+86139${String(10000000 + i)}`,
    registeredAt: '2020-01-01',
    nextInspectionDue: '2026-01-31',
  });
}

describe('importer', () => {
  let mongo: TestMongo;
  let db: Database;

  beforeAll(async () => {
    mongo = await useTestMongo();
    db = await connectDatabase({ uri: mongo.uri, dbName: mongo.dbName, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await db.close();
    await mongo.close();
  });

  it('imports the seed files, and a second import of the same file changes nothing', async () => {
    const first = await importFile(db.models, 'violations', path.join(SEED, 'violations.jsonl'));
    expect(first.rejected).toEqual([]);
    expect(first.inserted).toBe(first.lines);
    const count = await db.models.Violation.countDocuments();
    const before = await db.models.Violation.find().sort({ _id: 1 }).lean();
    const second = await importFile(db.models, 'violations', path.join(SEED, 'violations.jsonl'));
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: first.lines, rejected: [] });
    expect(await db.models.Violation.countDocuments()).toBe(count);
    expect(await db.models.Violation.find().sort({ _id: 1 }).lean()).toEqual(before);
    for (const kind of ['vehicles', 'licences'] as const) {
      const a = await importFile(db.models, kind, path.join(SEED, `${kind}.jsonl`));
      const b = await importFile(db.models, kind, path.join(SEED, `${kind}.jsonl`));
      expect(a.rejected).toEqual([]);
      expect(b).toMatchObject({ inserted: 0, updated: 0, unchanged: a.lines });
    }
  });

  it('loads 98 of 100 lines when 2 are bad, and names the bad lines', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => vehicleLine(i));
    rows[16] = '{"plate": "赣A1", "plateType": "02"'; // line 17: not JSON
    rows[57] = vehicleLine(57).replace('"plateType":"02"', '"plateType":"small"'); // line 58
    const summary = await importRecords(db.models, 'vehicles', lines(...rows));
    expect(summary).toMatchObject({ lines: 100, inserted: 98, updated: 0, unchanged: 0 });
    expect(summary.rejected.map((r) => r.line)).toEqual([17, 58]);
    expect(summary.rejected[0]?.message).toBe('not valid JSON');
    expect(summary.rejected[1]?.message).toMatch(/^plateType:/);
    expect(await db.models.Vehicle.countDocuments({ plate: /^赣A/ })).toBe(98);
    const text = formatSummary(summary, 'vehicles.jsonl').join('\n');
    expect(text).toContain('100 lines, 98 inserted, 0 updated, 0 unchanged, 2 rejected');
    expect(text).toContain('line 17: rejected: not valid JSON');
    // Again: nothing changes; a corrected line is then inserted.
    const again = await importRecords(db.models, 'vehicles', lines(...rows));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 98 });
  });

  it('updates a record whose fields changed, and drops an optional field left out', async () => {
    const base = { id: 'TEST-1', plate: '赣A00001', plateType: '02', occurredAt: '2026-10-03T08:15:00+08:00', location: '某路口', code: '1625', description: '闯红灯', fineYuan: 200, points: 6, status: 'processed', source: 'electronic', decidedAt: '2026-10-10' };
    await importRecords(db.models, 'violations', lines(JSON.stringify(base)));
    const { decidedAt: _dropped, ...paid } = { ...base, status: 'paid' };
    const res = await importRecords(db.models, 'violations', lines(JSON.stringify(paid)));
    expect(res).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const doc = await db.models.Violation.findById('TEST-1').lean();
    expect(doc).toMatchObject({ status: 'paid' });
    expect(doc?.decidedAt).toBeUndefined();
    expect(doc?.occurredAt.toISOString()).toBe('2026-10-03T00:15:00.000Z');
  });

  it('treats MongoDB operators in a line as bad input, never as a query or an update', async () => {
    const before = await db.models.Licence.countDocuments();
    const res = await importRecords(
      db.models,
      'licences',
      lines(
        '{"number":{"$gt":""},"name":"x","phone":"+8613800138000","class":"C1","issuedAt":"2016-06-01","validUntil":"2026-12-20","points":0,"status":"valid"}',
        '{"$where":"sleep(1000)","number":"360421199001011234"}',
        '{"number":"360421199001011234","name":"$set","phone":"+8613800138000","class":"C1","issuedAt":"2016-06-01","validUntil":"2026-12-20","points":0,"status":"valid"}',
        '{"number":"360421199001011234","name":"张三","phone":"+8613800138000","class":"C1","issuedAt":"2016-06-01","validUntil":"2026-12-20","points":{"$inc":12},"status":"valid"}',
      ),
    );
    expect(res.rejected.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(res.inserted + res.updated).toBe(0);
    expect(await db.models.Licence.countDocuments()).toBe(before);
    expect(await db.models.Licence.findOne({ number: '360421199001011234' }).lean()).toMatchObject({ points: 3 });
  });
});
