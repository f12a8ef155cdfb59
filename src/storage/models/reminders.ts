// Deadline reminders a driver asked for over SMS: one document per SMS to send (30 and 7 days
// before the deadline), with the consent it was given under. The reminder worker claims due ones
// with a lease; a sent, refused or cancelled reminder is kept as the consent record (MIIT draft:
// at least five months) and then purged.
import { Schema, type Connection, type Model } from 'mongoose';
import { DEADLINE_KINDS } from '../../services/reminders/rules';
import { REMINDER_STATUSES, type Reminder, type ReminderConsent } from '../../services/reminders/types';

export type ReminderDoc = Reminder;

const reminderSchema = new Schema<ReminderDoc>(
  {
    _id: { type: String, required: true },
    group: { type: String, required: true },
    phone: { type: String, required: true },
    channel: { type: String, required: true },
    locale: { type: String, required: true },
    kind: { type: String, enum: DEADLINE_KINDS, required: true },
    deadline: { type: String, required: true },
    serviceId: { type: String, required: true },
    offsetDays: { type: Number, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: REMINDER_STATUSES, required: true },
    consent: {
      type: new Schema<ReminderConsent>(
        { at: { type: Date, required: true }, channel: { type: String, required: true }, source: { type: String, required: true }, text: { type: String, required: true } },
        { _id: false },
      ),
      required: true,
    },
    claimedBy: { type: String },
    claimedAt: { type: Date },
    claimedUntil: { type: Date },
    outboxIds: { type: [String], default: [] },
    reason: { type: String },
    history: { type: [new Schema({ at: Date, event: String, reason: String }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    purgeAt: { type: Date },
  },
  { collection: 'sms_reminders', versionKey: false },
);
reminderSchema.index({ status: 1, dueAt: 1 });
reminderSchema.index({ phone: 1, status: 1 });
reminderSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export interface ReminderModels {
  Reminder: Model<ReminderDoc>;
}

export function defineReminderModels(conn: Connection): ReminderModels {
  return { Reminder: conn.model<ReminderDoc>('Reminder', reminderSchema) };
}
