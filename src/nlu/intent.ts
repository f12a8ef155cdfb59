import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import { z } from 'zod';
import type { FaqEntry, Locale } from '../knowledge/faq';
import { gateSchema } from './gate';
import { Bm25Retriever } from './retriever';
import { basicClean } from './synonyms';
import { INTENTS, type Intent, type Tokenizer } from './types';

const intentSchema = z.enum(INTENTS);
const trainingSchema = z.object({
  note: z.string().optional(),
  examples: z.partialRecord(intentSchema, z.array(z.string().min(1)).min(5)),
  rules: z.partialRecord(intentSchema, z.array(z.string().min(1))).default({}),
  gate: gateSchema.default({ strong: [], weak: [], question: [], notHandoff: [] }),
});
export type IntentTraining = z.infer<typeof trainingSchema>;

export function loadIntentTraining(locale: Locale, dir: string): IntentTraining {
  const file = path.join(dir, `intents.${locale}.json`);
  const parsed = trainingSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const patternLists: Array<[string, readonly string[]]> = [
    ...Object.entries(parsed.data.rules).map(([intent, list]): [string, readonly string[]] => [`rules.${intent}`, list ?? []]),
    ...Object.entries(parsed.data.gate).map(([kind, list]): [string, readonly string[]] => [`gate.${kind}`, list]),
  ];
  for (const [where, patterns] of patternLists) {
    for (const p of patterns) {
      try {
        new RegExp(p, 'u');
      } catch (err) {
        throw new Error(`${file}: ${where}: invalid pattern ${p} (${(err as Error).message})`);
      }
    }
  }
  return parsed.data;
}

export interface IntentScores {
  /** Normalised posterior per intent, highest first. */
  ranked: Array<{ intent: Intent; p: number }>;
  /** The intent a whole-message rule fired for, if any. */
  rule?: Intent;
  /**
   * Per non-FAQ intent: the coverage (0..1) of the message by that intent's closest training
   * example. The Bayes posterior says which intent is likeliest; this says whether the message
   * resembles that intent's examples at all (Bayes alone sends unknown words to small classes).
   */
  support: ReadonlyMap<Intent, number>;
  /** Per non-FAQ intent: the similarity (see RetrievalHit.similarity) of its closest training example. */
  similarity: ReadonlyMap<Intent, number>;
}

/**
 * natural's BayesClassifier with the same model and the same numbers, built faster: natural turns
 * each document into a 0/1 vector over the vocabulary by enumerating its feature object and testing
 * every word with observation.indexOf, which made training grow with the square of the examples
 * (280 ms at start for 500 Chinese out-of-scope examples). Here the vocabulary is listed once and
 * a document's words are looked up in a set.
 */
class SetLookupBayes extends BayesClassifier {
  private vocabulary?: string[];

  override addDocument(text: string | string[], classification: string): void {
    super.addDocument(text, classification);
    this.vocabulary = undefined;
  }

  override textToFeatures(observation: string | string[]): number[] {
    const present = new Set(typeof observation === 'string' ? this.stemmer.tokenizeAndStem(observation) : observation);
    // Object.keys lists keys in the order a for...in over the same object does, natural's order.
    this.vocabulary ??= Object.keys(this.features);
    const features = new Array<number>(this.vocabulary.length);
    for (let i = 0; i < this.vocabulary.length; i++) features[i] = present.has(this.vocabulary[i]!) ? 1 : 0;
    return features;
  }
}

/**
 * Whole-message rules (转人工, 谢谢, hello) first, then natural's BayesClassifier on token arrays.
 * FAQ questions (main question and alternates) are the training examples of the `faq` class.
 */
export class IntentClassifier {
  private readonly bayes = new SetLookupBayes();
  private readonly rules: Array<{ intent: Intent; pattern: RegExp }> = [];
  private readonly examples: Bm25Retriever;

  constructor(
    training: IntentTraining,
    faqEntries: readonly FaqEntry[],
    private readonly tokenizer: Tokenizer,
    /** Tokens for the example index (content words; defaults to the classifier's tokens). */
    private readonly supportTokenizer: Tokenizer = tokenizer,
  ) {
    for (const [intent, examples] of Object.entries(training.examples) as Array<[Intent, string[]]>) {
      for (const text of examples) this.add(text, intent);
    }
    // The FAQ questions are not a Bayes class: natural's Bayes multiplies per-class feature
    // frequencies, so one class 30 times larger than the others never wins (measured). FAQ vs the
    // rest is decided by retrieval; the FAQ questions only serve as negative evidence for support.
    void faqEntries;
    this.bayes.train();
    const docs = (Object.entries(training.examples) as Array<[Intent, string[]]>).map(([intent, questions]) => ({ id: intent, questions }));
    this.examples = new Bm25Retriever(docs, supportTokenizer);
    for (const [intent, patterns] of Object.entries(training.rules) as Array<[Intent, string[]]>) {
      for (const p of patterns) this.rules.push({ intent, pattern: new RegExp(p, 'u') });
    }
  }

  private add(text: string, intent: Intent): void {
    const tokens = this.tokenizer.tokenize(text);
    if (tokens.length > 0) this.bayes.addDocument(tokens, intent);
  }

  ruleFor(text: string): Intent | undefined {
    const clean = basicClean(text);
    return this.rules.find((r) => r.pattern.test(clean))?.intent;
  }

  /**
   * @param supportTokens the text already cut by the support tokenizer, when the caller has them
   * (understand() has: they are the retrieval tokens), so the message is not cut twice.
   */
  classify(text: string, supportTokens?: readonly string[]): IntentScores {
    const tokens = this.tokenizer.tokenize(text);
    const raw = tokens.length > 0 ? this.bayes.getClassifications(tokens) : [];
    const total = raw.reduce((sum, c) => sum + c.value, 0);
    const ranked =
      total > 0
        ? raw.map((c) => ({ intent: intentSchema.parse(c.label), p: c.value / total }))
        : [{ intent: 'out_of_scope' as const, p: 1 }];
    const support = new Map<Intent, number>();
    const similarity = new Map<Intent, number>();
    for (const hit of this.examples.searchTokens(supportTokens ?? this.supportTokenizer.tokenize(text), INTENTS.length)) {
      support.set(intentSchema.parse(hit.id), hit.coverage);
      similarity.set(intentSchema.parse(hit.id), hit.similarity);
    }
    const rule = this.ruleFor(text);
    return rule ? { ranked, rule, support, similarity } : { ranked, support, similarity };
  }
}
