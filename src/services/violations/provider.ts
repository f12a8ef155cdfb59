/**
 * The port to whatever system holds vehicles, violations and licences. Today it is our MongoDB
 * (src/storage/repositories/violationProvider.ts); a real traffic-management system can be
 * plugged in behind the same interface without touching the dialogs.
 *
 * The port never hands out the secrets it checks (VIN, engine number, registered phones): it
 * answers "which records match this plate and this code / this phone". A real system that
 * verifies on its own side fits that shape; one that returns the secrets can be wrapped.
 */
import type { LicenceRecord, ViolationRecord } from '../records/schemas';

/** A vehicle is identified by its plate number and its plate type (号牌种类, e.g. 02 small car). */
export interface VehicleRef {
  plate: string;
  plateType: string;
}

/** What the driver asked about: a plate, with the plate type when it is known. */
export interface PlateQuery {
  plate: string;
  plateType?: string;
}

/** One violation record as shown to a verified driver (dates as ISO text, JSON-safe). */
export type ViolationItem = Omit<ViolationRecord, 'occurredAt'> & {
  /** ISO instant (UTC). */
  occurredAt: string;
};

/** A licence as shown to its verified holder. */
export type LicenceView = Pick<LicenceRecord, 'number' | 'class' | 'issuedAt' | 'validUntil' | 'points' | 'status'>;

export interface ViolationProvider {
  /** Vehicles under this plate (and type, when given) whose owner's registered phone is `phone`. */
  vehiclesOwnedBy(query: PlateQuery, phone: string): Promise<VehicleRef[]>;
  /**
   * Vehicles under this plate (and type) whose VIN ends with `code` (6 characters or the whole
   * VIN) or whose engine number ends with / equals `code`. `code` is already normalised:
   * upper-case letters and digits only. An unknown plate and a wrong code both give [].
   */
  vehiclesMatchingCode(query: PlateQuery, code: string): Promise<VehicleRef[]>;
  /** Violations of a vehicle that are not settled yet (unprocessed, or processed and unpaid). */
  outstandingViolations(vehicle: VehicleRef): Promise<ViolationItem[]>;
  /** Points this cycle on the licence of the vehicle's owner, when the system knows it. */
  ownerLicencePoints(vehicle: VehicleRef): Promise<number | undefined>;
  /** Numbers of the licences whose registered phone is `phone`. */
  licencesHeldBy(phone: string): Promise<string[]>;
  /** True when the licence exists and its first-issue date is `issuedOn` (YYYY-MM-DD). */
  licenceMatchesIssueDate(number: string, issuedOn: string): Promise<boolean>;
  licence(number: string): Promise<LicenceView | undefined>;
}
