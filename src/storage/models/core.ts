// Collections the conversation pipeline relies on: bot state, inbound de-duplication,
// per-conversation leases and transcripts.
import { Schema, type Connection, type Model } from 'mongoose';

export interface BotStateDoc {
  _id: string;
  data: string;
  eTag: string;
  updatedAt: Date;
}

export interface InboundDoc {
  _id: string;
  channelId: string;
  conversationId: string;
  status: 'processing' | 'done';
  replies?: string;
  receivedAt: Date;
}

export interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

export interface TranscriptDoc {
  channelId: string;
  conversationId: string;
  activityId?: string;
  type: string;
  role: 'user' | 'bot';
  text?: string;
  locale?: string;
  timestamp: Date;
  expiresAt: Date;
}

const botStateSchema = new Schema<BotStateDoc>(
  {
    _id: { type: String, required: true },
    // Stored as JSON text: dialog state may hold keys MongoDB would refuse ($-prefixed, dotted).
    data: { type: String, required: true },
    eTag: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'bot_state', versionKey: false },
);

const inboundSchema = new Schema<InboundDoc>(
  {
    _id: { type: String, required: true },
    channelId: { type: String, required: true },
    conversationId: { type: String, required: true },
    status: { type: String, enum: ['processing', 'done'], required: true },
    replies: { type: String },
    receivedAt: { type: Date, required: true },
  },
  { collection: 'inbound_messages', versionKey: false },
);
// Providers redeliver within minutes, not weeks: a week of keys is plenty.
inboundSchema.index({ receivedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

const leaseSchema = new Schema<LeaseDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'leases', versionKey: false },
);
leaseSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 3600 });

const transcriptSchema = new Schema<TranscriptDoc>(
  {
    channelId: { type: String, required: true },
    conversationId: { type: String, required: true },
    activityId: { type: String },
    type: { type: String, required: true },
    role: { type: String, enum: ['user', 'bot'], required: true },
    text: { type: String },
    locale: { type: String },
    timestamp: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'transcripts', versionKey: false },
);
transcriptSchema.index({ channelId: 1, conversationId: 1, timestamp: 1 });
transcriptSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export interface CoreModels {
  BotState: Model<BotStateDoc>;
  Inbound: Model<InboundDoc>;
  Lease: Model<LeaseDoc>;
  Transcript: Model<TranscriptDoc>;
}

export function defineCoreModels(conn: Connection): CoreModels {
  return {
    BotState: conn.model<BotStateDoc>('BotState', botStateSchema),
    Inbound: conn.model<InboundDoc>('Inbound', inboundSchema),
    Lease: conn.model<LeaseDoc>('Lease', leaseSchema),
    Transcript: conn.model<TranscriptDoc>('Transcript', transcriptSchema),
  };
}
