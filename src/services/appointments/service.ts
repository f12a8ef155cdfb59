// Window appointments: which offices handle a service, their free slots, and booking, cancelling
// and moving a visit. Storage is behind AppointmentStore; the seat counting that makes
// overbooking impossible lives there (one conditional update per seat).
import type { ServiceCategory } from '../../knowledge/services';
import { handles, type Office } from './offices';
import { newReference } from './reference';
import { bookRefusal, cancelRefusal, isUpcoming, rescheduleRefusal, type AppointmentFacts, type ChangeRefusal } from './rules';
import { bookingDates, bySlotTime, generateSlots, hasSeat, slotStart, type SlotSpec, type SlotView } from './slots';

/** Who asks: the channel's user id (the phone number on SMS). */
export interface Requester {
  userId: string;
  channelId: string;
  /** Set only when the channel vouches for it (the SMS sender). */
  phone?: string;
  /** The driver's language, for messages sent outside the conversation. */
  locale?: string;
}

export interface Appointment extends AppointmentFacts {
  userId: string;
  channelId: string;
  phone?: string;
  officeId: string;
  slotId: string;
  createdAt: Date;
}

export type NewAppointment = Omit<Appointment, 'ref' | 'date' | 'time' | 'officeId' | 'status' | 'changes'>;

export type SeatResult = { ok: true; appointment: Appointment } | { ok: false; reason: 'full' };

export interface AppointmentStore {
  offices(): Promise<Office[]>;
  /** Slots of an office on these days, as stored (slots not created yet are missing). */
  slots(officeId: string, dates: readonly string[]): Promise<SlotView[]>;
  /** Creates the slots that do not exist yet; existing ones are left untouched. */
  ensureSlots(slots: readonly SlotSpec[]): Promise<void>;
  /** Takes a seat of the slot and records the appointment, atomically per seat; never overbooks. */
  book(slotId: string, appointment: NewAppointment, newRef: () => string): Promise<SeatResult>;
  byRef(ref: string): Promise<Appointment | undefined>;
  ofUser(userId: string): Promise<Appointment[]>;
  /** Marks a booked appointment cancelled and frees its seat; undefined when it was not booked. */
  cancel(ref: string, at: Date): Promise<Appointment | undefined>;
  /** Moves a booked appointment to another slot: takes the new seat first, then frees the old. */
  move(ref: string, toSlotId: string, at: Date): Promise<{ ok: true; appointment: Appointment } | { ok: false; reason: 'full' | 'changed' }>;
}

export type BookResult =
  | { ok: true; appointment: Appointment }
  | { ok: false; reason: 'full'; alternatives: SlotView[] }
  | { ok: false; reason: 'already-booked'; existing: string }
  | { ok: false; reason: 'too-many' | 'unknown-slot' };

export type ChangeResult =
  | { ok: true; appointment: Appointment }
  | { ok: false; reason: ChangeRefusal | 'not-found' }
  | { ok: false; reason: 'full'; alternatives: SlotView[] };

export type Checked = { ok: true; appointment: Appointment } | { ok: false; reason: ChangeRefusal | 'not-found' };

/** How many free slots a driver is offered at a time. */
export const OFFERED_SLOTS = 5;

export type AppointmentChangeKind = 'booked' | 'rescheduled' | 'cancelled';

/** Told after a booking, move or cancellation succeeded (e.g. to queue a confirmation SMS). */
export interface AppointmentNotifier {
  changed(kind: AppointmentChangeKind, appointment: Appointment, who: Requester): Promise<void>;
}

export interface AppointmentServiceDeps {
  store: AppointmentStore;
  now: () => Date;
  newRef?: () => string;
  /** Optional; its failures never undo or fail the change. */
  notifier?: AppointmentNotifier;
}

export class AppointmentService {
  private readonly newRef: () => string;

  constructor(private readonly deps: AppointmentServiceDeps) {
    this.newRef = deps.newRef ?? (() => newReference());
  }

  async offices(): Promise<Office[]> {
    return this.deps.store.offices();
  }

  async office(id: string): Promise<Office | undefined> {
    return (await this.deps.store.offices()).find((o) => o.id === id);
  }

  async officesFor(service: { id: string; category: ServiceCategory }): Promise<Office[]> {
    return (await this.deps.store.offices()).filter((o) => handles(o, service));
  }

  /**
   * Free slots of an office in time order: bookable days only, starting at `fromDate` (a day) or
   * after the slot `afterSlot` (when paging on), at most `limit`.
   */
  async freeSlots(officeId: string, opts: { fromDate?: string; after?: { date: string; time: string }; limit?: number } = {}): Promise<SlotView[]> {
    const office = await this.office(officeId);
    if (!office) return [];
    const dates = bookingDates(office, this.deps.now());
    await this.deps.store.ensureSlots(generateSlots(office, dates));
    const after = opts.after;
    const slots = (await this.deps.store.slots(officeId, dates))
      .filter(hasSeat)
      .filter((s) => opts.fromDate === undefined || s.date >= opts.fromDate)
      .filter((s) => after === undefined || bySlotTime(s, after) > 0)
      .sort(bySlotTime);
    return slots.slice(0, opts.limit ?? OFFERED_SLOTS);
  }

  async book(who: Requester, serviceId: string, slotId: string): Promise<BookResult> {
    const now = this.deps.now();
    const slot = await this.slot(slotId);
    if (!slot || slotStart(slot).getTime() <= now.getTime()) return { ok: false, reason: 'unknown-slot' };
    const refusal = bookRefusal(await this.deps.store.ofUser(who.userId), serviceId, now);
    if (refusal) return { ok: false, ...refusal };
    const result = await this.deps.store.book(
      slotId,
      { userId: who.userId, channelId: who.channelId, phone: who.phone, serviceId, slotId, createdAt: now },
      this.newRef,
    );
    if (result.ok) return this.notify('booked', result, who);
    return { ok: false, reason: 'full', alternatives: await this.freeSlots(slot.officeId, { after: slot }) };
  }

  /** The driver's own appointment with this reference (someone else's is "not found"). */
  async find(who: Requester, ref: string): Promise<Appointment | undefined> {
    const a = await this.deps.store.byRef(ref);
    return a && a.userId === who.userId ? a : undefined;
  }

  /** The driver's upcoming appointments, soonest first. */
  async upcoming(who: Requester): Promise<Appointment[]> {
    const now = this.deps.now();
    return (await this.deps.store.ofUser(who.userId)).filter((a) => isUpcoming(a, now)).sort(bySlotTime);
  }

  async cancel(who: Requester, ref: string): Promise<ChangeResult> {
    const a = await this.find(who, ref);
    if (!a) return { ok: false, reason: 'not-found' };
    const now = this.deps.now();
    const refusal = cancelRefusal(a, now);
    if (refusal) return { ok: false, reason: refusal };
    const done = await this.deps.store.cancel(ref, now);
    return done ? this.notify('cancelled', { ok: true, appointment: done }, who) : { ok: false, reason: 'not-active' };
  }

  /** Whether the appointment may be cancelled now (checked before asking the driver to confirm). */
  async checkCancel(who: Requester, ref: string): Promise<Checked> {
    const a = await this.find(who, ref);
    if (!a) return { ok: false, reason: 'not-found' };
    const refusal = cancelRefusal(a, this.deps.now());
    return refusal ? { ok: false, reason: refusal } : { ok: true, appointment: a };
  }

  /** Whether the appointment may be moved now (checked before offering new slots). */
  async checkReschedule(who: Requester, ref: string): Promise<Checked> {
    const a = await this.find(who, ref);
    if (!a) return { ok: false, reason: 'not-found' };
    const refusal = rescheduleRefusal(a, this.deps.now());
    return refusal ? { ok: false, reason: refusal } : { ok: true, appointment: a };
  }

  async reschedule(who: Requester, ref: string, slotId: string): Promise<ChangeResult> {
    const checked = await this.checkReschedule(who, ref);
    if (!checked.ok) return checked;
    const slot = await this.slot(slotId);
    if (!slot || slot.officeId !== checked.appointment.officeId || slot.id === checked.appointment.slotId) return { ok: false, reason: 'not-active' };
    if (slotStart(slot).getTime() <= this.deps.now().getTime()) return { ok: false, reason: 'too-late' };
    const moved = await this.deps.store.move(ref, slotId, this.deps.now());
    if (moved.ok) return this.notify('rescheduled', moved, who);
    if (moved.reason === 'changed') return { ok: false, reason: 'not-active' };
    return { ok: false, reason: 'full', alternatives: await this.freeSlots(slot.officeId, { after: slot }) };
  }

  /** Tells the notifier, then returns the result unchanged whatever the notifier did. */
  private async notify<T extends { ok: true; appointment: Appointment }>(kind: AppointmentChangeKind, result: T, who: Requester): Promise<T> {
    try {
      await this.deps.notifier?.changed(kind, result.appointment, who);
    } catch {
      // A confirmation that could not be queued must not undo the change (the reply confirms it).
    }
    return result;
  }

  private async slot(slotId: string): Promise<SlotView | undefined> {
    const [officeId, date] = slotId.split('|');
    if (!officeId || !date) return undefined;
    const office = await this.office(officeId);
    if (!office) return undefined;
    const stored = await this.deps.store.slots(officeId, [date]);
    const found = stored.find((s) => s.id === slotId);
    if (found) return found;
    // Not created yet: valid only if it is one of the office's bookable slots.
    const spec = generateSlots(office, bookingDates(office, this.deps.now())).find((s) => s.id === slotId);
    if (!spec) return undefined;
    await this.deps.store.ensureSlots([spec]);
    return { ...spec, booked: 0 };
  }
}
