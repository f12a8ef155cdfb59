// MongoDB's own CRUD specification tests (unified format), run through the official driver
// against the store under test (the embedded store, or MONGODB_URI when set).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { useTestMongo, type TestMongo } from '../../support/mongo';
import { describeServer, runUnifiedFile, type UnifiedResult } from '../../support/unified/runner';

const repoRoot = path.resolve(__dirname, '../../..');
const suiteDir = path.join(repoRoot, '..', 'shared', 'conformance', 'mongodb-crud');
const REQUIRED_PASS_RATE = 0.95;

describe('MongoDB CRUD specification tests through the official driver', () => {
  let mongo: TestMongo;
  const results: UnifiedResult[] = [];

  beforeAll(async () => {
    mongo = await useTestMongo();
  });
  afterAll(async () => {
    await mongo.close();
  });

  it('finds the conformance suite beside the repository', () => {
    if (!existsSync(suiteDir)) throw new Error(`CRUD conformance suite missing: expected it at ${suiteDir}`);
    expect(readdirSync(suiteDir).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
  });

  it(`passes at least ${REQUIRED_PASS_RATE * 100}% of the applicable tests`, async () => {
    if (!existsSync(suiteDir)) throw new Error(`CRUD conformance suite missing: expected it at ${suiteDir}`);
    const server = await describeServer(mongo.uri);
    const files = readdirSync(suiteDir).filter((f) => f.endsWith('.json')).sort();
    for (const file of files) {
      results.push(...(await runUnifiedFile(path.join(suiteDir, file), file, { uri: mongo.uri, server, dbPrefix: mongo.dbName })));
    }
    const applicable = results.filter((r) => r.status !== 'skip');
    const passed = applicable.filter((r) => r.status === 'pass');
    const failed = applicable.filter((r) => r.status === 'fail');
    const skipped = results.filter((r) => r.status === 'skip');
    const lines = [
      `CRUD conformance: ${passed.length}/${applicable.length} applicable tests passed (${skipped.length} skipped, ${results.length} total)`,
      ...failed.map((r) => `  not passing: ${r.file} :: ${r.test} -- ${r.reason ?? ''}`),
      ...skipped.map((r) => `  skip ${r.file} :: ${r.test} -- ${r.reason ?? ''}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    expect(applicable.length).toBeGreaterThan(0);
    expect(passed.length / applicable.length).toBeGreaterThanOrEqual(REQUIRED_PASS_RATE);
  }, 120_000);
});
