// Starts the real app (Express + botbuilder + mongoose) on a free port over the test MongoDB.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { testConfig, type Config } from '../../src/config';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime';
import { createApp } from '../../src/app';
import { useTestMongo, type TestMongo } from './mongo';

export interface TestApp {
  rt: Runtime;
  url: string;
  close(): Promise<void>;
}

/** The runtime (database, bot, dialogs) over a test store, without HTTP. */
export function startTestRuntime(
  mongo: { uri: string; dbName: string },
  opts: { config?: Partial<Config>; runtime?: RuntimeOptions } = {},
): Promise<Runtime> {
  return createRuntime(testConfig({ mongodbUri: mongo.uri, ...opts.config }), { dbName: mongo.dbName, ...opts.runtime });
}

export async function startTestApp(
  mongo: { uri: string; dbName: string },
  opts: { config?: Partial<Config>; runtime?: RuntimeOptions } = {},
): Promise<TestApp> {
  const rt = await startTestRuntime(mongo, opts);
  const { express } = createApp(rt);
  const server: Server = await new Promise((resolve) => {
    const s = express.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    rt,
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.close();
    },
  };
}

let seq = 0;

/** A Bot Framework message activity asking for the replies in the HTTP response. */
export function message(text: string, opts: { conversation?: string; user?: string; locale?: string; id?: string; channelId?: string } = {}): Partial<Activity> {
  seq += 1;
  const user = opts.user ?? 'user-1';
  return {
    type: 'message',
    id: opts.id ?? `act-${process.pid}-${Date.now()}-${seq}`,
    channelId: opts.channelId ?? 'test',
    serviceUrl: 'http://127.0.0.1:1/',
    from: { id: user, name: 'Driver', role: 'user' },
    recipient: { id: 'bot', name: 'jiaoguan' },
    conversation: { id: opts.conversation ?? `conv-${user}` } as Activity['conversation'],
    text,
    locale: opts.locale,
    deliveryMode: 'expectReplies',
  };
}

/** Posts an activity and returns the texts of the bot's replies. */
export async function say(url: string, activity: Partial<Activity>): Promise<string[]> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { activities: Partial<Activity>[] };
  return body.activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
}

/**
 * Starts a test store and the app around the tests of a describe block; the returned object's
 * `app` and `mongo` are set once beforeAll ran.
 */
export function useTestApp(opts: Parameters<typeof startTestApp>[1] = {}): { app: TestApp; mongo: TestMongo } {
  const ctx = {} as { app: TestApp; mongo: TestMongo };
  beforeAll(async () => {
    ctx.mongo = await useTestMongo();
    ctx.app = await startTestApp(ctx.mongo, opts);
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.mongo?.close();
  });
  return ctx;
}
