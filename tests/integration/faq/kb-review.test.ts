import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { defineFaqModels } from '../../../src/storage/models/faq';
import { mongoFaqStore } from '../../../src/storage/repositories/faq';
import { useTestMongo } from '../../support/mongo';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');

function withDb(uri: string, db: string): string {
  const u = new URL(uri);
  u.pathname = `/${db}`;
  return u.toString();
}

describe('npm run kb:review', () => {
  it('prints the most frequent unanswered questions and the disliked answers', async () => {
    const mongo = await useTestMongo();
    const conn = await mongoose.createConnection(mongo.uri, { dbName: mongo.dbName }).asPromise();
    try {
      const models = defineFaqModels(conn);
      await Promise.all(Object.values(models).map((m) => m.init()));
      const store = mongoFaqStore(models);
      for (let i = 0; i < 3; i++) await store.recordUnanswered({ text: '电动自行车要上牌吗', locale: 'zh-CN', reason: 'none', channel: 'test' });
      await store.recordUnanswered({ text: '社保怎么交', locale: 'zh-CN', reason: 'out_of_scope', channel: 'test' });
      await store.recordFeedback({ entryId: 'fine.latefee', locale: 'zh-CN', helpful: false, channel: 'test', question: '滞纳金咋算' });
      await store.recordFeedback({ entryId: 'fine.latefee', locale: 'zh-CN', helpful: true, channel: 'test' });
      const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/kb-review.ts', '--limit', '5'], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, MONGODB_URI: withDb(mongo.uri, mongo.dbName) },
      });
      const lines = stdout.split('\n');
      const first = lines.findIndex((l) => l.includes('电动自行车要上牌吗'));
      const second = lines.findIndex((l) => l.includes('社保怎么交'));
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);
      expect(lines[first]).toMatch(/^\s+3\s/);
      expect(stdout).toMatch(/1\/2\s+zh-CN\s+fine\.latefee\s+滞纳金咋算/);
    } finally {
      await conn.close();
      await mongo.close();
    }
  }, 30_000);

  it('refuses to run without MONGODB_URI, saying why', async () => {
    await expect(
      run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/kb-review.ts'], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME } }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('MONGODB_URI') });
  }, 30_000);
});
