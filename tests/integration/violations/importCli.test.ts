// `npm run import -- <kind> <file>` as an operator runs it: usage errors, the missing
// MONGODB_URI, a summary naming bad lines, exit codes, and idempotence across runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/storage/embedded';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(ROOT, 'scripts', 'import.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import', () => {
  let dir: string;
  let store: EmbeddedMongo;

  beforeAll(async () => {
    // A working directory with no .env, so the test sees only the environment it passes.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cli-'));
    store = await startEmbeddedMongo({ port: 0, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  });
  afterAll(async () => {
    await store.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains its usage (exit 2)', async () => {
    const res = await run(['planes', 'x.jsonl'], {}, dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown kind "planes"');
    expect(res.stderr).toContain('usage: npm run import -- <vehicles|violations|licences|audience> <file.jsonl>');
  }, 30_000);

  it('refuses to run without MONGODB_URI, pointing at npm run db (exit 2)', async () => {
    const file = path.join(ROOT, 'data', 'seed', 'vehicles.jsonl');
    const res = await run(['vehicles', file], {}, dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^MONGODB_URI is not set\..*npm run db/s);
  }, 30_000);

  it('loads good lines, names the bad ones (exit 1), and a second run changes nothing', async () => {
    const file = path.join(dir, 'audience.jsonl');
    fs.writeFileSync(
      file,
      [
        '{"phone":"+8613800138000","locale":"zh-CN","consent":true,"tags":["licence-expiring"],"attributes":{"name":"张三","licenceValidUntil":"2026-12-20"}}',
        '{"phone":"+8613900139000","locale":"en","consent":false}',
        '{"phone":"13800138000","locale":"zh-CN","consent":true}',
        '{"phone":"+8613700137000","locale":"zh-CN","consent":true,"attributes":{"$where":"1"}}',
      ].join('\n') + '\n',
    );
    const env = { MONGODB_URI: `${store.uri}/cli_test` };
    const first = await run(['audience', file], env, dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`audience from ${file}: 4 lines, 2 inserted, 0 updated, 0 unchanged, 2 rejected`);
    expect(first.stdout).toContain('line 3: rejected: phone: must be an E.164 number like +8613800138000');
    expect(first.stdout).toMatch(/line 4: rejected: attributes\.\$where: keys starting with \$/);
    const second = await run(['audience', file], env, dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('4 lines, 0 inserted, 0 updated, 2 unchanged, 2 rejected');
    const good = path.join(dir, 'good.jsonl');
    fs.writeFileSync(good, fs.readFileSync(file, 'utf8').split('\n').slice(0, 2).join('\n'));
    expect((await run(['audience', good], env, dir)).code).toBe(0);
  }, 60_000);
});
