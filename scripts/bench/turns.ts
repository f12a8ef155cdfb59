// Bot-turn throughput and latency over POST /api/messages (expectReplies) on the embedded store,
// beside a bare Express JSON echo route measured the same way in the same run.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { testConfig } from '../../src/config';
import { createRuntime } from '../../src/runtime';
import { createApp } from '../../src/app';

export interface LoadFigures {
  requests: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)];
}

export function figures(latencies: number[], elapsedMs: number): LoadFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSec: Math.round((latencies.length / elapsedMs) * 1000),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
  };
}

/** Runs `conversations` loops at once, each sending `turns` requests one after another. */
export async function load(
  conversations: number,
  turns: number,
  send: (conversation: number, turn: number) => Promise<void>,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      for (let t = 0; t < turns; t++) {
        const t0 = performance.now();
        await send(c, t);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return figures(latencies, performance.now() - started);
}

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

const SCRIPT = ['你好', '2', '菜单', '3', 'English', '4', '中文', '第一个', 'menu', '5'];

export async function benchTurns(opts: { turnsPerConversation?: number } = {}) {
  const per = opts.turnsPerConversation ?? 10;
  const rt = await createRuntime(testConfig(), { dbName: 'bench' });
  const bot = await listen(createApp(rt).express);
  const echoApp = express();
  echoApp.post('/echo', express.json({ limit: '256kb' }), (req, res) => {
    res.json({ activities: [{ type: 'message', text: String(req.body?.text ?? '') }] });
  });
  const echo = await listen(echoApp);

  let seq = 0;
  const activity = (run: string, c: number, t: number) => ({
    type: 'message',
    id: `${run}-${c}-${t}-${seq++}`,
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:1/',
    from: { id: `${run}-user-${c}` },
    recipient: { id: 'bot' },
    conversation: { id: `${run}-conv-${c}` },
    text: SCRIPT[t % SCRIPT.length],
    deliveryMode: 'expectReplies',
  });
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
  };

  // Warm up both servers (JIT, connection pools, indexes).
  await load(5, 5, (c, t) => post(`${bot.url}/api/messages`, activity('warm', c, t)));
  await load(5, 5, (c, t) => post(`${echo.url}/echo`, activity('warm', c, t)));

  const result = {
    turns1: await load(1, per * 20, (c, t) => post(`${bot.url}/api/messages`, activity('s', c, t))),
    turns50: await load(50, per, (c, t) => post(`${bot.url}/api/messages`, activity('p', c, t))),
    echo1: await load(1, per * 20, (c, t) => post(`${echo.url}/echo`, activity('es', c, t))),
    echo50: await load(50, per, (c, t) => post(`${echo.url}/echo`, activity('ep', c, t))),
  };
  bot.server.closeAllConnections();
  echo.server.closeAllConnections();
  await new Promise((r) => bot.server.close(r));
  await new Promise((r) => echo.server.close(r));
  await rt.close();
  return result;
}
