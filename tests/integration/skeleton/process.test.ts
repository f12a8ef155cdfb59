// The process as operators run it: start with no MONGODB_URI, answer /healthz, stop on SIGTERM.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

describe('the server process', () => {
  it('starts on the embedded store, says data is in memory, answers /healthz and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(tsx, ['src/index.ts'], { cwd: root, env: baseEnv({ PORT: String(port), LOG_LEVEL: 'info' }) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      let healthy = false;
      while (!healthy && Date.now() < deadline) {
        try {
          healthy = (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(healthy).toBe(true);
      expect(out).toMatch(/in-memory/i);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('stopped');
  }, 40_000);

  it('refuses to start on a malformed variable, with one line naming it', async () => {
    const child = spawn(tsx, ['src/index.ts'], { cwd: root, env: baseEnv({ PORT: 'eighty' }) });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('PORT');
  }, 30_000);
});
