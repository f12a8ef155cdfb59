/**
 * Pure violation rules: payment deadline, late fee, online-processing eligibility, totals and
 * the 12-point cycle. `now` is always injected. Calendar arithmetic is done on China Standard
 * Time days (Asia/Shanghai, UTC+8, no daylight saving), as `YYYY-MM-DD` strings.
 */
import type { ViolationRecord } from '../records/schemas';

/** A calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar day of an instant. */
export function shanghaiDate(instant: Date): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date');
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function dayNumber(date: LocalDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Accepts a Date, a `YYYY-MM-DD` day, or an ISO date-time (converted to its Shanghai day). */
export function toLocalDate(input: Date | string): LocalDate {
  if (input instanceof Date) return shanghaiDate(input);
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) return fromDayNumber(dayNumber(input));
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(input)) throw new RangeError(`not an ISO date: ${input}`);
  return shanghaiDate(new Date(input));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Same month and day `years` later; 29 February becomes 28 February in common years. */
export function addYears(date: LocalDate, years: number): LocalDate {
  dayNumber(date); // validates
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const lastDay = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(target, m - 1, Math.min(d, lastDay)) / DAY_MS);
}

/**
 * Fines are due within 15 days of receiving the penalty decision (行政处罚法 Art.67; 道交法
 * Art.109; domain.md 4.3). Counted in calendar days, the day of receipt not included, so the
 * last day to pay is receipt + 15. Assumption: when that day is a public holiday the legal
 * deadline moves to the next working day; we keep no holiday calendar, so we may warn a little
 * early, never late.
 */
export const PAYMENT_DAYS = 15;
/** Late surcharge: 3% of the fine per day, at most the fine itself (行政处罚法 Art.72; domain.md 4.3). */
export const LATE_FEE_PERCENT_PER_DAY = 3;

export function paymentDeadline(decisionReceivedOn: Date | string): LocalDate {
  return addDays(toLocalDate(decisionReceivedOn), PAYMENT_DAYS);
}

export interface LateFeeInput {
  fineYuan: number;
  /** When the penalty decision was received; absent = no decision yet, so no surcharge (domain.md 4.3). */
  decisionReceivedOn?: Date | string | null;
  now: Date;
}

export interface LateFee {
  /** Last day to pay without surcharge; null before a decision exists. */
  deadline: LocalDate | null;
  daysLate: number;
  /**
   * The surcharge in fen. Exact, no rounding: the fine is a whole number of yuan, so 3% of it
   * per day is a whole number of fen (3 fen per yuan per day).
   */
  lateFeeFen: number;
  /** lateFeeFen / 100 (may carry jiao/fen, e.g. 1.5 for a 50-yuan fine one day late). */
  lateFeeYuan: number;
  totalFen: number;
  /** True once the surcharge has reached the fine amount. */
  capped: boolean;
}

export function lateFee(input: LateFeeInput): LateFee {
  const { fineYuan, decisionReceivedOn, now } = input;
  if (!Number.isSafeInteger(fineYuan) || fineYuan < 0) throw new RangeError('fineYuan must be a non-negative integer');
  const fineFen = fineYuan * 100;
  if (decisionReceivedOn === undefined || decisionReceivedOn === null) {
    return { deadline: null, daysLate: 0, lateFeeFen: 0, lateFeeYuan: 0, totalFen: fineFen, capped: false };
  }
  const deadline = paymentDeadline(decisionReceivedOn);
  const daysLate = Math.max(0, daysBetween(deadline, shanghaiDate(now)));
  const uncapped = fineYuan * LATE_FEE_PERCENT_PER_DAY * daysLate;
  const lateFeeFen = Math.min(uncapped, fineFen);
  return {
    deadline,
    daysLate,
    lateFeeFen,
    lateFeeYuan: lateFeeFen / 100,
    totalFen: fineFen + lateFeeFen,
    capped: fineFen > 0 && uncapped >= fineFen,
  };
}

/**
 * Why a record cannot be processed in this assistant's online flow:
 * - onsite: only camera (非现场) records can be processed online (domain.md 4.2);
 * - alreadyProcessed / alreadyPaid: nothing left to process;
 * - pointsLimit: the licence's points this cycle plus this record's would reach 12
 *   (公安部令第163号, domain.md 3.7 and 4.2: at 12 points records go to a window);
 * - providerRefused: the provider's own "可处理" flag says no (domain.md 4.2, 8).
 */
export const REASON_CODES = ['onsite', 'alreadyProcessed', 'alreadyPaid', 'pointsLimit', 'providerRefused'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The 12-point threshold of 公安部令第163号 (domain.md 3.7). */
export const FULL_POINTS = 12;

export type ViolationForRules = Pick<ViolationRecord, 'status' | 'source' | 'points' | 'fineYuan'> &
  Partial<Pick<ViolationRecord, 'onlineProcessable'>>;

export type Eligibility = { ok: true } | { ok: false; reasons: ReasonCode[] };

/**
 * Whether a record may be processed online. `licencePoints` = points already on the licence in
 * this cycle; when unknown, only a record that alone reaches 12 points is refused for points.
 */
export function canProcessOnline(violation: ViolationForRules, licencePoints?: number): Eligibility {
  const reasons: ReasonCode[] = [];
  if (violation.status === 'paid') reasons.push('alreadyPaid');
  else if (violation.status === 'processed') reasons.push('alreadyProcessed');
  if (violation.source !== 'electronic') reasons.push('onsite');
  if (violation.status === 'unprocessed' && (licencePoints ?? 0) + violation.points >= FULL_POINTS) {
    reasons.push('pointsLimit');
  }
  if (violation.onlineProcessable === false) reasons.push('providerRefused');
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

export interface ViolationTotals {
  /** Unprocessed records. */
  count: number;
  fineYuan: number;
  points: number;
}

/** Totals of the unprocessed records. */
export function summarise(violations: readonly ViolationForRules[]): ViolationTotals {
  return violations
    .filter((v) => v.status === 'unprocessed')
    .reduce<ViolationTotals>(
      (acc, v) => ({ count: acc.count + 1, fineYuan: acc.fineYuan + v.fineYuan, points: acc.points + v.points }),
      { count: 0, fineYuan: 0, points: 0 },
    );
}

export interface PointsCycle {
  /** 0 for the first cycle after the first issue. */
  index: number;
  start: LocalDate;
  /** Last day of the cycle, inclusive. */
  end: LocalDate;
  /** Days left including today. */
  daysLeft: number;
}

/**
 * The 12-month scoring cycle (记分周期) containing `now`, counted from the first issue date of
 * the licence (公安部令第163号; domain.md 3.7). A cycle started on 2016-06-01 ends on 2017-05-31.
 */
export function currentCycle(firstIssuedAt: Date | string, now: Date): PointsCycle {
  const issued = toLocalDate(firstIssuedAt);
  const today = shanghaiDate(now);
  if (daysBetween(issued, today) < 0) throw new RangeError('now is before the first issue date');
  let index = Number(today.slice(0, 4)) - Number(issued.slice(0, 4));
  if (daysBetween(addYears(issued, index), today) < 0) index -= 1;
  const start = addYears(issued, index);
  const end = addDays(addYears(issued, index + 1), -1);
  return { index, start, end, daysLeft: daysBetween(today, end) + 1 };
}
