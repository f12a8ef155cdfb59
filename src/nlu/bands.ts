import type { RetrievalHit } from './retriever';
import type { FaqBand, FaqCandidate } from './types';

/**
 * Confidence bands over retrieval hits, on the BM25 ranking score (per locale: Chinese
 * character n-grams give larger sums than English stems). On the dev set the raw score separated
 * in-scope from out-of-scope messages far better than any normalised coverage.
 * - answer: the top score reaches `answer` and the runner-up is not close;
 * - clarify: the top score reaches `clarify` (or the runner-up is close): offer the top 3;
 * - none: nothing scores enough.
 * The score is the fused ranking score (BM25 + classifier, see ranker.ts). Thresholds were set on
 * the dev set with the 12+-alternate knowledge base: `clarify` keeps about 97% of in-scope
 * questions; `answer` keeps the answer band about 89-90% precise.
 */
export interface BandThresholds {
  answer: number;
  clarify: number;
  /** Runner-up's score over the top one's; at or above this the two are "close". */
  closeRatio: number;
  /** A top score at or above this answers even when the runner-up is close. */
  sure: number;
  /**
   * Short questions score low in BM25 even when they match an entry's question word for word:
   * a top hit whose best question covers at least this share of the message counts as reaching
   * `answer`, provided its score reaches half of `clarify` (so one shared word is not enough).
   */
  coverageFloor: number;
}

export const DEFAULT_BANDS: Record<'zh-CN' | 'en', BandThresholds> = {
  'zh-CN': { answer: 90, clarify: 58, closeRatio: 0.9, sure: 140, coverageFloor: 0.8 },
  en: { answer: 24, clarify: 15, closeRatio: 0.9, sure: 36, coverageFloor: 0.8 },
};

/** A 0..1 confidence: 0.6 at the answer threshold, 1 at 5/3 of it. */
export function confidenceOf(score: number, t: BandThresholds): number {
  return Math.min(1, (0.6 * score) / t.answer);
}

export interface BandDecision {
  band: FaqBand;
  confidence: number;
  candidates: FaqCandidate[];
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function decideBand(hits: readonly RetrievalHit[], t: BandThresholds): BandDecision {
  const candidates = hits.slice(0, 3).map((h) => ({ id: h.id, score: round(confidenceOf(h.score, t)) }));
  const top = hits[0];
  const confidence = top ? confidenceOf(top.score, t) : 0;
  if (!top) return { band: 'none', confidence, candidates };
  const covered = top.coverage >= t.coverageFloor && top.score >= t.clarify / 2;
  if (top.score < t.clarify && !covered) return { band: 'none', confidence, candidates };
  const second = hits[1];
  const close = second !== undefined && second.score >= t.closeRatio * top.score;
  if ((top.score >= t.answer || covered) && (!close || top.score >= t.sure)) return { band: 'answer', confidence: Math.max(confidence, covered ? 0.6 : 0), candidates };
  return { band: 'clarify', confidence, candidates };
}
