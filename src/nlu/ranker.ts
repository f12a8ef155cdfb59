import { EntryClassifier, type EntryClassifierOptions } from './entryClassifier';
import { LinearClassifier, type LinearClassifierOptions } from './linearClassifier';
import { Bm25Retriever, type RetrievalDoc, type RetrievalHit, type RetrieverOptions } from './retriever';
import type { Tokenizer } from './types';

/**
 * FAQ ranking: BM25 (best single question + the entry's bag of questions + its answer) fused with
 * two entry classifiers, naive Bayes and a softmax regression. The fused score stays on the BM25
 * scale so the bands keep one meaning:
 *   score = bm25 + weight * topBm25 * posteriorNB + linear.weight * topBm25 * posteriorLinear,
 * each posterior a softmax at its own temperature. A confident classifier can lift an entry ranked
 * second or third by BM25 past the first; when both are unsure (flat posteriors) BM25's order stands.
 * Weights, temperatures and training settings were chosen by cross-validation on the knowledge
 * base's own alternates (4 folds, each alternate held out once) and checked on the dev set.
 */
export interface RankerOptions {
  retriever?: RetrieverOptions;
  classifier?: EntryClassifierOptions;
  /** Weight of the naive Bayes posterior (0 = BM25 alone). */
  weight?: number;
  temperature?: number;
  /** The softmax regression's share of the fusion (absent or weight 0: not trained at all). */
  linear?: LinearClassifierOptions & { weight: number; temperature: number };
}

export class FaqRanker {
  readonly bm25: Bm25Retriever;
  private readonly classifier: EntryClassifier;
  private readonly weight: number;
  private readonly temperature: number;
  private readonly linear?: { model: LinearClassifier; weight: number; temperature: number };

  constructor(docs: readonly RetrievalDoc[], readonly tokenizer: Tokenizer, options: RankerOptions = {}) {
    this.bm25 = new Bm25Retriever(docs, tokenizer, options.retriever);
    this.classifier = new EntryClassifier(docs, tokenizer, options.classifier);
    this.weight = options.weight ?? 1;
    this.temperature = options.temperature ?? 5;
    const linear = options.linear;
    if (linear && linear.weight > 0) {
      // Naive Bayes picks each training example's hardest rivals for the regression (see LinearClassifier).
      const scratch = new Float64Array(this.classifier.size);
      const negatives = linear.negatives ?? { count: 20, rank: (tokens: readonly string[]) => this.classifier.logLikelihoods(tokens, scratch) };
      this.linear = { model: new LinearClassifier(docs, tokenizer, { ...linear, negatives }), weight: linear.weight, temperature: linear.temperature };
    }
  }

  search(text: string, k: number): RetrievalHit[] {
    return this.searchTokens(this.tokenizer.tokenize(text), k);
  }

  /** The same ranking for a message tokenised once by the caller (with this ranker's tokenizer). */
  searchTokens(tokens: readonly string[], k: number): RetrievalHit[] {
    if (this.weight <= 0 && !this.linear) return this.bm25.searchTokens(tokens, k);
    const e = this.bm25.scoreEntries(tokens);
    const n = e.owners.length;
    if (n === 0) return [];
    let top = -Infinity;
    for (let i = 0; i < n; i++) if (e.scores[i]! > top) top = e.scores[i]!;
    // The classifiers were built from the same documents in the same order: entry index = class index.
    const posterior = this.classifier.posteriors(tokens, this.temperature);
    const linear = this.linear ? this.linear.model.posteriors(tokens, this.linear.temperature) : undefined;
    const linearWeight = this.linear?.weight ?? 0;
    const fused = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const o = e.owners[i]!;
      fused[i] = e.scores[i]! + top * (this.weight * posterior[o]! + (linear ? linearWeight * linear[o]! : 0));
    }
    const order = Array.from(e.owners.keys());
    order.sort((x, y) => fused[y]! - fused[x]! || e.coverage[y]! - e.coverage[x]!);
    return order.slice(0, k).map((i) => ({ id: this.bm25.idAt(e.owners[i]!), score: fused[i]!, coverage: e.coverage[i]!, entryCoverage: e.entryCoverage[i]!, similarity: e.similarity[i]! }));
  }
}
