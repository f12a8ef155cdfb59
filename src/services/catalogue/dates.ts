/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) for the walkthrough engine. "Today" is the
 * Asia/Shanghai calendar day of the injected `now` (UTC+8 all year, no daylight saving).
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface YMD {
  y: number;
  m: number; // 1..12
  d: number;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
}

export function parseIso(value: string): YMD {
  if (!isIsoDate(value)) throw new RangeError(`not an ISO calendar date: ${value}`);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

export function formatIso({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The Asia/Shanghai calendar day of an instant. */
const ZH_DAY = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** A calendar day as drivers read it: 2026年12月20日 in Chinese, 2026-12-20 in English. */
export function displayDay(iso: string, locale: 'zh-CN' | 'en'): string {
  if (locale === 'en' || !isIsoDate(iso)) return iso;
  return ZH_DAY.format(new Date(`${iso}T00:00:00Z`));
}

export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const epochDay = (v: string) => Date.parse(`${v}T00:00:00Z`) / DAY_MS;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(epochDay(to) - epochDay(from));
}

/** Whole months elapsed from `from` to `to` (0 if `to` is within a month after; negative if earlier). */
export function wholeMonthsBetween(from: string, to: string): number {
  const a = parseIso(from);
  const b = parseIso(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (months > 0 && b.d < a.d) months -= 1;
  else if (months < 0 && b.d > a.d) months += 1;
  return months;
}

/** Whole years from `from` to `to`: an age on `to` for someone born on `from`. */
export function wholeYearsBetween(from: string, to: string): number {
  return Math.trunc(wholeMonthsBetween(from, to) / 12);
}

/** Calendar-month distance: 2026-12-31 is 1 calendar month after 2026-11-01. */
export function calendarMonthsBetween(from: string, to: string): number {
  const a = parseIso(from);
  const b = parseIso(to);
  return (b.y - a.y) * 12 + (b.m - a.m);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds months, clamping to the month's end (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parseIso(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return formatIso({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

export function addDays(date: string, days: number): string {
  return new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

export function startOfMonth(date: string): string {
  const { y, m } = parseIso(date);
  return formatIso({ y, m, d: 1 });
}
