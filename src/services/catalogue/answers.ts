import type { FactValue, Question } from '../../knowledge/services';
import type { Locale } from '../../knowledge/faq';
import { daysBetween, isIsoDate } from './dates';
import answerWords from '../../../data/answer-words.json';

/**
 * Typed answers to a walkthrough question. Choice indexes are 1-based, matching the numbered
 * list shown to the driver. Dates arrive already parsed (the dialog uses the NLU date parser).
 */
export type AnswerInput =
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'choice'; index: number }
  | { kind: 'date'; date: string }
  | { kind: 'number'; value: number };

export type AnswerError =
  | 'wrong-kind'
  | 'choice-out-of-range'
  | 'invalid-date'
  | 'date-after-today'
  | 'date-before-today'
  | 'not-a-number'
  | 'not-integer'
  | 'below-min'
  | 'above-max';

export type Validation = { ok: true; value: FactValue } | { ok: false; error: AnswerError };

/** Checks one typed answer against the question; `today` is the Asia/Shanghai ISO day. */
export function validateAnswer(question: Question, input: AnswerInput, today: string): Validation {
  switch (question.type) {
    case 'yesno':
      if (input.kind === 'yes') return { ok: true, value: true };
      if (input.kind === 'no') return { ok: true, value: false };
      return { ok: false, error: 'wrong-kind' };
    case 'choice': {
      if (input.kind !== 'choice') return { ok: false, error: 'wrong-kind' };
      const option = Number.isInteger(input.index) ? question.options[input.index - 1] : undefined;
      return option ? { ok: true, value: option.value } : { ok: false, error: 'choice-out-of-range' };
    }
    case 'date': {
      if (input.kind !== 'date') return { ok: false, error: 'wrong-kind' };
      if (!isIsoDate(input.date)) return { ok: false, error: 'invalid-date' };
      if (question.range === 'past' && daysBetween(today, input.date) > 0) return { ok: false, error: 'date-after-today' };
      if (question.range === 'future' && daysBetween(today, input.date) < 0) return { ok: false, error: 'date-before-today' };
      return { ok: true, value: input.date };
    }
    case 'number': {
      if (input.kind !== 'number') return { ok: false, error: 'wrong-kind' };
      const v = input.value;
      if (!Number.isFinite(v)) return { ok: false, error: 'not-a-number' };
      if (question.integer && !Number.isInteger(v)) return { ok: false, error: 'not-integer' };
      if (question.min !== undefined && v < question.min) return { ok: false, error: 'below-min' };
      if (question.max !== undefined && v > question.max) return { ok: false, error: 'above-max' };
      return { ok: true, value: v };
    }
  }
}

const clean = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.,!?;:'"。，！？；：、~～…]+/g, ' ')
    .trim();

const ZH_NO = answerWords['zh-CN'].no;
const ZH_YES = answerWords['zh-CN'].yes;
const EN_NO = new Set(answerWords.en.no);
const EN_YES = new Set(answerWords.en.yes);

/**
 * Reads a free-text reply to a question when it is unambiguous: yes/no words (or 1 = yes,
 * 2 = no, the order the dialog lists them), an option number or label, a number. Dates are
 * not handled here (use the NLU date parser). Returns undefined when unsure.
 */
export function interpretText(question: Question, text: string, locale: Locale): AnswerInput | undefined {
  const t = clean(text);
  if (t === '') return undefined;
  switch (question.type) {
    case 'yesno': {
      if (t === '1') return { kind: 'yes' };
      if (t === '2') return { kind: 'no' };
      const first = t.split(' ')[0]!;
      if (EN_NO.has(first)) return { kind: 'no' };
      if (EN_YES.has(first)) return { kind: 'yes' };
      if (ZH_NO.some((w) => t.startsWith(w))) return { kind: 'no' };
      if (ZH_YES.some((w) => t.startsWith(w))) return { kind: 'yes' };
      return undefined;
    }
    case 'choice': {
      const n = readNumber(t);
      if (n !== undefined) return { kind: 'choice', index: n };
      const labels = question.options.map((o) => clean(o.label[locale]));
      const exact = labels.findIndex((l) => l === t);
      if (exact >= 0) return { kind: 'choice', index: exact + 1 };
      const partial = labels.map((l, i) => (l.includes(t) || t.includes(l) ? i : -1)).filter((i) => i >= 0);
      return partial.length === 1 ? { kind: 'choice', index: partial[0]! + 1 } : undefined;
    }
    case 'number': {
      const n = readNumber(t);
      return n === undefined ? undefined : { kind: 'number', value: n };
    }
    case 'date':
      return undefined;
  }
}

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "12", "12分", "十二", "第3个" -> a number (Chinese numerals up to 99). */
export function readNumber(text: string): number | undefined {
  const t = text.replace(/^第/, '').replace(/(分|个|项|岁|年|天|次|points?|pts?)$/i, '').trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^([一二两三四五六七八九]?)(十?)([零〇一二三四五六七八九]?)$/.exec(t);
  if (!m || t === '') return undefined;
  const [, tens, ten, units] = m;
  if (ten === '') return tens === '' ? ZH_DIGITS[units!] : units === '' ? ZH_DIGITS[tens!] : undefined;
  return (tens === '' ? 1 : ZH_DIGITS[tens!]!) * 10 + (units === '' ? 0 : ZH_DIGITS[units!]!);
}
