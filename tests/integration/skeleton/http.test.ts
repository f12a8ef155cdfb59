import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { message, startTestApp, useTestApp } from '../../support/app';

describe('HTTP host', () => {
  const t = useTestApp();

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${t.app.url}/api/messages`, { method: 'POST', headers, body });

  it('answers /healthz and /readyz while MongoDB answers', async () => {
    const health = await fetch(`${t.app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.app.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('answers /readyz 503 with the reason while MongoDB does not answer', async () => {
    const other = await startTestApp(t.mongo);
    await other.rt.db.connection.close();
    const res = await fetch(`${other.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'not_ready', message: 'MongoDB is not answering' } });
    expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    await other.close();
  });

  it('serves Prometheus metrics that count turns', async () => {
    const res = await post(JSON.stringify(message('你好', { user: 'metrics-user' })));
    expect(res.status).toBe(200);
    const text = await (await fetch(`${t.app.url}/metrics`)).text();
    expect(text).toMatch(/jiaoguan_turns_total\{channel="test",outcome="ok"\} [1-9]/);
    expect(text).toContain('jiaoguan_turn_duration_seconds_bucket');
  });

  it('rejects malformed JSON with a JSON 400', async () => {
    const res = await post('{"type":"message",');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'malformed_body', message: expect.any(String) } });
  });

  it('rejects an oversized body with a JSON 413', async () => {
    const res = await post(JSON.stringify({ ...message('x'), text: 'a'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('body_too_large');
  });

  it.each([
    ['without conversation', { type: 'message', text: 'hi', from: { id: 'u' } }],
    ['without type', { conversation: { id: 'c' }, text: 'hi' }],
    ['with a non-string text', { type: 'message', conversation: { id: 'c' }, text: { $gt: '' } }],
    ['that is an array', [1, 2, 3]],
    ['that is a JSON string', 'hello'],
  ])('rejects an activity %s with a JSON 400', async (_name, body) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toMatch(/invalid_activity|malformed_body/);
  });

  it('with authentication off, refuses to post replies to a serviceUrl that is not on this machine', async () => {
    const { deliveryMode: _mode, ...normal } = message('你好', { user: 'ssrf' });
    const res = await post(JSON.stringify({ ...normal, serviceUrl: 'http://169.254.169.254/latest/' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('reply_target_refused');
  });

  it('posts replies to a local connector (as the Bot Framework Emulator runs one) when replies are not expected in the response', async () => {
    const received: { path: string; text: string }[] = [];
    const connector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', text: JSON.parse(body).text });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `r${received.length}` }));
      });
    });
    await new Promise<void>((r) => connector.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = connector.address() as AddressInfo;
      const { deliveryMode: _mode, ...normal } = message('你好', { user: 'emulator' });
      const res = await post(JSON.stringify({ ...normal, serviceUrl: `http://127.0.0.1:${port}/` }));
      expect(res.status).toBe(200);
      expect(received).toHaveLength(1);
      expect(received[0].path).toMatch(/^\/v3\/conversations\/conv-emulator\/activities\//);
      expect(received[0].text).toContain('1.问政策/办事流程');
    } finally {
      connector.close();
    }
  });

  it('answers unknown routes with a JSON 404 and keeps serving after bad input', async () => {
    const res = await fetch(`${t.app.url}/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  });
});
