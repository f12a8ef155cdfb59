// Imported records (CONTRACT.md "Import record shapes"): vehicles, violations, licences and the
// audience of campaigns. Each has a unique natural key, so an import is an upsert by that key.
// Calendar days are kept as YYYY-MM-DD text (they are days in Asia/Shanghai, not instants);
// instants (occurredAt) are Dates in UTC.
import { Schema, type Connection, type Model } from 'mongoose';

export interface VehicleDoc {
  plate: string;
  plateType: string;
  vin: string;
  engineNo: string;
  ownerName: string;
  ownerPhone: string;
  registeredAt: string;
  nextInspectionDue: string;
}

export interface ViolationDoc {
  /** The provider's record id (natural key). */
  _id: string;
  plate: string;
  plateType: string;
  occurredAt: Date;
  location: string;
  code: string;
  description: string;
  fineYuan: number;
  points: number;
  status: 'unprocessed' | 'processed' | 'paid';
  source: 'electronic' | 'onsite';
  decidedAt?: string;
  onlineProcessable?: boolean;
}

export interface LicenceDoc {
  number: string;
  name: string;
  phone: string;
  class: string;
  issuedAt: string;
  validUntil: string;
  points: number;
  status: string;
}

export interface AudienceDoc {
  phone: string;
  locale: string;
  consent: boolean;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
}

const options = { versionKey: false as const, strict: 'throw' as const, minimize: false };

const vehicleSchema = new Schema<VehicleDoc>(
  {
    plate: { type: String, required: true },
    plateType: { type: String, required: true },
    vin: { type: String, required: true },
    engineNo: { type: String, required: true },
    ownerName: { type: String, required: true },
    ownerPhone: { type: String, required: true },
    registeredAt: { type: String, required: true },
    nextInspectionDue: { type: String, required: true },
  },
  { ...options, collection: 'vehicles' },
);
vehicleSchema.index({ plate: 1, plateType: 1 }, { unique: true });
vehicleSchema.index({ ownerPhone: 1 });

const violationSchema = new Schema<ViolationDoc>(
  {
    _id: { type: String, required: true },
    plate: { type: String, required: true },
    plateType: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    location: { type: String, required: true },
    code: { type: String, required: true },
    description: { type: String, required: true },
    fineYuan: { type: Number, required: true },
    points: { type: Number, required: true },
    status: { type: String, enum: ['unprocessed', 'processed', 'paid'], required: true },
    source: { type: String, enum: ['electronic', 'onsite'], required: true },
    decidedAt: { type: String },
    onlineProcessable: { type: Boolean },
  },
  { ...options, collection: 'violations' },
);
violationSchema.index({ plate: 1, plateType: 1, status: 1 });

const licenceSchema = new Schema<LicenceDoc>(
  {
    number: { type: String, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    class: { type: String, required: true },
    issuedAt: { type: String, required: true },
    validUntil: { type: String, required: true },
    points: { type: Number, required: true },
    status: { type: String, required: true },
  },
  { ...options, collection: 'licences' },
);
licenceSchema.index({ number: 1 }, { unique: true });
licenceSchema.index({ phone: 1 });

const audienceSchema = new Schema<AudienceDoc>(
  {
    phone: { type: String, required: true },
    locale: { type: String, required: true },
    consent: { type: Boolean, required: true },
    tags: { type: [String], default: undefined },
    attributes: { type: Schema.Types.Mixed },
  },
  { ...options, collection: 'audience' },
);
audienceSchema.index({ phone: 1 }, { unique: true });

export interface RecordModels {
  Vehicle: Model<VehicleDoc>;
  Violation: Model<ViolationDoc>;
  Licence: Model<LicenceDoc>;
  Audience: Model<AudienceDoc>;
}

export function defineRecordModels(conn: Connection): RecordModels {
  return {
    Vehicle: conn.model<VehicleDoc>('Vehicle', vehicleSchema),
    Violation: conn.model<ViolationDoc>('Violation', violationSchema),
    Licence: conn.model<LicenceDoc>('Licence', licenceSchema),
    Audience: conn.model<AudienceDoc>('Audience', audienceSchema),
  };
}
