// `npm run import -- <kind> <file>`: loads a JSON-lines file of records into MongoDB.
// Kinds: vehicles, violations, licences, audience (CONTRACT.md "Import record shapes").
// Idempotent (upserts by natural key); bad lines are reported with their line number and
// skipped, good lines still load; a summary is printed.
//
// Needs MONGODB_URI (a real MongoDB, or the shared embedded store of `npm run db`): an
// in-process store would vanish with this process, so without it nothing is imported.
//
// Exit codes: 0 every line loaded; 1 some lines were rejected (the others loaded);
// 2 usage or configuration error (nothing imported); 3 the file or the database failed.
import fs from 'node:fs';
import { ConfigError, loadConfig, loadEnvironment } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { connectDatabase } from '../src/storage/database';
import { formatSummary, importFile } from '../src/storage/importer';
import { RECORD_KINDS, isRecordKind } from '../src/services/records/schemas';

const USAGE = `usage: npm run import -- <${RECORD_KINDS.join('|')}> <file.jsonl> [--strict-id]`;

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(argv: string[]): Promise<number> {
  const strictIdChecksum = argv.includes('--strict-id');
  const args = argv.filter((a) => a !== '--strict-id');
  const [kind, file, ...extra] = args;
  if (kind === undefined || file === undefined || extra.length > 0 || !isRecordKind(kind)) {
    err(kind !== undefined && !isRecordKind(kind) ? `unknown kind "${kind}"` : 'missing or extra arguments');
    err(USAGE);
    return 2;
  }
  if (!fs.existsSync(file)) {
    err(`cannot read ${file}: no such file`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(loadEnvironment());
  } catch (e) {
    err(e instanceof ConfigError ? e.message : String(e));
    return 2;
  }
  if (!config.mongodbUri) {
    err('MONGODB_URI is not set. The import needs a MongoDB that outlives it: start the shared store with');
    err('`npm run db` and run `MONGODB_URI=mongodb://127.0.0.1:27017/jiaoguan npm run import -- <kind> <file>`');
    err('(and start the app with the same MONGODB_URI), or point MONGODB_URI at your MongoDB.');
    return 2;
  }
  const logger = createLogger('warn');
  let db;
  try {
    db = await connectDatabase({ uri: config.mongodbUri, logger });
  } catch (e) {
    err(`cannot connect to MongoDB: ${e instanceof Error ? e.message : String(e)}`);
    return 3;
  }
  try {
    const summary = await importFile(db.models, kind, file, { strictIdChecksum });
    for (const line of formatSummary(summary, file)) out(line);
    return summary.rejected.length > 0 ? 1 : 0;
  } catch (e) {
    err(`import failed: ${e instanceof Error ? e.message : String(e)}`);
    return 3;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(`import failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(3);
  },
);
