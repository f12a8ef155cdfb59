// Collections of outbound messaging and the SMS channels: the outbox, consent and opt-out per
// number, provider events (status callbacks and receipts, de-duplicated by key), Aliyun inbound
// pushes (stored before they are answered) and the choices an SMS conversation last showed.
import { Schema, type Connection, type Model } from 'mongoose';
import { OUTBOX_STATUSES, type OutboxStatus } from '../../services/messaging/outbox';
import { MESSAGE_KINDS, type MessageKind } from '../../services/messaging/consent';

export interface OutboxDoc {
  _id: string;
  /** Creation order (ordering per number). */
  seq: number;
  channel: string;
  to: string;
  kind: MessageKind;
  locale: string;
  /** The SMS as the driver reads it. */
  text: string;
  /** Aliyun: the template and its TemplateParam (JSON text). */
  template?: { code: string; params: string };
  /** The logical message this part belongs to, with its position. */
  group: string;
  part: number;
  parts: number;
  /** twiml: handed to Twilio in the webhook answer; api: sent by the worker through the REST API/SDK. */
  via: 'twiml' | 'api';
  status: OutboxStatus;
  providerId?: string;
  providerStatus?: string;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy?: string;
  claimedUntil?: Date;
  error?: { code: string; message: string; reason: string };
  conversationId?: string;
  createdAt: Date;
  updatedAt: Date;
  sentAt?: Date;
  deliveredAt?: Date;
}

export interface ConsentEvent {
  at: Date;
  action: 'optOut' | 'optIn' | 'consent' | 'withdraw';
  channel: string;
  source: string;
}

export interface ConsentDoc {
  /** E.164 phone number. */
  _id: string;
  optedOut: boolean;
  blockedBy: string[];
  campaignConsent: boolean;
  optedOutAt?: Date;
  optedInAt?: Date;
  updatedAt: Date;
  /** Kept as proof of consent and refusal (MIIT draft: at least five months). */
  history: ConsentEvent[];
}

export interface ProviderEventDoc {
  /** twilio:<MessageSid>:<MessageStatus> or aliyun-report:<biz_id>:<phone>. */
  _id: string;
  receivedAt: Date;
}

export interface SmsInboundDoc {
  /** aliyun:<sequence_id>. */
  _id: string;
  channel: string;
  sequenceId: string;
  phone: string;
  content: string;
  sentAt: Date;
  destCode?: string;
  status: 'pending' | 'done';
  receivedAt: Date;
}

export interface SmsSessionDoc {
  /** <channel>:<phone>. */
  _id: string;
  /** The values of the numbered choices last shown ("2" means choices[1]). */
  choices: string[];
  updatedAt: Date;
}

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    channel: { type: String, required: true },
    to: { type: String, required: true },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    locale: { type: String, required: true },
    text: { type: String, required: true },
    template: { type: new Schema({ code: String, params: String }, { _id: false }), required: false },
    group: { type: String, required: true },
    part: { type: Number, required: true },
    parts: { type: Number, required: true },
    via: { type: String, enum: ['twiml', 'api'], required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true },
    providerId: { type: String },
    providerStatus: { type: String },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    claimedBy: { type: String },
    claimedUntil: { type: Date },
    error: { type: new Schema({ code: String, message: String, reason: String }, { _id: false }), required: false },
    conversationId: { type: String },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sentAt: { type: Date },
    deliveredAt: { type: Date },
  },
  { collection: 'sms_outbox', versionKey: false },
);
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ providerId: 1 });
outboxSchema.index({ to: 1, status: 1 });

const consentSchema = new Schema<ConsentDoc>(
  {
    _id: { type: String, required: true },
    optedOut: { type: Boolean, required: true },
    blockedBy: { type: [String], default: [] },
    campaignConsent: { type: Boolean, required: true },
    optedOutAt: { type: Date },
    optedInAt: { type: Date },
    updatedAt: { type: Date, required: true },
    history: {
      type: [new Schema({ at: Date, action: String, channel: String, source: String }, { _id: false })],
      default: [],
    },
  },
  { collection: 'sms_consent', versionKey: false },
);

const providerEventSchema = new Schema<ProviderEventDoc>(
  {
    _id: { type: String, required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'sms_provider_events', versionKey: false },
);
// Providers repeat callbacks within hours (Aliyun retries up to a day): a month of keys is plenty.
providerEventSchema.index({ receivedAt: 1 }, { expireAfterSeconds: 30 * 24 * 3600 });

const inboundSchema = new Schema<SmsInboundDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    sequenceId: { type: String, required: true },
    phone: { type: String, required: true },
    content: { type: String, default: '' },
    sentAt: { type: Date, required: true },
    destCode: { type: String },
    status: { type: String, enum: ['pending', 'done'], required: true },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'sms_inbound', versionKey: false },
);
inboundSchema.index({ status: 1, receivedAt: 1 });
inboundSchema.index({ receivedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

const sessionSchema = new Schema<SmsSessionDoc>(
  {
    _id: { type: String, required: true },
    choices: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sms_sessions', versionKey: false },
);
sessionSchema.index({ updatedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

export interface MessagingModels {
  Outbox: Model<OutboxDoc>;
  Consent: Model<ConsentDoc>;
  ProviderEvent: Model<ProviderEventDoc>;
  SmsInbound: Model<SmsInboundDoc>;
  SmsSession: Model<SmsSessionDoc>;
}

export function defineMessagingModels(conn: Connection): MessagingModels {
  return {
    Outbox: conn.model<OutboxDoc>('Outbox', outboxSchema),
    Consent: conn.model<ConsentDoc>('Consent', consentSchema),
    ProviderEvent: conn.model<ProviderEventDoc>('ProviderEvent', providerEventSchema),
    SmsInbound: conn.model<SmsInboundDoc>('SmsInbound', inboundSchema),
    SmsSession: conn.model<SmsSessionDoc>('SmsSession', sessionSchema),
  };
}
