// MongoDB implementations of the lookup-security ports: failed attempts (TTL) and the audit log.
import type { Model } from 'mongoose';
import type { AttemptStore, AuditEntry, AuditLog } from '../../services/violations/security';
import type { LookupAuditDoc, VerificationFailureDoc } from '../models/violationSecurity';

const DAY_MS = 86_400_000;

export class MongoAttemptStore implements AttemptStore {
  constructor(private readonly model: Model<VerificationFailureDoc>) {}

  async recordFailure(keys: string[], at: Date, keepUntil: Date): Promise<void> {
    // TTL deletion runs on the wall clock, while `at` comes from the app's (injectable) clock:
    // keep each record at least a day of wall-clock time so an early sweep cannot unlock anyone.
    const expiresAt = new Date(Math.max(keepUntil.getTime(), Date.now() + DAY_MS));
    await this.model.insertMany(keys.map((key) => ({ key, at, expiresAt })));
  }

  async failuresSince(key: string, since: Date): Promise<Date[]> {
    const docs = await this.model.find({ key: { $eq: key }, at: { $gte: since } }, { at: 1 }).sort({ at: 1 }).lean();
    return docs.map((d) => d.at);
  }
}

export class MongoAuditLog implements AuditLog {
  constructor(private readonly model: Model<LookupAuditDoc>) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.model.create({ ...entry });
  }
}
