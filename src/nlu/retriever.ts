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
  /**
   * Dice similarity of the query and the entry's closest question on IDF mass (2 x shared / (query +
   * question)): unlike coverage it also drops when the question holds much the query lacks.
   */
  similarity: number;
}

/** One field's postings of one term: the documents and each one's BM25 term factor (k1+1)·tf/(tf+norm). */
interface Postings {
  docs: Int32Array;
  factors: Float64Array;
}

/** Everything a query needs about one indexed term, looked up once per query term. */
interface TermInfo {
  idf: number;
  questions?: Postings;
  answers?: Postings;
  bags?: Postings;
  /** Entries whose questions or answer contain the term (for entryCoverage). */
  entries: Int32Array;
}

interface FieldDocs {
  owner: Int32Array;
  tf: Array<Map<string, number>>;
  norms: Float64Array;
}

function fieldDocs(docs: ReadonlyArray<{ owner: number; tokens: string[] }>, k1: number, b: number): FieldDocs {
  const tf = docs.map((doc) => {
    const counts = new Map<string, number>();
    for (const t of doc.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  });
  const avg = docs.reduce((sum, d) => sum + d.tokens.length, 0) / Math.max(1, docs.length);
  const norms = Float64Array.from(docs, (d) => k1 * (1 - b + (b * d.tokens.length) / Math.max(1e-9, avg)));
  return { owner: Int32Array.from(docs, (d) => d.owner), tf, norms };
}

function postingsOf(field: FieldDocs, k1: number): Map<string, Postings> {
  const lists = new Map<string, { docs: number[]; factors: number[] }>();
  field.tf.forEach((counts, doc) => {
    for (const [t, n] of counts) {
      const list = lists.get(t) ?? { docs: [], factors: [] };
      list.docs.push(doc);
      list.factors.push(((k1 + 1) * n) / (n + field.norms[doc]!));
      lists.set(t, list);
    }
  });
  const out = new Map<string, Postings>();
  for (const [t, l] of lists) out.set(t, { docs: Int32Array.from(l.docs), factors: Float64Array.from(l.factors) });
  return out;
}

/** Reusable per-query buffers (queries run one at a time; nothing is allocated per document). */
class Scratch {
  readonly docScore: Float64Array;
  readonly docMatched: Float64Array;
  readonly touchedDocs: Int32Array;
  readonly best: Float64Array;
  readonly bestMatched: Float64Array;
  readonly bestSimilarity: Float64Array;
  readonly answer: Float64Array;
  readonly bag: Float64Array;
  readonly inEntry: Float64Array;
  readonly seen: Uint8Array;
  readonly touched: Int32Array;
  touchedCount = 0;

  constructor(docs: number, owners: number) {
    this.docScore = new Float64Array(docs);
    this.docMatched = new Float64Array(docs);
    this.touchedDocs = new Int32Array(docs);
    this.best = new Float64Array(owners);
    this.bestMatched = new Float64Array(owners);
    this.bestSimilarity = new Float64Array(owners);
    this.answer = new Float64Array(owners);
    this.bag = new Float64Array(owners);
    this.inEntry = new Float64Array(owners);
    this.seen = new Uint8Array(owners);
    this.touched = new Int32Array(owners);
  }

  touch(owner: number): void {
    if (this.seen[owner] === 0) {
      this.seen[owner] = 1;
      this.touched[this.touchedCount++] = owner;
    }
  }

  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) {
      const o = this.touched[i]!;
      this.seen[o] = 0;
      this.best[o] = 0;
      this.bestMatched[o] = 0;
      this.bestSimilarity[o] = 0;
      this.answer[o] = 0;
      this.bag[o] = 0;
      this.inEntry[o] = 0;
    }
    this.touchedCount = 0;
  }
}

/** Per-entry scores of one query, indexed by entry (the order of the documents given). */
export interface EntryScores {
  /** Entries that share at least one term with the query. */
  owners: Int32Array;
  scores: Float64Array;
  coverage: Float64Array;
  entryCoverage: Float64Array;
  similarity: Float64Array;
}

export class Bm25Retriever {
  private readonly ids: string[];
  private readonly bagWeight: number;
  private readonly maxWeight: number;
  private readonly answerWeight: number;
  private readonly terms = new Map<string, TermInfo>();
  private readonly questionOwner: Int32Array;
  /** Each question's IDF mass (its distinct terms), for the similarity. */
  private readonly questionMass: Float64Array;
  private readonly scratch: Scratch;
  private readonly maxIdf: number;

  constructor(
    entries: readonly RetrievalDoc[],
    readonly tokenizer: Tokenizer,
    options: RetrieverOptions = {},
  ) {
    const k1 = options.k1 ?? 1.2;
    const b = options.b ?? 0.75;
    this.answerWeight = options.answerWeight ?? 0.3;
    this.bagWeight = options.bagWeight ?? 0;
    this.maxWeight = options.maxWeight ?? 1;
    this.ids = entries.map((e) => e.id);
    const qDocs: Array<{ owner: number; tokens: string[] }> = [];
    const aDocs: Array<{ owner: number; tokens: string[] }> = [];
    const bDocs: Array<{ owner: number; tokens: string[] }> = [];
    /** Entries' document frequencies (a term in 5 alternates of one entry counts once). */
    const entryDf = new Map<string, number>();
    const entryLists = new Map<string, number[]>();
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
      for (const t of seen) entryDf.set(t, (entryDf.get(t) ?? 0) + 1);
      for (const t of new Set([...seen, ...answerTokens])) {
        const list = entryLists.get(t) ?? [];
        list.push(owner);
        entryLists.set(t, list);
      }
    });
    const questions = fieldDocs(qDocs, k1, b);
    const q = postingsOf(questions, k1);
    const a = postingsOf(fieldDocs(aDocs, k1, b), k1);
    const bags = postingsOf(fieldDocs(bDocs, k1, b), k1);
    this.questionOwner = questions.owner;
    const n = this.ids.length;
    const idfOf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    this.maxIdf = idfOf(0);
    for (const [t, owners] of entryLists) {
      const info: TermInfo = { idf: idfOf(entryDf.get(t) ?? 0), entries: Int32Array.from(owners) };
      const pq = q.get(t);
      const pa = a.get(t);
      const pb = bags.get(t);
      if (pq) info.questions = pq;
      if (pa) info.answers = pa;
      if (pb) info.bags = pb;
      this.terms.set(t, info);
    }
    this.questionMass = Float64Array.from(qDocs, (d) => {
      let mass = 0;
      for (const t of new Set(d.tokens)) mass += idfOf(entryDf.get(t) ?? 0);
      return mass;
    });
    this.scratch = new Scratch(qDocs.length, n);
  }

  get size(): number {
    return this.ids.length;
  }

  idAt(index: number): string {
    return this.ids[index]!;
  }

  /** IDF over entries; a term no entry uses gets the highest value. */
  idf(term: string): number {
    return this.terms.get(term)?.idf ?? this.maxIdf;
  }

  /**
   * Scores every entry sharing a term with the query: the best single question (max-pooled BM25),
   * the bag of all its questions and its answer, plus the coverages. One pass over the postings,
   * into preallocated buffers.
   */
  scoreEntries(tokens: readonly string[]): EntryScores {
    const s = this.scratch;
    const infos: TermInfo[] = [];
    let totalWeight = 0;
    const unique = new Set(tokens);
    for (const t of unique) {
      const info = this.terms.get(t);
      totalWeight += info?.idf ?? this.maxIdf;
      if (info) infos.push(info);
    }
    if (unique.size === 0) return { owners: new Int32Array(0), scores: new Float64Array(0), coverage: new Float64Array(0), entryCoverage: new Float64Array(0), similarity: new Float64Array(0) };
    let touchedDocs = 0;
    for (const info of infos) {
      const w = info.idf;
      const pq = info.questions;
      if (pq) {
        for (let i = 0; i < pq.docs.length; i++) {
          const doc = pq.docs[i]!;
          if (s.docScore[doc] === 0 && s.docMatched[doc] === 0) s.touchedDocs[touchedDocs++] = doc;
          s.docScore[doc] = s.docScore[doc]! + w * pq.factors[i]!;
          s.docMatched[doc] = s.docMatched[doc]! + w;
        }
      }
      const pa = info.answers;
      if (pa) {
        for (let i = 0; i < pa.docs.length; i++) {
          s.touch(pa.docs[i]!);
          s.answer[pa.docs[i]!] = s.answer[pa.docs[i]!]! + w * pa.factors[i]!;
        }
      }
      const pb = this.bagWeight > 0 ? info.bags : undefined;
      if (pb) for (let i = 0; i < pb.docs.length; i++) s.bag[pb.docs[i]!] = s.bag[pb.docs[i]!]! + w * pb.factors[i]!;
      for (let i = 0; i < info.entries.length; i++) s.inEntry[info.entries[i]!] = s.inEntry[info.entries[i]!]! + w;
    }
    for (let i = 0; i < touchedDocs; i++) {
      const doc = s.touchedDocs[i]!;
      const owner = this.questionOwner[doc]!;
      const score = s.docScore[doc]!;
      s.touch(owner);
      const similarity = (2 * s.docMatched[doc]!) / (totalWeight + this.questionMass[doc]!);
      if (similarity > s.bestSimilarity[owner]!) s.bestSimilarity[owner] = similarity;
      if (score > s.best[owner]! || (score === s.best[owner]! && s.docMatched[doc]! > s.bestMatched[owner]!)) {
        s.best[owner] = score;
        s.bestMatched[owner] = s.docMatched[doc]!;
      }
      s.docScore[doc] = 0;
      s.docMatched[doc] = 0;
    }
    const count = s.touchedCount;
    const out: EntryScores = {
      owners: s.touched.slice(0, count),
      scores: new Float64Array(count),
      coverage: new Float64Array(count),
      entryCoverage: new Float64Array(count),
      similarity: new Float64Array(count),
    };
    for (let i = 0; i < count; i++) {
      const o = s.touched[i]!;
      out.scores[i] = this.maxWeight * s.best[o]! + this.bagWeight * s.bag[o]! + this.answerWeight * s.answer[o]!;
      out.coverage[i] = s.bestMatched[o]! / totalWeight;
      out.entryCoverage[i] = s.inEntry[o]! / totalWeight;
      out.similarity[i] = s.bestSimilarity[o]!;
    }
    s.reset();
    return out;
  }

  searchTokens(tokens: readonly string[], k: number): RetrievalHit[] {
    const e = this.scoreEntries(tokens);
    const order = Array.from(e.owners.keys());
    order.sort((x, y) => e.scores[y]! - e.scores[x]! || e.coverage[y]! - e.coverage[x]!);
    return order.slice(0, k).map((i) => ({ id: this.ids[e.owners[i]!]!, score: e.scores[i]!, coverage: e.coverage[i]!, entryCoverage: e.entryCoverage[i]!, similarity: e.similarity[i]! }));
  }

  search(text: string, k: number): RetrievalHit[] {
    return this.searchTokens(this.tokenizer.tokenize(text), k);
  }
}
