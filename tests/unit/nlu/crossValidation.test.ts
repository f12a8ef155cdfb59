import { createFaqKnowledgeBase, type FaqEntry, type FaqKnowledgeBase, type Locale } from '../../../src/knowledge/faq';
import type { Nlu } from '../../../src/nlu';
import { crossValidate, crossValidateGate } from '../../../src/nlu/crossValidation';
import type { Understanding } from '../../../src/nlu/types';

function entry(id: string, topic: FaqEntry['topic'], alternates: string[]): FaqEntry {
  return { id, topic, question: `${id} main question`, alternates, answer: `${id} answer`, source: 'test', checked: '2026-11-27' };
}

const entries = (prefix: string): FaqEntry[] => [
  entry('licence.lost', 'licence', [`${prefix} lost 1`, `${prefix} lost 2`, `${prefix} lost 3`, `${prefix} lost 4`]),
  entry('plate.lost', 'plate', [`${prefix} plate 1`, `${prefix} plate 2`, `${prefix} plate 3`, `${prefix} plate 4`]),
];
const kb = createFaqKnowledgeBase({ 'zh-CN': entries('zh'), en: entries('en') });
const outOfScope: Record<Locale, string[]> = { 'zh-CN': ['天气', '股票', '外卖', '电影', '酒店'], en: ['weather', 'stocks', 'pizza', 'movie', 'hotel'] };

/**
 * A stand-in for createNlu that knows only what it was trained on: an alternate it holds is answered
 * wrongly on purpose (so training on a held-out line would show), an unseen alternate is answered by
 * its word ("lost" or "plate"), an out-of-scope example it was trained on is rejected and an unseen
 * one is answered with confidence.
 */
function fakeBuild(train: FaqKnowledgeBase, keep: (locale: Locale, index: number) => boolean = () => true): Nlu {
  const understand = (text: string, locale: Locale): Understanding => {
    const seen = train.entries(locale).some((e) => e.alternates.includes(text));
    const oosIndex = outOfScope[locale].indexOf(text);
    if (oosIndex >= 0 && keep(locale, oosIndex)) return { intent: 'out_of_scope', confidence: 1, faq: { band: 'none', candidates: [] }, entities: {} };
    const id = oosIndex >= 0 ? 'licence.lost' : text.includes('plate') !== seen ? 'plate.lost' : 'licence.lost';
    return { intent: 'faq', confidence: 0.9, faq: { band: 'answer', candidates: [{ id, score: 1 }] }, entities: {} };
  };
  return {
    understand,
    searchFaq: (text, locale) => understand(text, locale).faq.candidates,
    tokenizer: () => ({ name: 'none', tokenize: () => [] }),
    prepare: () => undefined,
  };
}

describe('crossValidate', () => {
  it('queries every alternate exactly once, never with itself in the training set', () => {
    const [zh, en] = crossValidate(kb, (train) => fakeBuild(train));
    expect(zh).toMatchObject({ locale: 'zh-CN', queries: 8, top1: 1, top3: 1 });
    expect(en).toMatchObject({ locale: 'en', queries: 8, top1: 1, top3: 1 });
  });
});

describe('crossValidateGate', () => {
  it('holds out alternates and out-of-scope examples fold by fold and counts what the whole path did', () => {
    const results = crossValidateGate(kb, outOfScope, fakeBuild, 4);
    for (const r of results) {
      // Every alternate once, every out-of-scope example once; held-out examples are never "seen".
      expect(r).toMatchObject({ alternates: 8, answeredRight: 8, wronglyRejected: 0, outOfScope: 5, rejected: 0, answered: 5 });
    }
  });

  it('counts the rejections of a model trained on every out-of-scope example (what a leak would look like)', () => {
    const leaky = (train: FaqKnowledgeBase): Nlu => fakeBuild(train);
    const [zh] = crossValidateGate(kb, outOfScope, leaky, 4);
    expect(zh).toMatchObject({ outOfScope: 5, rejected: 5, answered: 0 });
  });
});
