// Days and appointment times as reminders, consent questions and SMS notices show them
// (Asia/Shanghai calendar days; stored instants are UTC).
import { displayDay, shanghaiToday } from '../catalogue/dates';
import type { DeadlineKind } from './rules';

type Locale = 'zh-CN' | 'en';

export function asLocale(locale: string): Locale {
  return locale === 'en' ? 'en' : 'zh-CN';
}

/** 2026-12-20 -> "2026年12月20日" / "2026-12-20" (the catalogue's displayDay). */
export function longDay(iso: string, locale: string): string {
  return displayDay(iso, asLocale(locale));
}

const shortDayFormat: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
};
const weekdayFormat: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { weekday: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }),
};

/** 2026-12-01 -> "12月1日" / "1 Dec". */
export function shortDay(iso: string, locale: string): string {
  return shortDayFormat[asLocale(locale)].format(new Date(`${iso}T00:00:00Z`));
}

/** The Beijing calendar days of some instants, short form, joined with the locale's "and". */
export function dayList(instants: readonly Date[], locale: string, and: string): string {
  const days = [...new Set(instants.map((d) => shanghaiToday(d)))].map((d) => shortDay(d, locale));
  if (days.length <= 1) return days.join('');
  return `${days.slice(0, -1).join(asLocale(locale) === 'en' ? ', ' : '、')}${and}${days[days.length - 1]}`;
}

/** Placeholders of services.appt.slot: {date} {weekday} {time}. */
export function slotVars(slot: { date: string; time: string }, locale: string): { date: string; weekday: string; time: string } {
  return {
    date: shortDay(slot.date, locale),
    weekday: weekdayFormat[asLocale(locale)].format(new Date(`${slot.date}T00:00:00Z`)),
    time: slot.time,
  };
}

/** The locale key part of a deadline kind: licence-expiry -> licenceExpiry. */
export function kindKey(kind: DeadlineKind): string {
  return kind.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
