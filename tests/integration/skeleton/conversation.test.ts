import { message, say, startTestApp, useTestApp } from '../../support/app';

describe('conversation over /api/messages', () => {
  const t = useTestApp();

  it('answers 你好 with the Chinese greeting and numbered menu', async () => {
    const [reply] = await say(t.app.url, message('你好', { user: 'zh-1' }));
    expect(reply).toContain('您好，我是交管助手');
    expect(reply).toContain('1.问政策/办事流程');
    expect(reply).toContain('2.查违法');
    expect(reply).toContain('3.驾驶证业务');
    expect(reply).toContain('4.车辆与号牌业务');
    expect(reply).toContain('5.人工服务');
  });

  it('answers in English when the client says en-US', async () => {
    const [reply] = await say(t.app.url, message('hello', { user: 'en-1', locale: 'en-US' }));
    expect(reply).toContain('Hello, I am the traffic services assistant');
    expect(reply).toContain('2. Check violations');
  });

  it('returns the expectReplies body with the activities array', async () => {
    const res = await fetch(`${t.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message('你好', { user: 'shape-1' })),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Array.isArray(body.activities)).toBe(true);
    expect(body.activities[0]).toMatchObject({ type: 'message', locale: 'zh-CN' });
  });

  it('recognises a menu choice by number, by ordinal and by words in a sentence', async () => {
    const user = 'zh-choices';
    await say(t.app.url, message('你好', { user }));
    const [byNumber] = await say(t.app.url, message('5', { user }));
    expect(byNumber).toContain('人工服务暂未开通');
    const [byOrdinal] = await say(t.app.url, message('第五个', { user }));
    expect(byOrdinal).toContain('人工服务暂未开通');
    const [byWords] = await say(t.app.url, message('我想找人工服务', { user }));
    expect(byWords).toContain('人工服务暂未开通');
    const [violations] = await say(t.app.url, message('2', { user }));
    expect(violations).not.toContain('1.问政策/办事流程');
  });

  it('routes a first message that already asks for something without showing the menu first', async () => {
    const replies = await say(t.app.url, message('我想找人工服务', { user: 'direct-1' }));
    expect(replies[0]).toContain('人工服务暂未开通');
    expect(replies[1]).toContain('还需要办理什么');
  });

  it('says so when it did not understand, and offers the menu again', async () => {
    const user = 'zh-confused';
    await say(t.app.url, message('你好', { user }));
    const [reply] = await say(t.app.url, message('啊啊啊', { user }));
    expect(reply).toContain('抱歉，没看懂');
    expect(reply).toContain('1.问政策/办事流程');
  });

  it('switches language on English / 中文 and remembers it', async () => {
    const user = 'switcher';
    await say(t.app.url, message('你好', { user }));
    const [switched, menu] = await say(t.app.url, message('English', { user }));
    expect(switched).toBe('Switched to English.');
    expect(menu).toContain('1. Rules and procedures');
    const [next] = await say(t.app.url, message('9', { user }));
    expect(next).toContain('Sorry, I did not understand');
    const [back] = await say(t.app.url, message('中文', { user }));
    expect(back).toBe('已切换为中文。');
  });

  it('keeps an explicit language choice even when the client sends another locale', async () => {
    const user = 'explicit';
    await say(t.app.url, message('hi', { user, locale: 'zh-CN' }));
    await say(t.app.url, message('English', { user, locale: 'zh-CN' }));
    const [reply] = await say(t.app.url, message('menu', { user, locale: 'zh-CN' }));
    expect(reply).toContain('Reply with a number');
  });

  it('answers help, cancel and menu at any point', async () => {
    const user = 'commands';
    await say(t.app.url, message('你好', { user }));
    const help = await say(t.app.url, message('帮助', { user }));
    expect(help[0]).toContain('回复数字选择服务');
    expect(help[1]).toContain('1.问政策/办事流程');
    const cancel = await say(t.app.url, message('取消', { user }));
    expect(cancel[0]).toBe('好的，已取消。');
    const menu = await say(t.app.url, message('菜单', { user }));
    expect(menu[0]).toContain('请回复数字选择服务');
  });

  it('tells honestly that a person is not available yet', async () => {
    const replies = await say(t.app.url, message('转人工', { user: 'agent-1' }));
    expect(replies[0]).toContain('人工服务暂未开通');
  });

  it('runs a redelivered activity (same id) only once', async () => {
    const first = message('你好', { user: 'dup', id: 'same-activity-id' });
    const a = await say(t.app.url, first);
    const b = await say(t.app.url, first);
    expect(a).toHaveLength(1);
    expect(b).toEqual([]);
  });

  it('keeps a transcript of both sides', async () => {
    await say(t.app.url, message('你好', { user: 'transcribed' }));
    const rows = await t.app.rt.db.models.Transcript.find({ conversationId: 'conv-transcribed' }).sort({ timestamp: 1 }).lean();
    expect(rows.map((r) => r.role)).toEqual(['user', 'bot']);
    expect(rows[0].text).toBe('你好');
    expect(rows[1].expiresAt.getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
  });

  it('continues a conversation on a second app instance that shares the store', async () => {
    const other = await startTestApp(t.mongo);
    try {
      const user = 'two-instances';
      await say(t.app.url, message('你好', { user }));
      await say(t.app.url, message('English', { user }));
      // The second instance knows the language and the open menu prompt: "5" picks the fifth item.
      const [reply] = await say(other.url, message('5', { user }));
      expect(reply).toContain('Talking to a person is not available yet');
    } finally {
      await other.close();
    }
  });
});
