import { EntryClassifier, type EntryClassifierOptions } from './entryClassifier';
import { Bm25Retriever, type RetrievalDoc, type RetrievalHit, type RetrieverOptions } from './retriever';
import type { Tokenizer } from './types';

/**
 * FAQ ranking: BM25 (best single question + the entry's bag of questions + its answer) fused with
 * a naive Bayes entry classifier. The fused score stays on the BM25 scale so the bands keep one
 * meaning: score = bm25 + weight * topBm25 * posterior, where posterior is the classifier's
 * softmax at `temperature`. A confident classifier can lift an entry ranked second or third by
 * BM25 past the first; when it is unsure (flat posterior) BM25's order stands.
 * Weight and temperature were chosen by cross-validation on the knowledge base's own alternates
 * (4 folds, each alternate held out once) and checked on the dev set.
 */
export interface RankerOptions {
  retriever?: RetrieverOptions;
  classifier?: EntryClassifierOptions;
  /** Weight of the classifier's posterior (0 = BM25 alone). */
  weight?: number;
  temperature?: number;
}

export class FaqRanker {
  readonly bm25: Bm25Retriever;
  private readonly classifier: EntryClassifier;
  private readonly weight: number;
  private readonly temperature: number;

  constructor(docs: readonly RetrievalDoc[], readonly tokenizer: Tokenizer, options: RankerOptions = {}) {
    this.bm25 = new Bm25Retriever(docs, tokenizer, options.retriever);
    this.classifier = new EntryClassifier(docs, tokenizer, options.classifier);
    this.weight = options.weight ?? 1;
    this.temperature = options.temperature ?? 5;
  }

  search(text: string, k: number): RetrievalHit[] {
    return this.searchTokens(this.tokenizer.tokenize(text), k);
  }

  /** The same ranking for a message tokenised once by the caller (with this ranker's tokenizer). */
  searchTokens(tokens: readonly string[], k: number): RetrievalHit[] {
    if (this.weight <= 0) return this.bm25.searchTokens(tokens, k);
    const e = this.bm25.scoreEntries(tokens);
    const n = e.owners.length;
    if (n === 0) return [];
    let top = -Infinity;
    for (let i = 0; i < n; i++) if (e.scores[i]! > top) top = e.scores[i]!;
    // The classifier was built from the same documents in the same order: entry index = class index.
    const posterior = this.classifier.posteriors(tokens, this.temperature);
    const fused = new Float64Array(n);
    for (let i = 0; i < n; i++) fused[i] = e.scores[i]! + this.weight * top * posterior[e.owners[i]!]!;
    const order = Array.from(e.owners.keys());
    order.sort((x, y) => fused[y]! - fused[x]! || e.coverage[y]! - e.coverage[x]!);
    return order.slice(0, k).map((i) => ({ id: this.bm25.idAt(e.owners[i]!), score: fused[i]!, coverage: e.coverage[i]!, entryCoverage: e.entryCoverage[i]! }));
  }
}
