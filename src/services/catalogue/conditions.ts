import {
  conditionFacts,
  type Comparison,
  type Condition,
  type FactValue,
  type WhenSpec,
} from '../../knowledge/services';
import {
  addDays,
  addMonths,
  calendarMonthsBetween,
  daysBetween,
  isIsoDate,
  startOfMonth,
  wholeMonthsBetween,
  wholeYearsBetween,
} from './dates';

/** Answers so far, by question id: ISO date strings, numbers, booleans (yes/no) or option values. */
export type Facts = Readonly<Record<string, FactValue>>;

export function compare(value: number, c: Comparison): boolean {
  if (c.gt !== undefined && !(value > c.gt)) return false;
  if (c.gte !== undefined && !(value >= c.gte)) return false;
  if (c.lt !== undefined && !(value < c.lt)) return false;
  if (c.lte !== undefined && !(value <= c.lte)) return false;
  if (c.eq !== undefined && value !== c.eq) return false;
  if (c.in !== undefined && !c.in.includes(value)) return false;
  return true;
}

function dateOf(facts: Facts, id: string): string {
  const v = facts[id];
  if (!isIsoDate(v)) throw new TypeError(`fact ${id} is not a date`);
  return v;
}

function numberOf(facts: Facts, id: string): number {
  const v = facts[id];
  if (typeof v !== 'number') throw new TypeError(`fact ${id} is not a number`);
  return v;
}

/**
 * Evaluates a rule condition in three-valued (Kleene) logic: `undefined` means "not decided
 * yet" because a fact it needs is still unknown. `all` is false as soon as one part is false,
 * `any` true as soon as one part is true, so a rule is decided with as few questions as possible.
 * The rule language is data interpreted here; nothing is ever evaluated as code.
 */
export function evaluate(c: Condition, facts: Facts, today: string): boolean | undefined {
  if ('all' in c) {
    const parts = c.all.map((x) => evaluate(x, facts, today));
    return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
  }
  if ('any' in c) {
    const parts = c.any.map((x) => evaluate(x, facts, today));
    return parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
  }
  if ('not' in c) {
    const inner = evaluate(c.not, facts, today);
    return inner === undefined ? undefined : !inner;
  }
  if (conditionFacts(c).some((id) => facts[id] === undefined)) return undefined;
  return leaf(c, facts, today);
}

function leaf(c: Condition, facts: Facts, today: string): boolean {
  if ('eq' in c) return facts[c.eq.fact] === c.eq.value;
  if ('in' in c) {
    const v = facts[c.in.fact];
    return (typeof v === 'string' || typeof v === 'number') && c.in.values.includes(v);
  }
  if ('num' in c) return compare(numberOf(facts, c.num.fact), c.num);
  if ('daysUntil' in c) return compare(daysBetween(today, dateOf(facts, c.daysUntil.fact)), c.daysUntil);
  if ('daysSince' in c) return compare(daysBetween(dateOf(facts, c.daysSince.fact), today), c.daysSince);
  if ('monthsSince' in c) return compare(wholeMonthsBetween(dateOf(facts, c.monthsSince.fact), today), c.monthsSince);
  if ('calendarMonthsUntil' in c) {
    return compare(calendarMonthsBetween(today, dateOf(facts, c.calendarMonthsUntil.fact)), c.calendarMonthsUntil);
  }
  if ('ageAt' in c) {
    const at = c.ageAt.at === undefined ? today : dateOf(facts, c.ageAt.at);
    return compare(wholeYearsBetween(dateOf(facts, c.ageAt.fact), at), c.ageAt);
  }
  throw new TypeError('all/any/not are not leaf conditions');
}

/** Resolves an outcome's `when` (e.g. 90 days before validUntil) to an ISO date. */
export function resolveWhen(spec: WhenSpec, facts: Facts): string {
  let date = dateOf(facts, spec.fact);
  if (spec.addYears !== undefined) date = addMonths(date, spec.addYears * 12);
  if (spec.addMonths !== undefined) date = addMonths(date, spec.addMonths);
  if (spec.addDays !== undefined) date = addDays(date, spec.addDays);
  if (spec.startOfMonth === true) date = startOfMonth(date);
  return date;
}

export { conditionFacts };
