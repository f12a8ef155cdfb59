// MongoDB side of window appointments, plus the records lookup that personalises walkthroughs.
// A seat is taken with one conditional update ({ booked < capacity } -> $inc booked), so two
// drivers can never get the last seat; the appointment is inserted after, and if that insert
// fails the seat is given back. Cancelling flips the status first and only then frees the seat,
// so a seat is never freed twice.
import type { Model } from 'mongoose';
import type { AppointmentStore, Appointment, NewAppointment } from '../../services/appointments/service';
import type { Office } from '../../services/appointments/offices';
import type { SlotView } from '../../services/appointments/slots';
import { bookingDates, generateSlots } from '../../services/appointments/slots';
import { loadOffices } from '../../services/appointments/offices';
import { factsFromRecords, type RecordsPort } from '../../services/appointments/records';
import type { AppointmentDoc, OfficeDoc, SlotDoc } from '../models/appointments';
import type { LicenceDoc, VehicleDoc } from '../models/records';
import { isDuplicateKey } from '../errors';

export interface AppointmentRepoModels {
  Office: Model<OfficeDoc>;
  AppointmentSlot: Model<SlotDoc>;
  Appointment: Model<AppointmentDoc>;
}

const REF_ATTEMPTS = 5;

function toOffice(d: OfficeDoc): Office {
  const { _id, services, ...rest } = d;
  return { id: _id, ...rest, categories: rest.categories as Office['categories'], ...(services ? { services } : {}) };
}

const toSlot = (d: SlotDoc): SlotView => ({ id: d._id, officeId: d.officeId, date: d.date, time: d.time, capacity: d.capacity, booked: d.booked });

function toAppointment(d: AppointmentDoc): Appointment {
  const a: Appointment = {
    ref: d.ref,
    userId: d.userId,
    channelId: d.channelId,
    serviceId: d.serviceId,
    officeId: d.officeId,
    slotId: d.slotId,
    date: d.date,
    time: d.time,
    status: d.status,
    changes: d.changes,
    createdAt: d.createdAt,
  };
  if (d.phone !== undefined) a.phone = d.phone;
  return a;
}

export function mongoAppointmentStore(models: AppointmentRepoModels): AppointmentStore {
  const { Office: Offices, AppointmentSlot: Slots, Appointment: Appointments } = models;

  /** Takes one seat if one is free; the slot after the update, or null when it was full. */
  const takeSeat = (slotId: string) =>
    Slots.findOneAndUpdate({ _id: slotId, $expr: { $lt: ['$booked', '$capacity'] } }, { $inc: { booked: 1 } }, { returnDocument: 'after' }).lean();
  const releaseSeat = (slotId: string) => Slots.updateOne({ _id: slotId, booked: { $gt: 0 } }, { $inc: { booked: -1 } });

  return {
    async offices() {
      const docs = await Offices.find().sort({ _id: 1 }).lean<OfficeDoc[]>();
      return docs.map(toOffice);
    },

    async slots(officeId, dates) {
      const docs = await Slots.find({ officeId, date: { $in: [...dates] } }).lean<SlotDoc[]>();
      return docs.map(toSlot);
    },

    async ensureSlots(specs) {
      if (specs.length === 0) return;
      const existing = new Set(
        (await Slots.find({ _id: { $in: specs.map((s) => s.id) } }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((d) => d._id),
      );
      const missing = specs.filter((s) => !existing.has(s.id));
      if (missing.length === 0) return;
      try {
        await Slots.insertMany(
          missing.map((s) => ({ _id: s.id, officeId: s.officeId, date: s.date, time: s.time, capacity: s.capacity, booked: 0 })),
          { ordered: false },
        );
      } catch (err) {
        // Another turn created some of them at the same moment: theirs are as good as ours.
        if (!isDuplicateKey(err)) throw err;
      }
    },

    async book(slotId, appointment: NewAppointment, newRef) {
      const slot = await takeSeat(slotId);
      if (!slot) return { ok: false, reason: 'full' };
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            const doc = await Appointments.create({
              ...appointment,
              ref: newRef(),
              officeId: slot.officeId,
              date: slot.date,
              time: slot.time,
              status: 'booked',
              changes: 0,
              updatedAt: appointment.createdAt,
            });
            return { ok: true, appointment: toAppointment(doc.toObject()) };
          } catch (err) {
            if (!isDuplicateKey(err) || attempt >= REF_ATTEMPTS) throw err;
          }
        }
      } catch (err) {
        await releaseSeat(slotId);
        throw err;
      }
    },

    async byRef(ref) {
      const doc = await Appointments.findOne({ ref }).lean<AppointmentDoc>();
      return doc ? toAppointment(doc) : undefined;
    },

    async ofUser(userId) {
      const docs = await Appointments.find({ userId, status: 'booked' }).lean<AppointmentDoc[]>();
      return docs.map(toAppointment);
    },

    async cancel(ref, at) {
      const doc = await Appointments.findOneAndUpdate(
        { ref, status: 'booked' },
        { $set: { status: 'cancelled', updatedAt: at } },
        { returnDocument: 'after' },
      ).lean<AppointmentDoc>();
      if (!doc) return undefined;
      await releaseSeat(doc.slotId);
      return toAppointment(doc);
    },

    async move(ref, toSlotId, at) {
      const current = await Appointments.findOne({ ref, status: 'booked' }).lean<AppointmentDoc>();
      if (!current) return { ok: false, reason: 'changed' };
      const slot = await takeSeat(toSlotId);
      if (!slot) return { ok: false, reason: 'full' };
      const doc = await Appointments.findOneAndUpdate(
        { ref, status: 'booked', slotId: current.slotId },
        { $set: { slotId: slot._id, date: slot.date, time: slot.time, officeId: slot.officeId, updatedAt: at }, $inc: { changes: 1 } },
        { returnDocument: 'after' },
      ).lean<AppointmentDoc>();
      if (!doc) {
        // Cancelled or moved meanwhile (another message of the same driver): give the new seat back.
        await releaseSeat(toSlotId);
        return { ok: false, reason: 'changed' };
      }
      await releaseSeat(current.slotId);
      return { ok: true, appointment: toAppointment(doc) };
    },
  };
}

/**
 * Loads the demo offices of data/seed/offices.json (or `file`) into the offices collection and
 * creates their slots for the booking window. Idempotent: offices are replaced, slots kept.
 */
export async function seedOffices(models: AppointmentRepoModels, now: Date, file?: string): Promise<number> {
  const offices = loadOffices(file);
  const store = mongoAppointmentStore(models);
  for (const o of offices) {
    const { id, ...rest } = o;
    await models.Office.replaceOne({ _id: id }, { _id: id, ...rest }, { upsert: true });
    await store.ensureSlots(generateSlots(o, bookingDates(o, now)));
  }
  return offices.length;
}

/** Records of a verified phone from the licences and vehicles collections. */
export function mongoRecordsPort(models: { Licence: Model<LicenceDoc>; Vehicle: Model<VehicleDoc> }): RecordsPort {
  return {
    async knownFacts(phone) {
      const [licences, vehicles] = await Promise.all([
        models.Licence.find({ phone }).limit(5).lean<LicenceDoc[]>(),
        models.Vehicle.find({ ownerPhone: phone }).limit(5).lean<VehicleDoc[]>(),
      ]);
      return factsFromRecords(licences, vehicles);
    },
  };
}
