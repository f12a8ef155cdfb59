/**
 * Finds a date in a message, in Asia/Shanghai (UTC+8 all year, no daylight saving).
 * Absolute: 2027-3-5, 2027/03/05, 2027年3月5日, 2027年3月, "March 5 2027", "5 Mar 2027".
 * Relative to `now`: 3月5日 / "March 5" (next occurrence), 明年3月, 下个月, 今天/明天/后天,
 * 下周三 / "next wednesday" (the Wednesday of next week), 周五 (the next one), 3天后 / "in 3 days".
 * Month and year precision return the first day of that month or year.
 */
export type DatePrecision = 'day' | 'month' | 'year';
export interface ParsedDate {
  date: string;
  precision: DatePrecision;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function today(now: Date): Ymd & { weekday: number } {
  const t = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), weekday: t.getUTCDay() };
}

function isValid({ y, m, d }: Ymd): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function addDays({ y, m, d }: Ymd, days: number): Ymd {
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function addMonths({ y, m }: Ymd, months: number): Ymd {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1, d: 1 };
}

function format({ y, m, d }: Ymd, precision: DatePrecision): ParsedDate | null {
  const day = precision === 'day' ? d : 1;
  const month = precision === 'year' ? 1 : m;
  if (!isValid({ y, m: month, d: day })) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { date: `${y}-${pad(month)}-${pad(day)}`, precision };
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 5, 05, 五, 十, 十五, 二十, 三十一 -> number (up to 99). */
export function cnNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text.length === 0) return null;
  if (!m[2]) return m[1] && !m[3] ? CN_DIGITS[m[1]]! : null;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[3] ? CN_DIGITS[m[3]]! : 0);
}

/** A month/day in the future: this year if not passed yet (today counts), else next year. */
function nextOccurrence(base: Ymd, m: number, d: number): Ymd {
  const thisYear = { y: base.y, m, d };
  const passed = m < base.m || (m === base.m && d < base.d);
  return passed ? { y: base.y + 1, m, d } : thisYear;
}

/** Weekday 0=Sunday..6=Saturday; weeks start on Monday. */
function weekdayDate(base: Ymd & { weekday: number }, target: number, weekOffset: number | null): Ymd {
  const mondayBased = (w: number): number => (w + 6) % 7;
  if (weekOffset === null) {
    const ahead = (mondayBased(target) - mondayBased(base.weekday) + 7) % 7;
    return addDays(base, ahead);
  }
  const monday = addDays(base, -mondayBased(base.weekday));
  return addDays(monday, weekOffset * 7 + mondayBased(target));
}

const CN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, 末: 6 };
const EN_WEEKDAY = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const EN_MONTH = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const NUM = '(\\d{1,2}|[一二两三四五六七八九十]{1,3})';

function enMonth(word: string): number | null {
  const w = word.toLowerCase();
  const i = EN_MONTH.findIndex((name) => w === name || w === name.slice(0, 3) || (name === 'september' && w === 'sept'));
  return i >= 0 ? i + 1 : null;
}

type Rule = (text: string, base: ReturnType<typeof today>) => ParsedDate | null | undefined;

const RULES: Rule[] = [
  // 2027-3-5, 2027/03/05, 2027.3.5, 2027年3月5日
  (t) => {
    const m = /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?/.exec(t);
    return m ? format({ y: +m[1]!, m: +m[2]!, d: +m[3]! }, 'day') : undefined;
  },
  // "March 5 2027", "March 5th, 2027", "5 Mar 2027", "5th of March 2027"
  (t) => {
    const a = /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i.exec(t);
    if (a && enMonth(a[1]!)) return format({ y: +a[3]!, m: enMonth(a[1]!)!, d: +a[2]! }, 'day');
    const b = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b/i.exec(t);
    if (b && enMonth(b[2]!)) return format({ y: +b[3]!, m: enMonth(b[2]!)!, d: +b[1]! }, 'day');
    return undefined;
  },
  // 2027年3月, "March 2027"
  (t) => {
    const m = /(\d{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月/.exec(t);
    if (m && cnNumber(m[2]!)) return format({ y: +m[1]!, m: cnNumber(m[2]!)!, d: 1 }, 'month');
    const e = /\b([a-z]{3,9})\.?\s+(\d{4})\b/i.exec(t);
    if (e && enMonth(e[1]!)) return format({ y: +e[2]!, m: enMonth(e[1]!)!, d: 1 }, 'month');
    return undefined;
  },
  // 明年3月(5日), 今年3月(5日), 后年
  (t, base) => {
    const m = new RegExp(`(今年|明年|后年)(?:${NUM}月(?:${NUM}[日号])?)?`).exec(t);
    if (!m) return undefined;
    const y = base.y + { 今年: 0, 明年: 1, 后年: 2 }[m[1] as '今年' | '明年' | '后年'];
    if (!m[2]) return format({ y, m: 1, d: 1 }, 'year');
    const month = cnNumber(m[2]);
    if (month === null) return null;
    if (!m[3]) return format({ y, m: month, d: 1 }, 'month');
    const day = cnNumber(m[3]);
    return day === null ? null : format({ y, m: month, d: day }, 'day');
  },
  // 3月5日 / 3月5号 / 三月五号 / 3.5号 (next occurrence)
  (t, base) => {
    const m = new RegExp(`${NUM}\\s*月\\s*${NUM}\\s*[日号]?`).exec(t) ?? /(\d{1,2})\.(\d{1,2})\s*[日号]/.exec(t);
    if (!m) return undefined;
    const month = cnNumber(m[1]!);
    const day = cnNumber(m[2]!);
    if (month === null || day === null || !isValid({ y: 2000, m: month, d: day })) return null;
    return format(nextOccurrence(base, month, day), 'day');
  },
  // "March 5", "5 March", "5th of March" (next occurrence)
  (t, base) => {
    const a = /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(t);
    const b = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\b/i.exec(t);
    const hit = a && enMonth(a[1]!) ? { m: enMonth(a[1]!)!, d: +a[2]! } : b && enMonth(b[2]!) ? { m: enMonth(b[2]!)!, d: +b[1]! } : null;
    if (!hit) return undefined;
    if (!isValid({ y: 2000, ...hit })) return null;
    return format(nextOccurrence(base, hit.m, hit.d), 'day');
  },
  // 今天 明天 后天 大后天 昨天 前天; today, tomorrow, day after tomorrow, yesterday
  (t, base) => {
    const cn: Array<[RegExp, number]> = [[/大后天/, 3], [/后天/, 2], [/明天|明日/, 1], [/今天|今日/, 0], [/大前天/, -3], [/前天/, -2], [/昨天|昨日/, -1]];
    const en: Array<[RegExp, number]> = [[/\bday after tomorrow\b/i, 2], [/\btomorrow\b/i, 1], [/\btoday\b/i, 0], [/\bday before yesterday\b/i, -2], [/\byesterday\b/i, -1]];
    for (const [re, n] of [...cn, ...en]) if (re.test(t)) return format(addDays(base, n), 'day');
    return undefined;
  },
  // 下周三 / 下星期三 / 下礼拜三 / 这周五 / 本周五 / 周五; next wednesday / this friday / on friday
  (t, base) => {
    const m = /(下下|下|这|本|上)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天末])/.exec(t);
    if (m) {
      const offset = m[1] === '下下' ? 2 : m[1] === '下' ? 1 : m[1] === '上' ? -1 : m[1] ? 0 : null;
      return format(weekdayDate(base, CN_WEEKDAY[m[2]!]!, offset), 'day');
    }
    const e = /\b(next|this|last|on)?\s*(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i.exec(t);
    if (!e) return undefined;
    const word = e[1]?.toLowerCase();
    const offset = word === 'next' ? 1 : word === 'last' ? -1 : word === 'this' ? 0 : null;
    return format(weekdayDate(base, EN_WEEKDAY.indexOf(e[2]!.toLowerCase()), offset), 'day');
  },
  // N天后 / N周后 / N个月后 / in N days|weeks|months
  (t, base) => {
    const m = new RegExp(`${NUM}\\s*(天|日|周|个星期|个礼拜|个月)(?:以后|之后|后)`).exec(t);
    const e = /\bin\s+(\d{1,3}|a|one|two|three)\s+(day|week|month)s?\b/i.exec(t);
    const words: Record<string, number> = { a: 1, one: 1, two: 2, three: 3 };
    const n = m ? cnNumber(m[1]!) : e ? (words[e[1]!.toLowerCase()] ?? Number(e[1])) : null;
    if (n === null) return undefined;
    const unit = m ? m[2]! : e![2]!.toLowerCase();
    if (unit === '个月' || unit === 'month') return format(addMonths(base, n), 'month');
    const days = unit === '天' || unit === '日' || unit === 'day' ? n : n * 7;
    return format(addDays(base, days), 'day');
  },
  // 下个月 / 下下个月 / 这个月 / 本月 / 下月; next month / this month; 明年 handled above; next year
  (t, base) => {
    const m = /(下下个?月|下个?月|这个月|本月|上个?月)/.exec(t);
    if (m) {
      const n = m[1]!.startsWith('下下') ? 2 : m[1]!.startsWith('下') ? 1 : m[1]!.startsWith('上') ? -1 : 0;
      return format(addMonths(base, n), 'month');
    }
    const e = /\b(next|this|last)\s+(month|year)\b/i.exec(t);
    if (!e) return undefined;
    const n = e[1]!.toLowerCase() === 'next' ? 1 : e[1]!.toLowerCase() === 'last' ? -1 : 0;
    return e[2]!.toLowerCase() === 'month' ? format(addMonths(base, n), 'month') : format({ y: base.y + n, m: 1, d: 1 }, 'year');
  },
];

export function parseDate(text: string, now: Date): ParsedDate | null {
  const t = text.normalize('NFKC');
  const base = today(now);
  for (const rule of RULES) {
    const result = rule(t, base);
    if (result !== undefined) return result;
  }
  return null;
}
