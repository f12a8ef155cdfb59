// What the bot may already know about a driver whose phone is verified (the SMS sender is the
// registered phone): their licence and, when they own exactly one, their vehicle. The
// walkthrough uses these to skip questions and to personalise answers (days left, points).
import type { KnownFacts } from '../../knowledge/services';

export interface LicenceSummary {
  class: string;
  validUntil: string;
  points: number;
}

export interface VehicleSummary {
  plate: string;
  nextInspectionDue: string;
}

export interface DriverRecords {
  facts: KnownFacts;
  licence?: LicenceSummary;
  vehicle?: VehicleSummary;
}

/** Looks up the records of a verified phone (E.164). Never called for an unverified one. */
export interface RecordsPort {
  knownFacts(phone: string): Promise<DriverRecords>;
}

export const NO_RECORDS: RecordsPort = {
  async knownFacts() {
    return { facts: {} };
  },
};

export interface LicenceRecord {
  number: string;
  class: string;
  issuedAt: string;
  validUntil: string;
  points: number;
  status: string;
}

export interface VehicleRecord {
  plate: string;
  plateType: string;
  registeredAt: string;
  nextInspectionDue: string;
}

/** The birth date in an 18-digit resident identity number (digits 7-14), if it is a real date. */
export function birthDateFromIdNumber(idNumber: string): string | undefined {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/i.exec(idNumber.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * Facts from the records of one phone. One licence counts (a cancelled one is ignored); vehicle
 * facts only when the phone owns exactly one vehicle, since otherwise we would not know which.
 */
export function factsFromRecords(licences: readonly LicenceRecord[], vehicles: readonly VehicleRecord[]): DriverRecords {
  const out: DriverRecords = { facts: {} };
  const usable = licences.filter((l) => l.status !== 'cancelled');
  if (usable.length === 1) {
    const l = usable[0]!;
    Object.assign(out.facts, {
      'licence.validUntil': l.validUntil,
      'licence.issuedAt': l.issuedAt,
      'licence.points': l.points,
      'licence.class': l.class,
    });
    const birth = birthDateFromIdNumber(l.number);
    if (birth) out.facts['person.birthDate'] = birth;
    out.licence = { class: l.class, validUntil: l.validUntil, points: l.points };
  }
  if (vehicles.length === 1) {
    const v = vehicles[0]!;
    Object.assign(out.facts, {
      'vehicle.registeredAt': v.registeredAt,
      'vehicle.nextInspectionDue': v.nextInspectionDue,
      'vehicle.plateType': v.plateType,
    });
    out.vehicle = { plate: v.plate, nextInspectionDue: v.nextInspectionDue };
  }
  return out;
}
