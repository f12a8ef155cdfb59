// Window appointments: offices, their time slots with seat counts, and the drivers' bookings.
// A slot's _id is "<officeId>|<date>|<time>" so that creating slots is idempotent; `booked`
// only ever changes through one conditional update per seat (see repositories/appointments.ts).
import { Schema, type Connection, type Model } from 'mongoose';
import type { LocalisedText } from '../../knowledge/services';

export interface OfficeDoc {
  _id: string;
  name: LocalisedText;
  address: LocalisedText;
  hours: LocalisedText;
  days: number[];
  sessions: Array<{ start: string; end: string }>;
  slotMinutes: number;
  capacity: number;
  categories: string[];
  services?: string[];
  exclude: string[];
  closedDates: string[];
}

export interface SlotDoc {
  _id: string;
  officeId: string;
  /** Calendar day and start time in Asia/Shanghai. */
  date: string;
  time: string;
  capacity: number;
  booked: number;
}

export interface AppointmentDoc {
  ref: string;
  userId: string;
  channelId: string;
  phone?: string;
  serviceId: string;
  officeId: string;
  slotId: string;
  date: string;
  time: string;
  status: 'booked' | 'cancelled';
  changes: number;
  createdAt: Date;
  updatedAt: Date;
}

const options = { versionKey: false as const, strict: 'throw' as const };
const localised = { 'zh-CN': { type: String, required: true }, en: { type: String, required: true } };

const officeSchema = new Schema<OfficeDoc>(
  {
    _id: { type: String, required: true },
    name: localised,
    address: localised,
    hours: localised,
    days: { type: [Number], required: true },
    sessions: { type: [{ _id: false, start: { type: String, required: true }, end: { type: String, required: true } }], required: true },
    slotMinutes: { type: Number, required: true },
    capacity: { type: Number, required: true },
    categories: { type: [String], required: true },
    services: { type: [String], default: undefined },
    exclude: { type: [String], default: [] },
    closedDates: { type: [String], default: [] },
  },
  { ...options, collection: 'offices' },
);

const slotSchema = new Schema<SlotDoc>(
  {
    _id: { type: String, required: true },
    officeId: { type: String, required: true },
    date: { type: String, required: true },
    time: { type: String, required: true },
    capacity: { type: Number, required: true, min: 0 },
    booked: { type: Number, required: true, min: 0 },
  },
  { ...options, collection: 'appointment_slots' },
);
slotSchema.index({ officeId: 1, date: 1 });

const appointmentSchema = new Schema<AppointmentDoc>(
  {
    ref: { type: String, required: true },
    userId: { type: String, required: true },
    channelId: { type: String, required: true },
    phone: { type: String },
    serviceId: { type: String, required: true },
    officeId: { type: String, required: true },
    slotId: { type: String, required: true },
    date: { type: String, required: true },
    time: { type: String, required: true },
    status: { type: String, enum: ['booked', 'cancelled'], required: true },
    changes: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...options, collection: 'appointments' },
);
appointmentSchema.index({ ref: 1 }, { unique: true });
appointmentSchema.index({ userId: 1, status: 1 });
appointmentSchema.index({ slotId: 1, status: 1 });

export interface AppointmentModels {
  Office: Model<OfficeDoc>;
  AppointmentSlot: Model<SlotDoc>;
  Appointment: Model<AppointmentDoc>;
}

export function defineAppointmentModels(conn: Connection): AppointmentModels {
  return {
    Office: conn.model<OfficeDoc>('Office', officeSchema),
    AppointmentSlot: conn.model<SlotDoc>('AppointmentSlot', slotSchema),
    Appointment: conn.model<AppointmentDoc>('Appointment', appointmentSchema),
  };
}
