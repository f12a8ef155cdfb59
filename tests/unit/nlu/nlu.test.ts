import path from 'node:path';
import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { decideBand, DEFAULT_BANDS } from '../../../src/nlu/bands';
import { createNlu } from '../../../src/nlu';
import { IntentGate } from '../../../src/nlu/gate';
import { loadIntentTraining } from '../../../src/nlu/intent';
import { defaultNluDir } from '../../../src/nlu/synonyms';

// Bands are calibrated on the real knowledge base (data/faq); the fixture serves routing tests.
const kb = loadFaqKnowledgeBase();
const nlu = createNlu(kb, { now: () => new Date('2026-11-27T02:00:00Z') });
const fixtureNlu = createNlu(loadFaqKnowledgeBase(path.join(__dirname, 'fixtures', 'faq')));

describe('createNlu().understand: FAQ bands', () => {
  it('answers a clear FAQ question confidently (zh-CN)', () => {
    const u = nlu.understand('驾照丢了怎么补办', 'zh-CN');
    expect(u.intent).toBe('faq');
    expect(u.faq.band).toBe('answer');
    expect(u.faq.candidates[0]!.id).toBe('licence.replace.lost');
  });

  it('offers the right entry first for a short clear question (en)', () => {
    const u = nlu.understand('how do i renew my driving licence', 'en');
    expect(u.intent).toBe('faq');
    expect(u.faq.band).not.toBe('none');
    expect(u.faq.candidates[0]!.id).toBe('licence.renewal.window');
  });

  it.each([
    ['asdfghjkl', 'zh-CN'],
    ['qwpoeiruty', 'en'],
    ['？？？', 'zh-CN'],
    ['今晚吃什么好呢', 'zh-CN'],
    ['what is the weather like in beijing', 'en'],
  ] as const)('gives band none and out_of_scope for %s', (text, locale) => {
    const u = nlu.understand(text, locale);
    expect(u.intent).toBe('out_of_scope');
    expect(u.faq.band).toBe('none');
  });

  it('never answers an unrelated government service with an FAQ', () => {
    for (const text of ['社保卡怎么补办', '护照过期了在哪换']) {
      expect(nlu.understand(text, 'zh-CN').faq.band).not.toBe('answer');
    }
  });

  it('does not let an out-of-scope example that shares only the sentence frame veto a licence question', () => {
    // 身份证到期了在哪换 is out of scope; the same frame around 驾驶证 is ours.
    const u = nlu.understand('驾驶证到期了在哪里换', 'zh-CN');
    expect(u.intent).toBe('faq');
    expect(u.faq.candidates.map((c) => c.id)).toContain('licence.renewal.window');
    expect(nlu.understand('身份证到期了在哪里换', 'zh-CN').intent).toBe('out_of_scope');
  });

  it('offers a choice for a short fragment one FAQ question holds whole (zh-CN), without a distinctive term', () => {
    for (const [text, id] of [
      ['考试费', 'exam.fee'],
      ['你能做什么', 'contact.assistant'],
    ] as const) {
      const u = nlu.understand(text, 'zh-CN');
      expect(u.intent).toBe('faq');
      expect(u.faq.band).not.toBe('none');
      expect(u.faq.candidates[0]!.id).toBe(id);
    }
  });

  it('offers a choice for a short English question close to one FAQ question and to no out-of-scope example', () => {
    // "late" and "fee" are everyday words, so the message carries no distinctive term; the closest
    // out-of-scope example (a credit-card late fee) says more than the message does.
    const u = nlu.understand('how much is the late fee', 'en');
    expect(u.intent).toBe('faq');
    expect(u.faq.band).toBe('clarify');
    expect(u.faq.candidates[0]!.id).toBe('fine.latefee');
    expect(nlu.understand('what is the fee for the gym', 'en').intent).toBe('out_of_scope');
  });

  it('reads the colloquial 登不上 / 登不进 as a login problem', () => {
    for (const text of ['12123登不上去', '12123登不进去']) {
      const u = nlu.understand(text, 'zh-CN');
      expect(u.intent).toBe('faq');
      expect(u.faq.candidates[0]!.id).toBe('app.login');
    }
  });

  it('lists at most 3 candidates, each with a 0..1 score', () => {
    const { candidates } = nlu.understand('违章罚款', 'zh-CN').faq;
    expect(candidates.length).toBeLessThanOrEqual(3);
    for (const c of candidates) expect(c.score).toBeGreaterThanOrEqual(0);
    for (const c of candidates) expect(c.score).toBeLessThanOrEqual(1);
  });
});

describe('decideBand', () => {
  const t = DEFAULT_BANDS['zh-CN'];
  const hit = (id: string, score: number, coverage = 0.5) => ({ id, score, coverage, entryCoverage: coverage, similarity: coverage });
  it('clarifies when the runner-up scores close to the top', () => {
    const d = decideBand([hit('a', t.answer + 5), hit('b', t.answer + 4), hit('c', 2)], t);
    expect(d.band).toBe('clarify');
    expect(d.candidates.map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
  it('answers when the top is clearly ahead, and says none below the clarify threshold', () => {
    expect(decideBand([hit('a', t.answer + 5), hit('b', 3)], t).band).toBe('answer');
    expect(decideBand([hit('a', t.clarify - 1)], t).band).toBe('none');
    expect(decideBand([], t).band).toBe('none');
  });
  it('lets a short, fully covered question reach the answer band, but not a single shared word', () => {
    expect(decideBand([hit('a', t.clarify - 1, 0.9)], t).band).toBe('answer');
    expect(decideBand([hit('a', t.clarify / 2 - 1, 1)], t).band).toBe('none');
  });
});

describe('createNlu().understand: routing and entities', () => {
  it.each([
    ['粤B12345有没有违章', 'zh-CN', 'violation_lookup'],
    ['我还剩几分', 'zh-CN', 'points_lookup'],
    ['帮我预约年检', 'zh-CN', 'service'],
    ['转人工', 'zh-CN', 'handoff'],
    ['你好', 'zh-CN', 'greeting'],
    ['好的谢谢', 'zh-CN', 'thanks'],
    ['how many points do i have left', 'en', 'points_lookup'],
    ['talk to a person', 'en', 'handoff'],
    ['thx', 'en', 'thanks'],
    ['hello', 'en', 'greeting'],
    ['howdy', 'en', 'greeting'],
    ['hi everyone', 'en', 'greeting'],
    ['many thanks buddy', 'en', 'thanks'],
    ['much appreciated!', 'en', 'thanks'],
  ] as const)('routes %s (%s) to %s', (text, locale, intent) => {
    for (const model of [nlu, fixtureNlu]) {
      const u = model.understand(text, locale);
      expect(u.intent).toBe(intent);
      expect(u.faq.band).toBe('none');
    }
  });

  it('treats a trailing "how" as a how-to question, not a lookup request', () => {
    const u = nlu.understand('i want to see my violations in the app, how', 'en');
    expect(u.intent).toBe('faq');
    const gate = new IntentGate(loadIntentTraining('en', defaultNluDir()).gate);
    expect(gate.signals('i want to see my violations in the app, how?').question).toBe(true);
    expect(gate.signals('i want to see my violations').question).toBe(false);
  });

  it('extracts plate, phone and date entities', () => {
    const u = nlu.understand('粤B12345有违章吗，我手机13800138000，下周三去处理', 'zh-CN');
    expect(u.entities).toEqual({ plate: '粤B12345', phone: '+8613800138000', date: '2026-12-02' });
  });

  it('searchFaq returns up to k ranked candidates for agent assist', () => {
    const hits = fixtureNlu.searchFaq('罚款逾期', 'zh-CN', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.id).toBe('fine.pay.late');
  });
});
