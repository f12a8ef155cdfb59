import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { createNlu } from '../../../src/nlu';
import { EntryClassifier } from '../../../src/nlu/entryClassifier';
import { IntentGate } from '../../../src/nlu/gate';
import { LinearClassifier } from '../../../src/nlu/linearClassifier';
import { loadIntentTraining } from '../../../src/nlu/intent';
import { FaqRanker } from '../../../src/nlu/ranker';
import { Bm25Retriever } from '../../../src/nlu/retriever';
import { defaultNluDir } from '../../../src/nlu/synonyms';
import type { Tokenizer } from '../../../src/nlu/types';

const words: Tokenizer = { name: 'words', tokenize: (t) => t.toLowerCase().split(/\s+/).filter(Boolean) };

const docs = [
  { id: 'lost', questions: ['licence lost replace', 'lost my licence', 'licence gone lost'], body: 'replace a lost licence' },
  { id: 'damaged', questions: ['licence damaged replace', 'licence torn damaged', 'broken licence'], body: 'replace a damaged licence' },
  { id: 'renew', questions: ['licence renew expired', 'renew licence'], body: 'renew before it expires' },
];

describe('EntryClassifier', () => {
  const nb = new EntryClassifier(docs, words, { alpha: 0.1, bodyWeight: 0.3 });

  it('gives posteriors that sum to 1 and favour the entry whose alternates use the distinguishing word', () => {
    const p = nb.posteriors(words.tokenize('licence lost'));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const best = [...p.keys()].sort((a, b) => p[b]! - p[a]!)[0]!;
    expect(nb.idAt(best)).toBe('lost');
    expect(nb.idAt(best)).not.toBe('damaged');
  });

  it('ignores words no entry uses (a flat posterior for a message of unknown words)', () => {
    const p = nb.posteriors(words.tokenize('weather tomorrow'));
    for (const x of p) expect(x).toBeCloseTo(1 / docs.length, 9);
  });

  it('sharpens with a lower temperature', () => {
    const t = words.tokenize('licence torn');
    expect(Math.max(...nb.posteriors(t, 0.5))).toBeGreaterThan(Math.max(...nb.posteriors(t, 5)));
  });
});

describe('LinearClassifier', () => {
  const lr = new LinearClassifier(docs, words, { epochs: 2, rate: 1 });

  it('learns the word that tells an entry from its neighbours, with posteriors summing to 1', () => {
    for (const [text, want] of [['licence torn', 1], ['lost it', 0], ['expired', 2]] as const) {
      const p = lr.posteriors(words.tokenize(text));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect({ text, best: [...p.keys()].sort((a, b) => p[b]! - p[a]!)[0] }).toEqual({ text, best: want });
    }
  });

  it('is deterministic: the same documents give the same model', () => {
    const again = new LinearClassifier(docs, words, { epochs: 2, rate: 1 });
    expect([...again.posteriors(words.tokenize('licence damaged'))]).toEqual([...lr.posteriors(words.tokenize('licence damaged'))]);
  });

  it('gives a flat posterior for a message of words it never saw, sharper at a lower temperature', () => {
    const unknown = lr.posteriors(words.tokenize('weather tomorrow'));
    expect(Math.max(...unknown) - Math.min(...unknown)).toBeLessThan(0.2);
    const t = words.tokenize('licence torn');
    expect(Math.max(...lr.posteriors(t, 0.5))).toBeGreaterThan(Math.max(...lr.posteriors(t, 2)));
  });
});

describe('FaqRanker', () => {
  it('keeps BM25 order and scores at weight 0, and adds the classifier on the BM25 scale otherwise', () => {
    const plain = new FaqRanker(docs, words, { weight: 0 });
    const fused = new FaqRanker(docs, words, { weight: 1, temperature: 1 });
    const q = 'replace torn licence';
    expect(plain.search(q, 3)).toEqual(plain.bm25.search(q, 3));
    const a = plain.search(q, 3);
    const b = fused.search(q, 3);
    expect(b[0]!.id).toBe('damaged');
    expect(b[0]!.score).toBeGreaterThan(a.find((h) => h.id === 'damaged')!.score);
    expect(b[0]!.score).toBeLessThanOrEqual(a[0]!.score * 2 + 1e-9);
  });
});

describe('Bm25Retriever similarity', () => {
  const bm25 = new Bm25Retriever(
    [
      { id: 'fee', questions: ['late fee'] },
      { id: 'card', questions: ['late fee credit card bill'] },
    ],
    words,
  );

  it('is 1 for a question the query matches exactly, and drops with what the question holds beyond the query', () => {
    const hits = bm25.search('late fee', 2);
    const fee = hits.find((h) => h.id === 'fee')!;
    const card = hits.find((h) => h.id === 'card')!;
    // Both questions cover the query whole; only the similarity tells them apart.
    expect(fee.coverage).toBeCloseTo(1, 9);
    expect(card.coverage).toBeCloseTo(1, 9);
    expect(fee.similarity).toBeCloseTo(1, 9);
    expect(card.similarity).toBeLessThan(0.8);
    expect(card.similarity).toBeGreaterThan(0);
  });

  it('drops with what the query holds beyond the question too, and is 0 without a shared term', () => {
    expect(bm25.search('late fee for my gym', 2).find((h) => h.id === 'fee')!.similarity).toBeLessThan(1);
    expect(bm25.search('weather', 2)).toEqual([]);
  });
});

describe('IntentGate', () => {
  const zh = new IntentGate(loadIntentTraining('zh-CN', defaultNluDir()).gate);
  const en = new IntentGate(loadIntentTraining('en', defaultNluDir()).gate);

  it('tells requests from questions about rules', () => {
    expect(zh.signals('帮我查一下违章')).toMatchObject({ strong: true });
    expect(zh.signals('违章没处理会不会每天涨钱')).toMatchObject({ strong: false, question: true });
    // 去哪 / 上哪 ask where, like 在哪: 考驾照去哪考 is not a request to look up points.
    expect(zh.signals('考驾照去哪考')).toMatchObject({ strong: false, question: true });
    expect(zh.signals('上哪交罚款')).toMatchObject({ strong: false, question: true });
    expect(en.signals('can you check my points')).toMatchObject({ strong: true });
    expect(en.signals('where do i check when my licence expires')).toMatchObject({ strong: false, question: true });
    expect(en.signals('can i phone 12123 and talk to a person').notHandoff).toBe(true);
    // Whether someone else may act is a question about agents, not a request ("... for me").
    expect(en.signals('can my wife renew my licence for me')).toMatchObject({ strong: false, question: true });
    expect(en.signals('can someone pick up replacement licence for me')).toMatchObject({ strong: false, question: true });
    expect(en.signals('renew my licence for me')).toMatchObject({ strong: true });
  });

  it('allows an action on a strong cue or a plate, on a weak cue only without a question', () => {
    const s = (strong: boolean, weak: boolean, question: boolean) => ({ strong, weak, question, notHandoff: false });
    expect(IntentGate.allowsAction(s(true, false, true), false, true)).toBe(true);
    expect(IntentGate.allowsAction(s(false, false, true), true, true)).toBe(true);
    expect(IntentGate.allowsAction(s(false, true, false), false, true)).toBe(true);
    expect(IntentGate.allowsAction(s(false, true, true), false, true)).toBe(false);
    expect(IntentGate.allowsAction(s(false, false, false), false, true)).toBe(false);
    expect(IntentGate.allowsAction(s(false, false, false), false, false)).toBe(true);
  });
});

describe('createNlu: questions about rules stay with the FAQ', () => {
  const nlu = createNlu(loadFaqKnowledgeBase());
  it.each([
    ['违章没处理放着会不会越罚越多', 'zh-CN'],
    ['驾照扣分周期从哪天开始算', 'zh-CN'],
    ['how many points do you lose for running a red light', 'en'],
  ] as const)('%s goes to the FAQ', (text, locale) => {
    expect(nlu.understand(text, locale).intent).toBe('faq');
  });
  it.each([
    ['能帮我查下我车的违章吗', 'zh-CN', 'violation_lookup'],
    ['can you check my points please', 'en', 'points_lookup'],
  ] as const)('%s still routes to %s', (text, locale, intent) => {
    expect(nlu.understand(text, locale).intent).toBe(intent);
  });
});
