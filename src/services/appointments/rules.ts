// What a driver may do with appointments. An appointment can be cancelled or moved until an hour
// before it starts, and moved at most twice; one service is booked once at a time, and nobody
// holds more than three visits at once (seats are scarce; the limits keep them for everyone).
import { slotStart } from './slots';

export const CHANGE_CUTOFF_MINUTES = 60;
export const MAX_CHANGES = 2;
export const MAX_ACTIVE = 3;

export type AppointmentStatus = 'booked' | 'cancelled';

export interface AppointmentFacts {
  ref: string;
  serviceId: string;
  status: AppointmentStatus;
  date: string;
  time: string;
  /** How many times it was moved. */
  changes: number;
}

/** Booked and not started yet. */
export function isUpcoming(a: AppointmentFacts, now: Date): boolean {
  return a.status === 'booked' && slotStart(a).getTime() > now.getTime();
}

export type ChangeRefusal = 'not-active' | 'too-late' | 'too-many-changes';

export function cancelRefusal(a: AppointmentFacts, now: Date): ChangeRefusal | undefined {
  if (!isUpcoming(a, now)) return 'not-active';
  if (slotStart(a).getTime() - now.getTime() < CHANGE_CUTOFF_MINUTES * 60_000) return 'too-late';
  return undefined;
}

export function rescheduleRefusal(a: AppointmentFacts, now: Date): ChangeRefusal | undefined {
  const refusal = cancelRefusal(a, now);
  if (refusal) return refusal;
  return a.changes >= MAX_CHANGES ? 'too-many-changes' : undefined;
}

export type BookRefusal = { reason: 'already-booked'; existing: string } | { reason: 'too-many' };

/** Whether a new booking for serviceId is allowed next to the driver's current appointments. */
export function bookRefusal(current: readonly AppointmentFacts[], serviceId: string, now: Date): BookRefusal | undefined {
  const upcoming = current.filter((a) => isUpcoming(a, now));
  const same = upcoming.find((a) => a.serviceId === serviceId);
  if (same) return { reason: 'already-booked', existing: same.ref };
  if (upcoming.length >= MAX_ACTIVE) return { reason: 'too-many' };
  return undefined;
}
