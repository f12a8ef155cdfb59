/**
 * Violation and points lookups, verified and private (issue 6): the dialogs call this, never the
 * provider or the storage directly.
 *
 * Privacy: an unverified person learns nothing, not even whether a plate exists. The sender's
 * phone is checked first (SMS only); otherwise a code is asked for, whatever the plate, and an
 * unknown plate and a wrong code give the same `mismatch`. A verification through the registered
 * phone is not a guess, so it is not blocked by the failure limits.
 */
import { foldPlateText } from '../../nlu/entities/plate';
import type { LicenceView, PlateQuery, VehicleRef, ViolationItem, ViolationProvider } from './provider';
import { LookupGuard, type GuardDeps, type LockScope, type Requester, type Subject } from './security';
import {
  FULL_POINTS,
  canProcessOnline,
  currentCycle,
  lateFee,
  type Eligibility,
  type LateFee,
  type PointsCycle,
} from './rules';

export type Access<T> =
  | { status: 'granted'; via: 'phone' | 'code'; value: T }
  /** Ask for the code (VIN / engine number, or the licence's first-issue date). */
  | { status: 'needCode' }
  /** The answer is not a code at all (too short, no date): ask again, nothing counted. */
  | { status: 'invalidCode' }
  /** Wrong code or unknown subject: the same answer on purpose. */
  | { status: 'mismatch' }
  | { status: 'locked'; scope: LockScope; until: Date };

export interface Totals {
  /** Outstanding records (unprocessed, or processed and unpaid). */
  count: number;
  /** Fines still owed, in yuan (late fees not included). */
  fineYuan: number;
  /** Points of the unprocessed records (processed ones are already on a licence). */
  points: number;
}

export interface VehicleOverview {
  items: ViolationItem[];
  totals: Totals;
  /** Points already on the owner's licence this cycle, when known. */
  licencePoints?: number;
}

export interface Assessment {
  eligibility: Eligibility;
  fee: LateFee;
}

export interface LicenceOverview {
  licence: LicenceView;
  cycle: PointsCycle;
  /** Points left before 12 (0 when at or above 12). */
  remaining: number;
}

export interface ViolationServiceDeps extends GuardDeps {
  provider: ViolationProvider;
}

/** Letters and digits of a VIN / engine-number answer ("lsv…184825", "18 48 25"), upper case. */
export function normaliseCode(text: string): string | undefined {
  const code = foldPlateText(text).replace(/[^0-9A-Z]/g, '');
  return code.length >= 4 && code.length <= 17 ? code : undefined;
}

/** A date answer ("2016-06-01", "2016年6月1日", "20160601") as YYYY-MM-DD. */
export function normaliseIssueDate(text: string): string | undefined {
  const folded = foldPlateText(text);
  const m = /(\d{4})[^\d]{0,3}(\d{1,2})[^\d]{0,3}(\d{1,2})/.exec(folded) ?? /(\d{4})(\d{2})(\d{2})/.exec(folded);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** An 18-character licence (identity) number found in a message. */
export function extractLicenceNumber(text: string): string | undefined {
  const folded = foldPlateText(text).replace(/[\s-]/g, '');
  return /(?<![0-9A-Z])(\d{17}[\dX])(?![0-9A-Z])/.exec(folded)?.[1];
}

function newestFirst(a: ViolationItem, b: ViolationItem): number {
  return Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || a.id.localeCompare(b.id);
}

export class ViolationService {
  private readonly guard: LookupGuard;

  constructor(private readonly deps: ViolationServiceDeps) {
    this.guard = new LookupGuard(deps);
  }

  now(): Date {
    return this.deps.now();
  }

  /** First step for a plate: granted through the sender's phone, or a code is needed. */
  async startVehicle(requester: Requester, query: PlateQuery): Promise<Access<VehicleRef[]>> {
    const subject: Subject = { kind: 'vehicle', ...query };
    if (requester.phone !== undefined) {
      const owned = await this.deps.provider.vehiclesOwnedBy(query, requester.phone);
      if (owned.length > 0) {
        await this.guard.audit(requester, subject, 'phone');
        return { status: 'granted', via: 'phone', value: owned };
      }
    }
    return this.challenge(requester, subject);
  }

  async verifyVehicle(requester: Requester, query: PlateQuery, answer: string): Promise<Access<VehicleRef[]>> {
    const code = normaliseCode(answer);
    if (code === undefined) return { status: 'invalidCode' };
    const subject: Subject = { kind: 'vehicle', ...query };
    return this.check(requester, subject, () => this.deps.provider.vehiclesMatchingCode(query, code), (v) => v.length > 0);
  }

  /**
   * First step for a licence. Without a number, an SMS sender who holds exactly one licence is
   * granted it; otherwise the number must be asked (`needCode` is not returned then: the
   * caller asks for the number when `number` is undefined and this answers undefined).
   */
  async startLicence(requester: Requester, number?: string): Promise<Access<string> | undefined> {
    const held = requester.phone === undefined ? [] : await this.deps.provider.licencesHeldBy(requester.phone);
    const mine = number === undefined ? (held.length === 1 ? held[0] : undefined) : held.find((n) => n === number);
    if (mine !== undefined) {
      await this.guard.audit(requester, { kind: 'licence', number: mine }, 'phone');
      return { status: 'granted', via: 'phone', value: mine };
    }
    if (number === undefined) return undefined;
    return this.challenge(requester, { kind: 'licence', number });
  }

  async verifyLicence(requester: Requester, number: string, answer: string): Promise<Access<string>> {
    const issuedOn = normaliseIssueDate(answer);
    if (issuedOn === undefined) return { status: 'invalidCode' };
    return this.check(
      requester,
      { kind: 'licence', number },
      async () => ((await this.deps.provider.licenceMatchesIssueDate(number, issuedOn)) ? number : undefined),
      (v): v is string => v !== undefined,
    );
  }

  async vehicleOverview(vehicle: VehicleRef): Promise<VehicleOverview> {
    const [items, licencePoints] = await Promise.all([
      this.deps.provider.outstandingViolations(vehicle),
      this.deps.provider.ownerLicencePoints(vehicle),
    ]);
    const outstanding = items.filter((v) => v.status !== 'paid').sort(newestFirst);
    const totals = outstanding.reduce<Totals>(
      (acc, v) => ({
        count: acc.count + 1,
        fineYuan: acc.fineYuan + v.fineYuan,
        points: acc.points + (v.status === 'unprocessed' ? v.points : 0),
      }),
      { count: 0, fineYuan: 0, points: 0 },
    );
    return licencePoints === undefined ? { items: outstanding, totals } : { items: outstanding, totals, licencePoints };
  }

  /** Whether a record can be processed online, and its deadline and late fee as of now. */
  assess(item: ViolationItem, licencePoints?: number): Assessment {
    return {
      eligibility: canProcessOnline(item, licencePoints),
      fee: lateFee({ fineYuan: item.fineYuan, decisionReceivedOn: item.decidedAt ?? null, now: this.deps.now() }),
    };
  }

  async licenceOverview(number: string): Promise<LicenceOverview | undefined> {
    const licence = await this.deps.provider.licence(number);
    if (licence === undefined) return undefined;
    return {
      licence,
      cycle: currentCycle(licence.issuedAt, this.deps.now()),
      remaining: Math.max(0, FULL_POINTS - licence.points),
    };
  }

  private async challenge<T>(requester: Requester, subject: Subject): Promise<Access<T>> {
    const lock = await this.guard.lockState(requester, subject);
    if (lock.locked) {
      await this.guard.audit(requester, subject, 'locked');
      return { status: 'locked', scope: lock.scope ?? 'requester', until: lock.until ?? this.deps.now() };
    }
    await this.guard.audit(requester, subject, 'challenge');
    return { status: 'needCode' };
  }

  private async check<T>(
    requester: Requester,
    subject: Subject,
    lookup: () => Promise<T>,
    matched: (value: T) => boolean,
  ): Promise<Access<NonNullable<T>>> {
    const before = await this.guard.lockState(requester, subject);
    if (before.locked) {
      await this.guard.audit(requester, subject, 'locked');
      return { status: 'locked', scope: before.scope ?? 'requester', until: before.until ?? this.deps.now() };
    }
    const value = await lookup();
    if (matched(value)) {
      await this.guard.audit(requester, subject, 'code');
      return { status: 'granted', via: 'code', value: value as NonNullable<T> };
    }
    await this.guard.recordFailure(requester, subject);
    await this.guard.audit(requester, subject, 'mismatch');
    const after = await this.guard.lockState(requester, subject);
    if (after.locked) return { status: 'locked', scope: after.scope ?? 'requester', until: after.until ?? this.deps.now() };
    return { status: 'mismatch' };
  }
}
