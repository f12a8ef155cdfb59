// Time slots of an office, in Asia/Shanghai local time (UTC+8 all year). A slot is identified by
// office, day and start time; its capacity is the office's. Bookings open for the next few open
// days, from tomorrow: a same-day visit is not booked through the assistant.
import { addDays, shanghaiToday } from '../catalogue/dates';
import type { Office } from './offices';

/** How many open days ahead a driver can book. */
export const BOOKING_DAYS = 7;

export interface SlotSpec {
  id: string;
  officeId: string;
  date: string;
  time: string;
  capacity: number;
}

export interface SlotView extends SlotSpec {
  booked: number;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function slotId(officeId: string, date: string, time: string): string {
  return `${officeId}|${date}|${time}`;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Start times of a day: every slotMinutes in each session, the last one ending by the session's end. */
export function slotTimes(office: Office): string[] {
  const times: string[] = [];
  for (const s of office.sessions) {
    for (let m = toMinutes(s.start); m + office.slotMinutes <= toMinutes(s.end); m += office.slotMinutes) times.push(toHhmm(m));
  }
  return times;
}

/** 0 = Sunday .. 6 = Saturday, of a calendar day. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isOpen(office: Office, date: string): boolean {
  return office.days.includes(weekdayOf(date)) && !office.closedDates.includes(date);
}

/** The next `count` open days from `from` (inclusive), looking at most 60 days ahead. */
export function openDates(office: Office, from: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 60 && out.length < count; i++) {
    const date = addDays(from, i);
    if (isOpen(office, date)) out.push(date);
  }
  return out;
}

/** The days a driver may book now: open days from tomorrow (Shanghai), BOOKING_DAYS of them. */
export function bookingDates(office: Office, now: Date, days: number = BOOKING_DAYS): string[] {
  return openDates(office, addDays(shanghaiToday(now), 1), days);
}

export function generateSlots(office: Office, dates: readonly string[]): SlotSpec[] {
  const times = slotTimes(office);
  return dates.flatMap((date) =>
    times.map((time) => ({ id: slotId(office.id, date, time), officeId: office.id, date, time, capacity: office.capacity })),
  );
}

/** The instant a slot starts. */
export function slotStart(slot: { date: string; time: string }): Date {
  return new Date(Date.parse(`${slot.date}T${slot.time}:00Z`) - SHANGHAI_OFFSET_MS);
}

export const hasSeat = (slot: SlotView) => slot.booked < slot.capacity;

/** Slots in time order. */
export function bySlotTime<T extends { date: string; time: string }>(a: T, b: T): number {
  return a.date.localeCompare(b.date) || a.time.localeCompare(b.time);
}
