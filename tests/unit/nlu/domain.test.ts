import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { createNlu } from '../../../src/nlu';
import { chineseStopwords, DomainLexicon } from '../../../src/nlu/domain';
import type { RetrievalDoc } from '../../../src/nlu/retriever';
import type { Tokenizer } from '../../../src/nlu/types';

const words: Tokenizer = { name: 'words', tokenize: (text) => text.toLowerCase().match(/[a-z]+/g) ?? [] };
const doc = (id: string, ...questions: string[]): RetrievalDoc => ({ id, questions });

describe('DomainLexicon', () => {
  const docs = [
    doc('a', 'how to renew my licence', 'licence renewal'),
    doc('b', 'lost licence check', 'replace licence'),
    doc('c', 'licence points check'),
    doc('d', 'check plate fine'),
    doc('e', 'plate fine points'),
    doc('f', 'plate fine points the'),
  ];
  const oos = ['check in at the hotel', 'check my bank card', 'how to renew a passport', 'book a train'];

  it('keeps terms the knowledge base uses often and the out-of-scope examples never use', () => {
    const lex = new DomainLexicon(docs, oos, words, { minEntries: 3, maxOosExamples: 0, minLogRatio: 0 });
    expect(lex.weight('licence')).toBeGreaterThan(0);
    expect(lex.weight('plate')).toBeGreaterThan(0);
    expect(lex.weight('check')).toBeUndefined(); // everyday: the hotel and bank examples use it
    expect(lex.weight('renew')).toBeUndefined(); // in one entry only, and in an out-of-scope example
    expect(lex.evidence('can i check in early at the hotel')).toEqual({ terms: [], weight: 0 });
    expect(lex.evidence('fine on my plate').terms.sort()).toEqual(['fine', 'plate']);
  });

  it('drops general words and orders the evidence by weight', () => {
    const lex = new DomainLexicon(docs, oos, words, { minEntries: 3, maxOosExamples: Infinity, minLogRatio: 0, generalWords: ['the'] });
    expect(lex.weight('the')).toBeUndefined();
    const ev = lex.evidence('the licence points');
    expect(ev.terms).toEqual(['licence', 'points']);
    expect(ev.weight).toBeCloseTo(lex.weight('licence')! + lex.weight('points')!, 9);
  });

  it('treats a Chinese n-gram spanning a general character as general', () => {
    const bigrams: Tokenizer = {
      name: 'bigrams',
      tokenize: (text) => [...text].slice(0, -1).map((c, i) => c + [...text][i + 1]!),
    };
    const zh = [doc('a', '罚款是不是'), doc('b', '罚款是不是多'), doc('c', '罚款是不是少')];
    const lex = new DomainLexicon(zh, ['天气'], bigrams, { minEntries: 3, minLogRatio: 0, generalWords: chineseStopwords });
    expect(lex.weight('罚款')).toBeGreaterThan(0);
    expect(lex.weight('是不')).toBeUndefined();
    expect(lex.weight('款是')).toBeUndefined();
  });
});

describe('createNlu: domain evidence', () => {
  const kb = loadFaqKnowledgeBase();
  const nlu = createNlu(kb);
  // Bands that reject everything, so only the in-domain guard can offer candidates.
  const strict = { clarify: Infinity, answer: Infinity, sure: Infinity, coverageFloor: 2 };
  const guarded = createNlu(kb, { bands: { 'zh-CN': strict, en: strict } });
  // ...and with the guard and the other rescues (whole match, similarity) off.
  const unguarded = createNlu(kb, {
    bands: { 'zh-CN': strict, en: strict },
    domain: { 'zh-CN': { guardEvidence: Infinity, wholeMatchClarify: false }, en: { guardEvidence: Infinity, clarifySimilarity: Infinity } },
  });

  it('offers candidates (clarify) for strong traffic vocabulary the bands would reject', () => {
    for (const [text, locale] of [['闯红灯罚款和扣分标准是什么', 'zh-CN'], ['what fine and points apply for a covered plate', 'en']] as const) {
      const u = guarded.understand(text, locale);
      expect(u.intent).toBe('faq');
      expect(u.faq.band).toBe('clarify');
      expect(u.faq.candidates.length).toBeGreaterThan(0);
      expect(unguarded.understand(text, locale).intent).toBe('out_of_scope');
    }
  });

  it('still rejects a message close to an out-of-scope example', () => {
    const u = guarded.understand('身份证丢了怎么补办', 'zh-CN');
    expect(u.intent).toBe('out_of_scope');
    expect(u.faq.band).toBe('none');
  });

  it('rejects everyday English matched only through generic words', () => {
    for (const text of ['can i check in early at my hotel', 'how do i change my wifi password', 'where do i get a visa for japan', 'my bank card got blocked']) {
      expect(nlu.understand(text, 'en').intent).toBe('out_of_scope');
    }
  });

  it('keeps traffic questions that use domain terms', () => {
    for (const [text, locale] of [['how do i renew my driving licence', 'en'], ['how many points for running a red light', 'en'], ['驾照到期了怎么换证', 'zh-CN']] as const) {
      const u = nlu.understand(text, locale);
      expect(u.intent).toBe('faq');
      expect(u.faq.band).not.toBe('none');
    }
  });
});
