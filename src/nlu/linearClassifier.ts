import { softmaxInPlace } from './entryClassifier';
import type { RetrievalDoc } from './retriever';
import type { Tokenizer } from './types';
import { seededRandom } from './random';

/**
 * A softmax (multinomial logistic regression) classifier over the FAQ entries, trained at start by
 * a few passes of stochastic gradient descent over the entries' questions, alternates and answers
 * (binary features: the tokenizer's terms). Naive Bayes counts how often each entry uses a term;
 * this one learns which terms tell an entry from the ones it is confused with: a term common to
 * 驾驶证丢了 and 驾驶证被扣 gets little weight, 丢 versus 扣 gets much. It is the third voice of the
 * ranker's fusion (see FaqRanker).
 *
 * Training is the cost of start-up, so each example is contrasted with its hardest rivals only:
 * the `negatives.count` entries a cheaper model (naive Bayes) ranks highest for it, plus its own
 * (sampled softmax). That is what the classifier is for (telling apart entries that look alike)
 * and it is about ten times cheaper than the full softmax at the same cross-validated accuracy.
 * At query time the posterior covers every entry.
 *
 * Deterministic: the example order comes from a seeded generator, so the same knowledge base
 * always gives the same model. Weights are feature-major (one row of class weights per term).
 */
export interface LinearClassifierOptions {
  /** Passes over the examples (early stopping stands in for regularisation). */
  epochs?: number;
  /** Learning rate of the first pass; pass k uses rate / (1 + k). */
  rate?: number;
  /** Train on each entry's answer as one more example. */
  answers?: boolean;
  seed?: number;
  /** Extra features built from the tokens (English word pairs), used in training and at query time. */
  expand?: (tokens: readonly string[]) => string[];
  /** Contrast each example with the `count` classes `rank` scores highest (default: all classes). */
  negatives?: { count: number; rank: (tokens: readonly string[]) => ArrayLike<number> };
}

interface Example {
  features: Int32Array;
  label: number;
  /** The classes this example's softmax runs over (its own among them). */
  candidates: Int32Array;
}

/** The `count` highest-scoring classes (ties to the lower index), the label always among them. */
function topClasses(scores: ArrayLike<number>, count: number, label: number): Int32Array {
  const k = Math.min(count, scores.length);
  const top = new Int32Array(k);
  let filled = 0;
  // Insertion into a short sorted list: one pass over the classes, no sort of all of them.
  for (let c = 0; c < scores.length; c++) {
    const v = scores[c]!;
    if (filled === k && v <= scores[top[k - 1]!]!) continue;
    let i = filled < k ? filled++ : k - 1;
    while (i > 0 && scores[top[i - 1]!]! < v) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = c;
  }
  if (!top.includes(label)) top[k - 1] = label;
  return top;
}

export class LinearClassifier {
  private readonly index = new Map<string, number>();
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  private readonly classes: number;
  private readonly expand?: (tokens: readonly string[]) => string[];

  constructor(docs: readonly RetrievalDoc[], readonly tokenizer: Tokenizer, options: LinearClassifierOptions = {}) {
    const epochs = options.epochs ?? 2;
    const rate = options.rate ?? 1;
    this.classes = docs.length;
    if (options.expand) this.expand = options.expand;
    const examples: Example[] = [];
    const all = Int32Array.from({ length: this.classes }, (_, c) => c);
    const rivals = options.negatives;
    docs.forEach((doc, label) => {
      const texts = options.answers !== false && doc.body !== undefined ? [...doc.questions, doc.body] : doc.questions;
      for (const text of texts) {
        const tokens = tokenizer.tokenize(text);
        const candidates = rivals ? topClasses(rivals.rank(tokens), rivals.count, label) : all;
        examples.push({ features: this.features(tokens, true), label, candidates });
      }
    });
    this.weights = new Float32Array(this.index.size * this.classes);
    this.bias = new Float32Array(this.classes);
    this.train(examples, epochs, rate, options.seed ?? 1);
  }

  get size(): number {
    return this.classes;
  }

  private features(tokens: readonly string[], grow: boolean): Int32Array {
    const out: number[] = [];
    for (const t of new Set(this.expand ? [...tokens, ...this.expand(tokens)] : tokens)) {
      let i = this.index.get(t);
      if (i === undefined && grow) {
        i = this.index.size;
        this.index.set(t, i);
      }
      if (i !== undefined) out.push(i);
    }
    return Int32Array.from(out);
  }

  /** Class scores (logits) of a feature set into `out`; returns the largest. */
  private logits(features: Int32Array, out: Float64Array): number {
    const C = this.classes;
    const w = this.weights;
    out.set(this.bias);
    for (let i = 0; i < features.length; i++) {
      const row = features[i]! * C;
      for (let c = 0; c < C; c++) out[c] += w[row + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (out[c]! > max) max = out[c]!;
    return max;
  }

  private train(examples: readonly Example[], epochs: number, rate: number, seed: number): void {
    const C = this.classes;
    const w = this.weights;
    const p = new Float64Array(C);
    const grad = new Float64Array(C);
    const which = new Int32Array(C);
    const order = examples.map((_, i) => i);
    const random = seededRandom(seed);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      const lr = rate / (1 + epoch);
      for (const k of order) {
        const { features, label, candidates } = examples[k]!;
        const K = candidates.length;
        for (let j = 0; j < K; j++) p[j] = this.bias[candidates[j]!]!;
        for (let i = 0; i < features.length; i++) {
          const row = features[i]! * C;
          for (let j = 0; j < K; j++) p[j] += w[row + candidates[j]!]!;
        }
        let max = -Infinity;
        for (let j = 0; j < K; j++) if (p[j]! > max) max = p[j]!;
        let sum = 0;
        for (let j = 0; j < K; j++) {
          p[j] = Math.exp(p[j]! - max);
          sum += p[j]!;
        }
        // Longer texts spread the step over more features, so every example weighs about the same.
        const step = lr / Math.sqrt(Math.max(1, features.length));
        // The gradient of the log-loss per class; classes the model already rules out are skipped.
        let touched = 0;
        for (let j = 0; j < K; j++) {
          const c = candidates[j]!;
          const g = p[j]! / sum - (c === label ? 1 : 0);
          if (g > -1e-4 && g < 1e-4) continue;
          this.bias[c] = this.bias[c]! - lr * 0.1 * g;
          grad[touched] = step * g;
          which[touched++] = c;
        }
        for (let i = 0; i < features.length; i++) {
          const row = features[i]! * C;
          for (let t = 0; t < touched; t++) w[row + which[t]!] -= grad[t]!;
        }
      }
    }
  }

  /** Posterior probabilities of the entries (softmax of the logits at a temperature), indexed like the documents. */
  posteriors(tokens: readonly string[], temperature = 1): Float64Array {
    const p = new Float64Array(this.classes);
    this.logits(this.features(tokens, false), p);
    return softmaxInPlace(p, temperature);
  }
}
