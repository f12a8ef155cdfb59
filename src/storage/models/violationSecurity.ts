// Failed verification attempts (for the lockout; they expire by TTL) and the audit log of
// lookups. Neither holds a full phone, plate or identity number: keys are digests, the rest is
// masked by the service before it gets here.
import { Schema, type Connection, type Model } from 'mongoose';
import type { LookupOutcome } from '../../services/violations/security';

export interface VerificationFailureDoc {
  /** Digest of the requester or the subject. */
  key: string;
  at: Date;
  expiresAt: Date;
}

export interface LookupAuditDoc {
  at: Date;
  kind: 'vehicle' | 'licence';
  channel: string;
  requester: string;
  requesterKey: string;
  subject: string;
  outcome: LookupOutcome;
}

const failureSchema = new Schema<VerificationFailureDoc>(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'verification_failures', versionKey: false },
);
failureSchema.index({ key: 1, at: 1 });
failureSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const auditSchema = new Schema<LookupAuditDoc>(
  {
    at: { type: Date, required: true },
    kind: { type: String, enum: ['vehicle', 'licence'], required: true },
    channel: { type: String, required: true },
    requester: { type: String, required: true },
    requesterKey: { type: String, required: true },
    subject: { type: String, required: true },
    outcome: { type: String, enum: ['phone', 'code', 'mismatch', 'locked', 'challenge'], required: true },
  },
  { collection: 'lookup_audit', versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ requesterKey: 1, at: -1 });

export interface ViolationSecurityModels {
  VerificationFailure: Model<VerificationFailureDoc>;
  LookupAudit: Model<LookupAuditDoc>;
}

export function defineViolationSecurityModels(conn: Connection): ViolationSecurityModels {
  return {
    VerificationFailure: conn.model<VerificationFailureDoc>('VerificationFailure', failureSchema),
    LookupAudit: conn.model<LookupAuditDoc>('LookupAudit', auditSchema),
  };
}
