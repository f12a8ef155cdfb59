import {
  PLACEHOLDER,
  RECORD_FACTS,
  SECTIONS,
  conditionFacts,
  type FactValue,
  type KnownFacts,
  type LocalisedText,
  type OutcomeKind,
  type Question,
  type Section,
  type ServiceDefinition,
} from '../../knowledge/services';
import { LOCALES, type Locale } from '../../knowledge/faq';
import { validateAnswer, type AnswerError, type AnswerInput } from './answers';
import { evaluate, resolveWhen, type Facts } from './conditions';
import { daysBetween, displayDay, isIsoDate, shanghaiToday, wholeMonthsBetween, wholeYearsBetween } from './dates';

/** Serialisable walkthrough state (kept in dialog state between turns). */
export interface WalkthroughState {
  readonly serviceId: string;
  readonly answers: Readonly<Record<string, FactValue>>;
  /** Question ids answered from the driver's records rather than asked. */
  readonly prefilled: readonly string[];
}

export interface Conclusion {
  outcomeId: string;
  kind: OutcomeKind;
  text: LocalisedText;
  notes: LocalisedText[];
  /** not-yet: the first day it becomes possible (ISO), when the service data says. */
  when?: string;
  /** other-service: the service that fits better. */
  serviceId?: string;
  /** Service sections to show after the explanation, in order. */
  show: Section[];
  /** Placeholder values for fillText: facts, {fact.daysUntil}, {fact.age}, {when}, ... */
  vars: Record<string, string | number>;
}

export type Step =
  | { type: 'question'; question: Question; /** 1-based count of questions put to the driver */ number: number }
  | { type: 'conclusion'; conclusion: Conclusion };

export type AnswerResult =
  | { ok: true; state: WalkthroughState }
  | { ok: false; error: AnswerError | 'no-question-pending'; question?: Question };

const DEFAULT_SHOW: Record<OutcomeKind, Section[]> = {
  eligible: [...SECTIONS],
  window: ['materials', 'fees', 'window', 'processing'],
  'not-yet': ['timeLimits'],
  'other-service': [],
  'not-possible': [],
};

/** Starts a walkthrough, answering questions from the driver's records where possible. */
export function startWalkthrough(service: ServiceDefinition, known: KnownFacts = {}): WalkthroughState {
  const answers: Record<string, FactValue> = {};
  const prefilled: string[] = [];
  for (const q of service.questions) {
    if (q.type === 'yesno' || q.from === undefined) continue;
    const value = prefillValue(q, known[q.from]);
    if (value !== undefined) {
      answers[q.id] = value;
      prefilled.push(q.id);
    }
  }
  return { serviceId: service.id, answers, prefilled };
}

function prefillValue(q: Exclude<Question, { type: 'yesno' }>, raw: string | number | undefined): FactValue | undefined {
  if (raw === undefined || q.from === undefined) return undefined;
  if (q.type === 'date') return RECORD_FACTS[q.from] === 'date' && isIsoDate(raw) ? raw : undefined;
  if (q.type === 'number') {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return undefined;
    if ((q.min !== undefined && raw < q.min) || (q.max !== undefined && raw > q.max)) return undefined;
    return raw;
  }
  const wanted = String(raw).trim().toUpperCase();
  const matches = q.options.filter((o) => o.fromValues?.some((v) => v.toUpperCase() === wanted));
  return matches.length === 1 ? matches[0]!.value : undefined;
}

/**
 * What comes next. Rules are tried in order: a rule that holds gives the conclusion, a rule
 * that fails is skipped, and a rule that cannot be decided yet asks for its first unknown fact
 * (in question order). Before concluding, facts the outcome's text or date needs are asked too.
 */
export function nextStep(service: ServiceDefinition, state: WalkthroughState, now: Date): Step {
  assertService(service, state);
  const today = shanghaiToday(now);
  const facts: Facts = state.answers;
  for (const rule of service.rules) {
    if (rule.if !== undefined) {
      const verdict = evaluate(rule.if, facts, today);
      if (verdict === false) continue;
      if (verdict === undefined) return ask(service, state, conditionFacts(rule.if));
    }
    const missing = outcomeFacts(service, rule.then).filter((id) => facts[id] === undefined);
    if (missing.length > 0) return ask(service, state, missing);
    return { type: 'conclusion', conclusion: conclude(service, rule.then, facts, today) };
  }
  throw new Error(`service ${service.id}: no rule applied (the last rule must be unconditional)`);
}

function ask(service: ServiceDefinition, state: WalkthroughState, wanted: readonly string[]): Step {
  const question = service.questions.find((q) => wanted.includes(q.id) && state.answers[q.id] === undefined);
  if (question === undefined) throw new Error(`service ${service.id}: no question for ${wanted.join(', ')}`);
  const asked = Object.keys(state.answers).filter((id) => !state.prefilled.includes(id)).length;
  return { type: 'question', question, number: asked + 1 };
}

/** Facts an outcome shows: its `when` date and the placeholders of its texts. */
export function outcomeFacts(service: ServiceDefinition, outcomeId: string): string[] {
  const outcome = service.outcomes[outcomeId];
  if (outcome === undefined) return [];
  const out = new Set<string>();
  if (outcome.when !== undefined) out.add(outcome.when.fact);
  for (const text of [outcome.text, ...(outcome.notes ?? [])]) {
    for (const locale of LOCALES) {
      for (const m of text[locale].matchAll(PLACEHOLDER)) if (m[1] !== 'when') out.add(m[1]!);
    }
  }
  return [...out];
}

/** Records an answer to the pending question, or says why it was refused. */
export function answer(service: ServiceDefinition, state: WalkthroughState, input: AnswerInput, now: Date): AnswerResult {
  const step = nextStep(service, state, now);
  if (step.type !== 'question') return { ok: false, error: 'no-question-pending' };
  const checked = validateAnswer(step.question, input, shanghaiToday(now));
  if (!checked.ok) return { ok: false, error: checked.error, question: step.question };
  return { ok: true, state: { ...state, answers: { ...state.answers, [step.question.id]: checked.value } } };
}

/** Forgets an answer (e.g. the driver corrects a date); a prefilled fact is then asked. */
export function forget(state: WalkthroughState, questionId: string): WalkthroughState {
  const { [questionId]: _dropped, ...answers } = state.answers;
  return { ...state, answers, prefilled: state.prefilled.filter((id) => id !== questionId) };
}

function conclude(service: ServiceDefinition, outcomeId: string, facts: Facts, today: string): Conclusion {
  const outcome = service.outcomes[outcomeId];
  if (outcome === undefined) throw new Error(`service ${service.id}: unknown outcome ${outcomeId}`);
  const vars = factVars(service, facts, today);
  const conclusion: Conclusion = {
    outcomeId,
    kind: outcome.kind,
    text: outcome.text,
    notes: outcome.notes ?? [],
    show: outcome.show ?? DEFAULT_SHOW[outcome.kind],
    vars,
  };
  if (outcome.when !== undefined) {
    conclusion.when = resolveWhen(outcome.when, facts);
    vars.when = conclusion.when;
  }
  if (outcome.service !== undefined) conclusion.serviceId = outcome.service;
  return conclusion;
}

/** Placeholder values derived from the known facts (dates also give days/months/years counts). */
export function factVars(service: ServiceDefinition, facts: Facts, today: string): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const q of service.questions) {
    const v = facts[q.id];
    if (v === undefined || typeof v === 'boolean') continue;
    vars[q.id] = v;
    if (q.type === 'date' && typeof v === 'string') {
      vars[`${q.id}.daysUntil`] = daysBetween(today, v);
      vars[`${q.id}.daysSince`] = daysBetween(v, today);
      vars[`${q.id}.monthsSince`] = wholeMonthsBetween(v, today);
      vars[`${q.id}.age`] = wholeYearsBetween(v, today);
    }
  }
  return vars;
}

/** Fills {placeholders}; ISO dates are shown as 2026年12月20日 in Chinese. Unknown ones stay visible. */
export function fillText(text: LocalisedText, vars: Record<string, string | number>, locale: Locale): string {
  return text[locale].replace(/\{([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z]+)?)\}/g, (whole, key: string) => {
    const v = vars[key];
    if (v === undefined) return whole;
    return typeof v === 'string' ? displayDay(v, locale) : String(v);
  });
}

function assertService(service: ServiceDefinition, state: WalkthroughState): void {
  if (service.id !== state.serviceId) throw new Error(`walkthrough state is for ${state.serviceId}, not ${service.id}`);
}
