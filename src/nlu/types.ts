import type { Locale } from '../knowledge/faq';

export type { Locale };

export const INTENTS = [
  'faq',
  'violation_lookup',
  'points_lookup',
  'service',
  'handoff',
  'greeting',
  'thanks',
  'out_of_scope',
] as const;
export type Intent = (typeof INTENTS)[number];

export type FaqBand = 'answer' | 'clarify' | 'none';

export interface FaqCandidate {
  id: string;
  score: number;
}

export interface Understanding {
  intent: Intent;
  /** 0..1: how sure the routing is (for faq, the confidence of the top candidate). */
  confidence: number;
  faq: { band: FaqBand; candidates: FaqCandidate[] };
  entities: { plate?: string; date?: string; phone?: string };
}

/** Turns a message into index terms; the same instance serves indexing and queries. */
export interface Tokenizer {
  readonly name: string;
  tokenize(text: string): string[];
}
