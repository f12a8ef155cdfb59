import { message, say, useTestApp } from '../../support/app';

describe('messages in traditional Chinese over /api/messages', () => {
  const t = useTestApp();

  it('answers a traditional-character question as its simplified twin, and keeps the driver\'s words in the transcript', async () => {
    const [simplified] = await say(t.app.url, message('罚单不交会怎样', { user: 'simplified-1' }));
    const [traditional] = await say(t.app.url, message('罰單不交會怎樣', { user: 'traditional-1' }));
    expect(simplified).toBeTruthy();
    expect(traditional).toBe(simplified);
    const rows = await t.app.rt.db.models.Transcript.find({ conversationId: 'conv-traditional-1', role: 'user' }).lean();
    expect(rows.map((r) => r.text)).toEqual(['罰單不交會怎樣']);
  });

  it('a menu command in traditional characters works like the simplified one (主選單 / 主菜单)', async () => {
    const replies: string[] = [];
    for (const [user, text] of [['menu-simplified', '主菜单'], ['menu-traditional', '主選單']]) {
      await say(t.app.url, message('你好', { user }));
      const [reply] = await say(t.app.url, message(text!, { user }));
      replies.push(reply!);
    }
    expect(replies[0]).toContain('1.问政策/办事流程');
    expect(replies[1]).toBe(replies[0]);
  });
});
