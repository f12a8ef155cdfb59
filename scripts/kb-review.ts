// `npm run kb:review [-- --limit 20]`: what the knowledge base should learn next: the most frequent
// questions the assistant could not answer, and the answers drivers found unhelpful.
// Reads the running deployment's MongoDB (MONGODB_URI); the embedded store of another process is
// reached the same way (`npm run db`, then MONGODB_URI=mongodb://127.0.0.1:27017/jiaoguan).
import mongoose from 'mongoose';
import { ConfigError, loadConfig, loadEnvironment } from '../src/config';
import { defineFaqModels } from '../src/storage/models/faq';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const config = loadConfig(loadEnvironment());
  if (!config.mongodbUri) {
    process.stderr.write('kb:review reads the deployment\'s MongoDB: set MONGODB_URI (for the embedded store, run `npm run db` and point both the app and this command at it).\n');
    return 2;
  }
  const limit = Math.min(Math.max(Number(arg('limit') ?? 20) || 20, 1), 500);
  const conn = await mongoose.createConnection(config.mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const { FaqFeedback, FaqUnanswered } = defineFaqModels(conn);
    const unanswered = await FaqUnanswered.find({}).sort({ count: -1, lastAt: -1 }).limit(limit).lean();
    process.stdout.write(`Most frequent unanswered questions (top ${limit}):\n`);
    if (unanswered.length === 0) process.stdout.write('  (none)\n');
    for (const u of unanswered) {
      process.stdout.write(`  ${String(u.count).padStart(5)}  ${u.locale.padEnd(5)}  ${u.reason.padEnd(12)}  ${u.text}\n`);
    }
    const disliked = await FaqFeedback.aggregate<{ _id: { entryId: string; locale: string }; bad: number; total: number; questions: string[] }>([
      { $group: { _id: { entryId: '$entryId', locale: '$locale' }, total: { $sum: 1 }, bad: { $sum: { $cond: ['$helpful', 0, 1] } }, questions: { $push: '$question' } } },
      { $match: { bad: { $gt: 0 } } },
      { $sort: { bad: -1, total: -1 } },
      { $limit: limit },
    ]);
    process.stdout.write(`\nAnswers marked not helpful (top ${limit}):\n`);
    if (disliked.length === 0) process.stdout.write('  (none)\n');
    for (const d of disliked) {
      const examples = [...new Set(d.questions.filter(Boolean))].slice(0, 3).join(' | ');
      process.stdout.write(`  ${String(d.bad).padStart(5)}/${String(d.total).padEnd(5)}  ${d._id.locale.padEnd(5)}  ${d._id.entryId}  ${examples}\n`);
    }
    return 0;
  } finally {
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `kb:review failed: ${err.message}\n`);
    process.exit(1);
  },
);
