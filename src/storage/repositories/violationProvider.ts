// The ViolationProvider port over our own MongoDB collections (imported records). Every value
// from a driver reaches a filter as a string under $eq: a message can never act as an operator.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Model } from 'mongoose';
import type {
  LicenceView,
  PlateQuery,
  VehicleRef,
  ViolationItem,
  ViolationProvider,
} from '../../services/violations/provider';
import type { LicenceDoc, VehicleDoc, ViolationDoc } from '../models/records';

export interface RecordModelsForProvider {
  Vehicle: Model<VehicleDoc>;
  Violation: Model<ViolationDoc>;
  Licence: Model<LicenceDoc>;
}

function str(value: string): { $eq: string } {
  if (typeof value !== 'string') throw new TypeError('lookup values must be strings');
  return { $eq: value };
}

function plateFilter(query: PlateQuery): Record<string, { $eq: string }> {
  return query.plateType === undefined
    ? { plate: str(query.plate) }
    : { plate: str(query.plate), plateType: str(query.plateType) };
}

/** Constant-time comparison of two short secrets (digests first, so lengths do not leak). */
function same(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/** The answers that verify a vehicle: VIN's last 6 or whole VIN, engine number's last 6 or whole. */
function codeMatches(vehicle: Pick<VehicleDoc, 'vin' | 'engineNo'>, code: string): boolean {
  const engine = vehicle.engineNo.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const candidates = [vehicle.vin.slice(-6), vehicle.vin, engine.slice(-6), engine];
  // Evaluate every candidate (no short-circuit), then decide.
  return candidates.map((c) => same(c, code)).some(Boolean);
}

function toItem(doc: ViolationDoc): ViolationItem {
  const item: ViolationItem = {
    id: doc._id,
    plate: doc.plate,
    plateType: doc.plateType,
    occurredAt: doc.occurredAt.toISOString(),
    location: doc.location,
    code: doc.code,
    description: doc.description,
    fineYuan: doc.fineYuan,
    points: doc.points as ViolationItem['points'],
    status: doc.status,
    source: doc.source,
  };
  if (doc.decidedAt !== undefined && doc.decidedAt !== null) item.decidedAt = doc.decidedAt;
  if (doc.onlineProcessable !== undefined && doc.onlineProcessable !== null) item.onlineProcessable = doc.onlineProcessable;
  return item;
}

export class MongoViolationProvider implements ViolationProvider {
  constructor(private readonly models: RecordModelsForProvider) {}

  async vehiclesOwnedBy(query: PlateQuery, phone: string): Promise<VehicleRef[]> {
    const docs = await this.models.Vehicle.find({ ...plateFilter(query), ownerPhone: str(phone) }, { plate: 1, plateType: 1 })
      .sort({ plateType: 1 })
      .lean();
    return docs.map((d) => ({ plate: d.plate, plateType: d.plateType }));
  }

  async vehiclesMatchingCode(query: PlateQuery, code: string): Promise<VehicleRef[]> {
    const docs = await this.models.Vehicle.find(plateFilter(query), { plate: 1, plateType: 1, vin: 1, engineNo: 1 })
      .sort({ plateType: 1 })
      .lean();
    return docs.filter((d) => codeMatches(d, code)).map((d) => ({ plate: d.plate, plateType: d.plateType }));
  }

  async outstandingViolations(vehicle: VehicleRef): Promise<ViolationItem[]> {
    const docs = await this.models.Violation.find({
      plate: str(vehicle.plate),
      plateType: str(vehicle.plateType),
      status: { $in: ['unprocessed', 'processed'] },
    })
      .sort({ occurredAt: -1 })
      .lean();
    return docs.map(toItem);
  }

  async ownerLicencePoints(vehicle: VehicleRef): Promise<number | undefined> {
    const owner = await this.models.Vehicle.findOne(
      { plate: str(vehicle.plate), plateType: str(vehicle.plateType) },
      { ownerPhone: 1 },
    ).lean();
    if (!owner) return undefined;
    const licences = await this.models.Licence.find({ phone: str(owner.ownerPhone) }, { points: 1 }).lean();
    // One licence per holder; if a phone were shared, the highest points are the cautious answer.
    return licences.length === 0 ? undefined : Math.max(...licences.map((l) => l.points));
  }

  async licencesHeldBy(phone: string): Promise<string[]> {
    const docs = await this.models.Licence.find({ phone: str(phone) }, { number: 1 }).sort({ number: 1 }).lean();
    return docs.map((d) => d.number);
  }

  async licenceMatchesIssueDate(number: string, issuedOn: string): Promise<boolean> {
    const doc = await this.models.Licence.findOne({ number: str(number) }, { issuedAt: 1 }).lean();
    // Compare even when the licence is unknown, so both paths do the same work.
    return same(doc?.issuedAt ?? '', issuedOn) && doc !== null;
  }

  async licence(number: string): Promise<LicenceView | undefined> {
    const doc = await this.models.Licence.findOne({ number: str(number) }).lean();
    if (!doc) return undefined;
    return {
      number: doc.number,
      class: doc.class,
      issuedAt: doc.issuedAt,
      validUntil: doc.validUntil,
      points: doc.points,
      status: doc.status as LicenceView['status'],
    };
  }
}
