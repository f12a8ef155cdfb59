import type { RetrievalDoc } from './retriever';
import type { Tokenizer } from './types';

/**
 * A multinomial naive Bayes classifier over the FAQ entries: each entry is a class, its main
 * question and alternates are the training examples (term counts binarised per example), its
 * answer adds its terms at a lower weight. Where BM25 asks "which single question looks most
 * like the message", this asks "which entry's way of asking explains the message best", so a
 * term that occurs in many of one entry's alternates (丢, 过期一年) and in few of its neighbours'
 * pulls towards that entry. Training is counting: a few milliseconds for a few hundred entries.
 */
export interface EntryClassifierOptions {
  /** Additive smoothing. */
  alpha?: number;
  /** Weight of the answer's terms relative to one question. */
  bodyWeight?: number;
}

export class EntryClassifier {
  private readonly ids: string[];
  /** term -> the classes using it and each one's log((count + alpha) / alpha) */
  private readonly postings = new Map<string, { classes: Int32Array; gains: Float64Array }>();
  /** per class: log(alpha / (total_c + alpha * V)), the score of an unseen vocabulary term */
  private readonly unseen: Float64Array;
  private readonly alpha: number;

  constructor(
    docs: readonly RetrievalDoc[],
    readonly tokenizer: Tokenizer,
    options: EntryClassifierOptions = {},
  ) {
    this.alpha = options.alpha ?? 0.1;
    const bodyWeight = options.bodyWeight ?? 0.3;
    this.ids = docs.map((d) => d.id);
    const counts: Array<Map<string, number>> = [];
    const totals: number[] = [];
    docs.forEach((doc) => {
      const c = new Map<string, number>();
      let total = 0;
      const add = (text: string, w: number): void => {
        for (const t of new Set(tokenizer.tokenize(text))) {
          c.set(t, (c.get(t) ?? 0) + w);
          total += w;
        }
      };
      for (const q of doc.questions) add(q, 1);
      if (doc.body !== undefined && bodyWeight > 0) add(doc.body, bodyWeight);
      counts.push(c);
      totals.push(total);
    });
    const lists = new Map<string, Array<[number, number]>>();
    counts.forEach((c, cls) => {
      for (const [t, n] of c) {
        const list = lists.get(t) ?? [];
        list.push([cls, n]);
        lists.set(t, list);
      }
    });
    for (const [t, list] of lists) {
      this.postings.set(t, {
        classes: Int32Array.from(list, ([c]) => c),
        gains: Float64Array.from(list, ([, n]) => Math.log((n + this.alpha) / this.alpha)),
      });
    }
    const v = this.postings.size;
    this.unseen = Float64Array.from(totals, (total) => Math.log(this.alpha / (total + this.alpha * v)));
  }

  get size(): number {
    return this.ids.length;
  }

  idAt(index: number): string {
    return this.ids[index]!;
  }

  /**
   * Log-likelihood of the message's known terms under each entry (uniform prior), indexed like
   * the documents. Terms no entry uses are skipped (they say nothing about which entry). `into`, when
   * given, is filled and returned instead of a new array (callers scoring thousands of texts).
   */
  logLikelihoods(tokens: readonly string[], into?: Float64Array): Float64Array {
    const scores = into ? into.fill(0) : new Float64Array(this.ids.length);
    let known = 0;
    for (const t of new Set(tokens)) {
      const list = this.postings.get(t);
      if (!list) continue;
      known++;
      for (let i = 0; i < list.classes.length; i++) scores[list.classes[i]!] += list.gains[i]!;
    }
    for (let c = 0; c < scores.length; c++) scores[c] += known * this.unseen[c]!;
    return scores;
  }

  /** Posterior probabilities (softmax of the log-likelihoods at a temperature). */
  posteriors(tokens: readonly string[], temperature = 1): Float64Array {
    return softmaxInPlace(this.logLikelihoods(tokens), temperature);
  }
}

/** Turns scores into probabilities in place: softmax at a temperature (higher = flatter). */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const x of scores) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = Math.exp((scores[i]! - max) / temperature);
    sum += scores[i]!;
  }
  for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! / sum;
  return scores;
}
