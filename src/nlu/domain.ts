import type { RetrievalDoc } from './retriever';
import type { Tokenizer } from './types';

/**
 * Which index terms say "this is about traffic management", learnt from the data rather than
 * listed by hand: a term is domain-distinctive when the knowledge base's questions use it in a
 * fair share of their entries and the out-of-scope training examples (which stand for everyday
 * language: hotels, trains, banking, weather) use it rarely or never. "licence", "plate", 驾驶证,
 * 罚款 qualify; "check", "get", "card", 怎么 do not once the out-of-scope examples use them.
 *
 * The weight of a term is the log ratio of its smoothed document frequencies, KB entries
 * (questions and alternates only: answers are long and full of generic words) over out-of-scope
 * examples. A term is distinctive when it appears in at least `minEntries` entries and its
 * weight reaches `minLogRatio`.
 */
/** natural's Chinese stop list (function characters and words); the package types only the English one. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const chineseStopwords: readonly string[] = (require('natural/lib/natural/util/stopwords_zh') as { words: string[] }).words;
/** natural's English stop words, from their own file: the util index would load natural's storage plugins. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const englishStopwords: readonly string[] = (require('natural/lib/natural/util/stopwords') as { words: string[] }).words;

const HAN_CHAR = /^\p{Script=Han}+$/u;

export interface DomainLexiconOptions {
  /** Fewest KB entries whose questions use the term (rarer terms say too little). */
  minEntries?: number;
  /** Lowest log((kbDf + s) / (nKb + 1)) - log((oosDf + s) / (nOos + 1)) for a distinctive term. */
  minLogRatio?: number;
  /** Most out-of-scope examples that may use a distinctive term (everyday words turn up there). */
  maxOosExamples?: number;
  /** Additive smoothing of both document frequencies. */
  smoothing?: number;
  /**
   * Everyday function words (a general stop list) that are never distinctive, however the data
   * falls. A Chinese n-gram holding one of the list's single characters (是不, 有什, 么罚) is general
   * too: it spans a function word.
   */
  generalWords?: Iterable<string>;
  /**
   * Single characters of that list that still build domain words with their neighbour (年 in
   * 年检, 分 in 扣分, 小 in 小型车): only their lone unigram is general, not the n-grams they are in.
   */
  wordBuildingChars?: Iterable<string>;
}

export interface DomainEvidence {
  /** The message's distinctive terms, strongest first. */
  terms: string[];
  /** Sum of their weights (0 when there is none). */
  weight: number;
}

export class DomainLexicon {
  private readonly weights = new Map<string, number>();

  constructor(docs: readonly RetrievalDoc[], outOfScope: readonly string[], readonly tokenizer: Tokenizer, options: DomainLexiconOptions = {}) {
    const minEntries = options.minEntries ?? 3;
    const minLogRatio = options.minLogRatio ?? Math.log(8);
    const s = options.smoothing ?? 0.5;
    const maxOos = options.maxOosExamples ?? 0;
    const generalList = [...(options.generalWords ?? [])];
    const general = new Set<string>(generalList);
    for (const w of generalList) for (const t of tokenizer.tokenize(w)) general.add(t);
    const building = new Set(options.wordBuildingChars ?? []);
    const generalChars = new Set(generalList.filter((w) => HAN_CHAR.test(w) && [...w].length === 1 && !building.has(w)));
    const isGeneral = (t: string): boolean => general.has(t) || (HAN_CHAR.test(t) && [...t].some((c) => generalChars.has(c)));
    const kbDf = new Map<string, number>();
    for (const doc of docs) {
      const seen = new Set<string>();
      for (const q of doc.questions) for (const t of tokenizer.tokenize(q)) seen.add(t);
      for (const t of seen) kbDf.set(t, (kbDf.get(t) ?? 0) + 1);
    }
    const oosDf = new Map<string, number>();
    for (const text of outOfScope) for (const t of new Set(tokenizer.tokenize(text))) oosDf.set(t, (oosDf.get(t) ?? 0) + 1);
    const nKb = docs.length;
    const nOos = outOfScope.length;
    for (const [t, df] of kbDf) {
      const inOos = oosDf.get(t) ?? 0;
      if (df < minEntries || inOos > maxOos || isGeneral(t)) continue;
      const w = Math.log((df + s) / (nKb + 1)) - Math.log((inOos + s) / (nOos + 1));
      if (w >= minLogRatio) this.weights.set(t, w);
    }
  }

  get size(): number {
    return this.weights.size;
  }

  /** The weight of a term, or undefined when it is not distinctive. */
  weight(term: string): number | undefined {
    return this.weights.get(term);
  }

  evidenceTokens(tokens: readonly string[]): DomainEvidence {
    const found: Array<[string, number]> = [];
    for (const t of new Set(tokens)) {
      const w = this.weights.get(t);
      if (w !== undefined) found.push([t, w]);
    }
    found.sort((a, b) => b[1] - a[1]);
    return { terms: found.map(([t]) => t), weight: found.reduce((sum, [, w]) => sum + w, 0) };
  }

  evidence(text: string): DomainEvidence {
    return this.evidenceTokens(this.tokenizer.tokenize(text));
  }
}
