// `npm run db` as a separate process: two independent mongoose connections share its data.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose, { Schema, type Connection } from 'mongoose';

const repoRoot = path.resolve(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`db script not ready after ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((l) => l.includes('ready at'));
      const uri = line?.match(/mongodb:\/\/[\d.]+:\d+/)?.[0];
      if (uri) {
        clearTimeout(timer);
        resolve(uri);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`db script exited early with code ${String(code)}; output:\n${output}`));
    });
  });
}

describe('npm run db (the store in its own process)', () => {
  let child: ChildProcess;
  let uri: string;
  let port: number;
  const conns: Connection[] = [];

  beforeAll(async () => {
    port = await freePort();
    child = spawn('npx', ['tsx', 'scripts/db.ts', '--port', String(port)], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    uri = await waitForReady(child, 60_000);
  }, 70_000);

  afterAll(async () => {
    for (const c of conns) await c.close();
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });

  it('prints a ready line with the URI of the requested port', () => {
    expect(uri).toBe(`mongodb://127.0.0.1:${port}`);
  });

  it('lets two separate mongoose connections see each other\'s writes', async () => {
    const schema = new Schema({ plate: { type: String, unique: true }, owner: String });
    const a = await mongoose.createConnection(uri, { dbName: 'shared' }).asPromise();
    const b = await mongoose.createConnection(uri, { dbName: 'shared' }).asPromise();
    conns.push(a, b);
    const VehiclesA = a.model('Vehicle', schema);
    const VehiclesB = b.model('Vehicle', schema);
    await VehiclesA.init();
    await VehiclesB.init();
    await VehiclesA.create({ plate: '浙A11111', owner: 'first' });
    expect((await VehiclesB.findOne({ plate: '浙A11111' }).lean())?.owner).toBe('first');
    await VehiclesB.updateOne({ plate: '浙A11111' }, { $set: { owner: 'second' } });
    expect((await VehiclesA.findOne({ plate: '浙A11111' }).lean())?.owner).toBe('second');
    await expect(VehiclesB.create({ plate: '浙A11111', owner: 'dup' })).rejects.toMatchObject({ code: 11000 });
  });
});
