// The main menu as a driver meets it in the terminal chat (`npm run chat`), rendered as SMS text.
import type { Runtime } from '../../src/runtime';
import { createChatSession } from '../../src/channels/local/chatSession';
import { startTestRuntime } from '../support/app';
import { useTestMongo } from '../support/mongo';

type Step = [user: string, expected: (string | RegExp)[]];

const transcripts: { name: string; locale: 'zh-CN' | 'en'; steps: Step[] }[] = [
  {
    name: 'zh-CN: greeting, a choice by number, help and cancel',
    locale: 'zh-CN',
    steps: [
      ['你好', [/^您好，我是交管助手.*\n1\.问政策\/办事流程\n2\.查违法\n3\.驾驶证业务\n4\.车辆与号牌业务\n5\.人工服务$/s]],
      ['5', ['人工服务暂未开通', /^还需要办理什么？/]],
      ['帮助', [/退订请回复T/, /^还需要办理什么？/]],
      ['取消', ['好的，已取消。', /^请回复数字选择服务：/]],
      ['第五个', ['人工服务暂未开通', /^还需要办理什么？/]],
    ],
  },
  {
    name: 'en: greeting, a choice by words, switching to Chinese',
    locale: 'en',
    steps: [
      ['hi', [/^Hello, I am the traffic services assistant.*\n1\. Rules and procedures\n2\. Check violations/s]],
      ['I need a human please', [/Talking to a person is not available yet/, /^Anything else\?/]],
      ['中文', ['已切换为中文。', /^还需要办理什么？请回复数字：/]],
    ],
  },
];

describe('main menu transcripts (chat pipeline, SMS rendering)', () => {
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

  it.each(transcripts)('$name', async ({ locale, steps }) => {
    const chat = createChatSession(rt, { locale });
    for (const [user, expected] of steps) {
      const replies = await chat.send(user);
      expect({ user, replies: replies.length }).toEqual({ user, replies: expected.length });
      expected.forEach((e, i) => {
        if (typeof e === 'string') expect(replies[i]).toContain(e);
        else expect(replies[i]).toMatch(e);
      });
    }
  });

  it('keeps every menu reply within two SMS segments', async () => {
    const chat = createChatSession(rt, { locale: 'zh-CN' });
    for (const reply of await chat.send('你好')) expect(Array.from(reply).length).toBeLessThanOrEqual(134);
  });
});
