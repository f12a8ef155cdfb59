import type { FaqEntry } from '../knowledge/faq';
import type { Tokenizer } from './types';

/** A retrievable item: its questions are indexed one by one (max-pooled), its body at lower weight. */
export interface RetrievalDoc {
  id: string;
  questions: readonly string[];
  body?: string;
}

export function faqDocs(entries: readonly FaqEntry[]): RetrievalDoc[] {
  return entries.map((e) => ({ id: e.id, questions: [e.question, ...e.alternates], body: e.answer }));
}

/**
 * BM25 over short documents: every entry contributes its main question and each alternate as a
 * separate document, and an entry's score is the best of its documents (max-pooling). The answer
 * text forms a second, lower-weighted field. Besides the BM25 score, each hit carries a coverage:
 * the share of the query's IDF mass found in the best document, which is what the confidence
 * bands look at (a BM25 score has no fixed scale; coverage is 0..1 and comparable across queries).
 */
export interface RetrieverOptions {
  k1?: number;
  b?: number;
  /** Weight of the answer field in the ranking score. */
  answerWeight?: number;
  /** Weight of the entry-level field (all questions of an entry as one document). */
  bagWeight?: number;
  /** Weight of the best single question (max-pooling). */
  maxWeight?: number;
}

export interface RetrievalHit {
  id: string;
  /** Ranking score (BM25, max over the entry's questions, plus the weighted answer field). */
  score: number;
  /** IDF-weighted share of the query terms present in the entry's best-matching question, 0..1. */
  coverage: number;
  /** IDF-weighted share of the query terms present anywhere in the entry (questions and body). */
  entryCoverage: number;
}

interface Field {
  /** term -> postings (doc index, term frequency) */
  postings: Map<string, Array<[number, number]>>;
  lengths: number[];
  avgLength: number;
  owner: number[];
  docTerms: Array<ReadonlySet<string>>;
  /** k1 * (1 - b + b * length / avgLength) per document, filled in by the retriever. */
  norms: Float64Array;
  /** Scratch accumulator, one slot per document (queries run one at a time). */
  scratch: Float64Array;
}

function buildField(docs: Array<{ owner: number; tokens: string[] }>): Field {
  const postings = new Map<string, Array<[number, number]>>();
  const lengths: number[] = [];
  const owner: number[] = [];
  const docTerms: Array<ReadonlySet<string>> = [];
  docs.forEach((doc, index) => {
    const tf = new Map<string, number>();
    for (const t of doc.tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      const list = postings.get(t) ?? [];
      list.push([index, n]);
      postings.set(t, list);
    }
    lengths.push(doc.tokens.length);
    owner.push(doc.owner);
    docTerms.push(new Set(tf.keys()));
  });
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return { postings, lengths, avgLength, owner, docTerms, norms: new Float64Array(lengths.length), scratch: new Float64Array(lengths.length) };
}

export class Bm25Retriever {
  private readonly ids: string[];
  private readonly questions: Field;
  private readonly answers: Field;
  private readonly bags: Field;
  private readonly bagWeight: number;
  private readonly maxWeight: number;
  private readonly k1: number;
  private readonly b: number;
  private readonly answerWeight: number;
  /** Entries' document frequencies (a term in 5 alternates of one entry counts once). */
  private readonly entryDf = new Map<string, number>();
  private readonly entryTerms: Array<ReadonlySet<string>> = [];

  constructor(
    entries: readonly RetrievalDoc[],
    readonly tokenizer: Tokenizer,
    options: RetrieverOptions = {},
  ) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.answerWeight = options.answerWeight ?? 0.3;
    this.bagWeight = options.bagWeight ?? 0;
    this.maxWeight = options.maxWeight ?? 1;
    this.ids = entries.map((e) => e.id);
    const qDocs: Array<{ owner: number; tokens: string[] }> = [];
    const aDocs: Array<{ owner: number; tokens: string[] }> = [];
    const bDocs: Array<{ owner: number; tokens: string[] }> = [];
    entries.forEach((entry, owner) => {
      const seen = new Set<string>();
      const bag: string[] = [];
      for (const text of entry.questions) {
        const tokens = tokenizer.tokenize(text);
        qDocs.push({ owner, tokens });
        bag.push(...tokens);
        for (const t of tokens) seen.add(t);
      }
      const answerTokens = entry.body === undefined ? [] : tokenizer.tokenize(entry.body);
      aDocs.push({ owner, tokens: answerTokens });
      bDocs.push({ owner, tokens: bag });
      this.entryTerms.push(new Set([...seen, ...answerTokens]));
      for (const t of seen) this.entryDf.set(t, (this.entryDf.get(t) ?? 0) + 1);
    });
    this.questions = buildField(qDocs);
    this.answers = buildField(aDocs);
    this.bags = buildField(bDocs);
    for (const field of [this.questions, this.answers, this.bags]) {
      field.lengths.forEach((len, i) => {
        field.norms[i] = this.k1 * (1 - this.b + (this.b * len) / Math.max(1e-9, field.avgLength));
      });
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** IDF over entries; a term no entry uses gets the highest value. */
  idf(term: string): number {
    const n = this.ids.length;
    const df = this.entryDf.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 of the documents that share a term with the query, as [doc, score] pairs. */
  private scoreField(field: Field, terms: readonly string[], weights: ReadonlyMap<string, number>): Array<[number, number]> {
    const acc = field.scratch;
    const touched: number[] = [];
    for (const t of terms) {
      const list = field.postings.get(t);
      if (!list) continue;
      const w = weights.get(t)! * (this.k1 + 1);
      for (const [doc, tf] of list) {
        if (acc[doc] === 0) touched.push(doc);
        acc[doc] = acc[doc]! + (w * tf) / (tf + field.norms[doc]!);
      }
    }
    const out: Array<[number, number]> = touched.map((doc) => [doc, acc[doc]!]);
    for (const doc of touched) acc[doc] = 0;
    return out;
  }

  searchTokens(tokens: readonly string[], k: number): RetrievalHit[] {
    const terms = [...new Set(tokens)];
    if (terms.length === 0) return [];
    const weights = new Map(terms.map((t) => [t, this.idf(t)]));
    const totalWeight = terms.reduce((sum, t) => sum + weights.get(t)!, 0);

    const best = new Map<number, { score: number; doc: number }>();
    for (const [doc, score] of this.scoreField(this.questions, terms, weights)) {
      const owner = this.questions.owner[doc]!;
      const current = best.get(owner);
      if (!current || score > current.score) best.set(owner, { score, doc });
    }
    const answerScores = new Map<number, number>();
    for (const [doc, score] of this.scoreField(this.answers, terms, weights)) {
      answerScores.set(this.answers.owner[doc]!, score);
    }

    const bagScores = new Map<number, number>();
    if (this.bagWeight > 0) {
      for (const [doc, score] of this.scoreField(this.bags, terms, weights)) bagScores.set(this.bags.owner[doc]!, score);
    }

    const hits: RetrievalHit[] = [];
    for (const owner of new Set([...best.keys(), ...answerScores.keys()])) {
      const q = best.get(owner);
      const a = answerScores.get(owner) ?? 0;
      const bagScore = bagScores.get(owner) ?? 0;
      let coverage = 0;
      if (q) {
        const docTerms = this.questions.docTerms[q.doc]!;
        let matched = 0;
        for (const t of terms) if (docTerms.has(t)) matched += weights.get(t)!;
        coverage = matched / totalWeight;
      }
      let inEntry = 0;
      const bag = this.entryTerms[owner]!;
      for (const t of terms) if (bag.has(t)) inEntry += weights.get(t)!;
      hits.push({ id: this.ids[owner]!, score: this.maxWeight * (q?.score ?? 0) + this.bagWeight * bagScore + this.answerWeight * a, coverage, entryCoverage: inEntry / totalWeight });
    }
    hits.sort((x, y) => y.score - x.score || y.coverage - x.coverage);
    return hits.slice(0, k);
  }

  search(text: string, k: number): RetrievalHit[] {
    return this.searchTokens(this.tokenizer.tokenize(text), k);
  }
}
