// Questions and answers as a driver meets them over SMS (the terminal chat's pipeline).
import type { Runtime } from '../../src/runtime';
import { createChatSession } from '../../src/channels/local/chatSession';
import { startTestRuntime } from '../support/app';
import { useTestMongo } from '../support/mongo';

describe('FAQ conversations (chat pipeline, SMS rendering)', () => {
  let mongo: Awaited<ReturnType<typeof useTestMongo>>;
  let rt: Runtime;

  beforeAll(async () => {
    mongo = await useTestMongo();
    rt = await startTestRuntime(mongo);
  });
  afterAll(async () => {
    await rt.close();
    await mongo.close();
  });

  const entry = (locale: 'zh-CN' | 'en', id: string) => {
    const e = rt.faq.kb.get(locale, id);
    if (!e) throw new Error(`missing entry ${id}`);
    return e;
  };

  it('zh-CN: menu -> ask -> answer with the walkthrough and numbered follow-ups -> a follow-up by number -> feedback', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN' });
    await chat.send('你好');
    expect(await chat.send('1')).toEqual([expect.stringContaining('请直接输入您的问题')]);
    const renewal = entry('zh-CN', 'licence.renewal.window');
    const [answer, next] = await chat.send(renewal.question);
    expect(answer).toBe(renewal.answer);
    expect(next).toMatch(/^相关问题：\n1\.一步步办理“驾驶证期满换证”\n2\./);
    expect(next).toContain('这个回答有帮助吗');
    const firstFollowUp = entry('zh-CN', renewal.followUps![0]);
    const [followUp] = await chat.send('2');
    expect(followUp).toBe(firstFollowUp.answer);
    const [thanks] = await chat.send('有用');
    expect(thanks).toBe('谢谢您的反馈！');
    const stored = await rt.db.models.FaqFeedback.find({ entryId: firstFollowUp.id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ helpful: true, locale: 'zh-CN' });
  });

  it('zh-CN: after an answer, "1" starts the guided walkthrough of that service', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN' });
    await chat.send(entry('zh-CN', 'licence.renewal.window').question);
    const [start] = await chat.send('1');
    expect(start).toMatch(/^办理“驾驶证期满换证”/);
    expect(start).toContain('您的驾驶证有效期到哪一天');
  });

  it('en: the walkthrough is offered in English too', async () => {
    const chat = createChatSession(rt, { locale: 'en' });
    const [, next] = await chat.send(entry('en', 'licence.renewal.window').question);
    expect(next).toMatch(/^Related questions:\n1\. Guide me through: /);
  });

  it('zh-CN: a question sent as the first message is answered straight away', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN' });
    const nev = entry('zh-CN', 'plate.format.nev');
    const [answer] = await chat.send(nev.question);
    expect(answer).toBe(nev.answer);
  });

  it('zh-CN: admits it cannot answer an out-of-scope question, offers a person, and logs it', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN' });
    await chat.send('你好');
    await chat.send('1');
    const [reply] = await chat.send('社保卡怎么补办');
    expect(reply).toContain('抱歉，这个问题我暂时答不了');
    expect(reply).toContain('人工');
    const logged = await rt.db.models.FaqUnanswered.findOne({ key: '社保卡怎么补办' }).lean();
    expect(logged?.count).toBe(1);
  });

  it('zh-CN: 菜单 leaves the questions and shows the menu', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN' });
    await chat.send('你好');
    await chat.send('1');
    const [menu] = await chat.send('菜单');
    expect(menu).toMatch(/^请回复数字选择服务：\n1\.问政策/);
  });

  it('en: a question is answered in English with follow-ups, "more" shows details where there are some', async () => {
    const chat = createChatSession(rt, { locale: 'en' });
    const withDetail = rt.faq.kb.entries('en').find((e) => e.detail && e.id.startsWith('licence.'))!;
    const [answer, next] = await chat.send(withDetail.question);
    expect(answer).toBe(withDetail.answer);
    expect(next).toContain('Reply "more" for details.');
    const [detail] = await chat.send('more');
    expect(detail).toBe(withDetail.detail);
  });

  it('en: a question that asks for a service routes to it instead of answering', async () => {
    const chat = createChatSession(rt, { locale: 'en' });
    await chat.send('hi');
    await chat.send('1');
    const replies = await chat.send('check my car violations');
    expect(replies.join('\n')).not.toContain('Sorry, I cannot answer that yet');
  });
});
