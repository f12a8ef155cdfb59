import { createFaqKnowledgeBase, LOCALES, type FaqEntry, type FaqKnowledgeBase, type Locale } from '../knowledge/faq';
import type { Nlu } from './index';

/**
 * Cross-validation on the knowledge base's own alternates: in fold f, every entry keeps its main
 * question and the alternates whose index modulo `folds` is not f; the held-out alternates are the
 * queries. Ranking only (searchFaq, no bands), so it measures how well the ranker generalises to
 * new wordings without looking at the dev set.
 */
export interface CrossValidationResult {
  locale: Locale;
  queries: number;
  top1: number;
  top3: number;
}

/** Called for every held-out alternate with the ids ranked first (for confusion reports). */
export type CrossValidationObserver = (locale: Locale, entryId: string, alternate: string, ranked: string[]) => void;

/** The knowledge base of fold f: every entry without the alternates whose index modulo `folds` is f. */
function trainingFold(kb: FaqKnowledgeBase, folds: number, f: number): FaqKnowledgeBase {
  const keep = (e: FaqEntry): FaqEntry => ({ ...e, alternates: e.alternates.filter((_, i) => i % folds !== f) });
  return createFaqKnowledgeBase({ 'zh-CN': kb.entries('zh-CN').map(keep), en: kb.entries('en').map(keep) });
}

export function crossValidate(
  kb: FaqKnowledgeBase,
  build: (kb: FaqKnowledgeBase) => Nlu,
  folds = 4,
  observe?: CrossValidationObserver,
): CrossValidationResult[] {
  const totals = new Map<Locale, { n: number; top1: number; top3: number }>(LOCALES.map((l) => [l, { n: 0, top1: 0, top3: 0 }]));
  for (let f = 0; f < folds; f++) {
    const train = trainingFold(kb, folds, f);
    const nlu = build(train);
    for (const locale of LOCALES) {
      const t = totals.get(locale)!;
      for (const entry of kb.entries(locale)) {
        entry.alternates.forEach((alt, i) => {
          if (i % folds !== f) return;
          const ids = nlu.searchFaq(alt, locale, 3).map((c) => c.id);
          observe?.(locale, entry.id, alt, ids);
          t.n++;
          if (ids[0] === entry.id) t.top1++;
          if (ids.includes(entry.id)) t.top3++;
        });
      }
    }
  }
  return LOCALES.map((locale) => {
    const t = totals.get(locale)!;
    return { locale, queries: t.n, top1: t.n === 0 ? 0 : t.top1 / t.n, top3: t.n === 0 ? 0 : t.top3 / t.n };
  });
}

/**
 * The whole understanding path on held-out data, bands and rejection included: in fold f the
 * alternates AND the out-of-scope training examples whose index modulo `folds` is f are held out.
 * The dev set's out-of-scope lines were written next to the training examples and flatter the
 * rejection; held-out examples show how it does on messages unlike any it has seen.
 */
export interface GateCrossValidationResult {
  locale: Locale;
  alternates: number;
  /** Held-out alternates routed to the FAQ with their own entry first. */
  answeredRight: number;
  /** Held-out alternates rejected as out of scope. */
  wronglyRejected: number;
  outOfScope: number;
  /** Held-out out-of-scope examples rejected. */
  rejected: number;
  /** Held-out out-of-scope examples answered with confidence (the answer band). */
  answered: number;
}

export function crossValidateGate(
  kb: FaqKnowledgeBase,
  outOfScope: Readonly<Record<Locale, readonly string[]>>,
  build: (kb: FaqKnowledgeBase, keepOutOfScope: (locale: Locale, index: number) => boolean) => Nlu,
  folds = 4,
): GateCrossValidationResult[] {
  const totals = new Map<Locale, GateCrossValidationResult>(
    LOCALES.map((locale) => [locale, { locale, alternates: 0, answeredRight: 0, wronglyRejected: 0, outOfScope: 0, rejected: 0, answered: 0 }]),
  );
  for (let f = 0; f < folds; f++) {
    const train = trainingFold(kb, folds, f);
    const nlu = build(train, (_, i) => i % folds !== f);
    for (const locale of LOCALES) {
      const t = totals.get(locale)!;
      for (const entry of kb.entries(locale)) {
        entry.alternates.forEach((alt, i) => {
          if (i % folds !== f) return;
          const u = nlu.understand(alt, locale);
          t.alternates++;
          if (u.intent === 'out_of_scope') t.wronglyRejected++;
          else if (u.intent === 'faq' && u.faq.candidates[0]?.id === entry.id) t.answeredRight++;
        });
      }
      outOfScope[locale].forEach((text, i) => {
        if (i % folds !== f) return;
        const u = nlu.understand(text, locale);
        t.outOfScope++;
        if (u.intent === 'out_of_scope') t.rejected++;
        else if (u.intent === 'faq' && u.faq.band === 'answer') t.answered++;
      });
    }
  }
  return LOCALES.map((locale) => totals.get(locale)!);
}
