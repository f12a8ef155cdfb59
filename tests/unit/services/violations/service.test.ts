// The lookup service with in-memory ports: verification, the same answer for an unknown plate
// and a wrong code, lockout and its expiry, audit entries without personal data in clear.
import type { LicenceView, PlateQuery, VehicleRef, ViolationItem, ViolationProvider } from '../../../../src/services/violations/provider';
import {
  ViolationService,
  extractLicenceNumber,
  normaliseCode,
  normaliseIssueDate,
} from '../../../../src/services/violations/service';
import type { AttemptStore, AuditEntry, AuditLog, Requester } from '../../../../src/services/violations/security';

const VEHICLES = [
  { plate: '赣G12345', plateType: '02', vin: 'LSVAM4187C2184825', engineNo: 'C218482', ownerPhone: '+8613800138000' },
];
const LICENCES = [{ number: '360421199001011234', phone: '+8613800138000', issuedAt: '2016-06-01', points: 3 }];

const fakeProvider: ViolationProvider = {
  async vehiclesOwnedBy(q: PlateQuery, phone: string): Promise<VehicleRef[]> {
    return VEHICLES.filter((v) => v.plate === q.plate && v.ownerPhone === phone).map(({ plate, plateType }) => ({ plate, plateType }));
  },
  async vehiclesMatchingCode(q: PlateQuery, code: string): Promise<VehicleRef[]> {
    return VEHICLES.filter((v) => v.plate === q.plate && (v.vin.endsWith(code) && code.length >= 6)).map(({ plate, plateType }) => ({ plate, plateType }));
  },
  async outstandingViolations(): Promise<ViolationItem[]> {
    return [
      { id: 'a', plate: '赣G12345', plateType: '02', occurredAt: '2026-10-03T00:15:00.000Z', location: 'x', code: '1625', description: 'y', fineYuan: 200, points: 6, status: 'unprocessed', source: 'electronic' },
      { id: 'b', plate: '赣G12345', plateType: '02', occurredAt: '2026-11-03T00:15:00.000Z', location: 'x', code: '1345', description: 'y', fineYuan: 100, points: 1, status: 'processed', source: 'electronic', decidedAt: '2026-11-05' },
      { id: 'c', plate: '赣G12345', plateType: '02', occurredAt: '2026-09-03T00:15:00.000Z', location: 'x', code: '1039', description: 'y', fineYuan: 150, points: 0, status: 'paid', source: 'electronic' },
    ];
  },
  async ownerLicencePoints() {
    return 3;
  },
  async licencesHeldBy(phone: string) {
    return LICENCES.filter((l) => l.phone === phone).map((l) => l.number);
  },
  async licenceMatchesIssueDate(number: string, issuedOn: string) {
    return LICENCES.some((l) => l.number === number && l.issuedAt === issuedOn);
  },
  async licence(number: string): Promise<LicenceView | undefined> {
    const l = LICENCES.find((x) => x.number === number);
    return l && { number: l.number, class: 'C1', issuedAt: l.issuedAt, validUntil: '2026-12-20', points: l.points, status: 'valid' };
  },
};

class MemoryAttempts implements AttemptStore {
  readonly rows: { key: string; at: Date }[] = [];
  async recordFailure(keys: string[], at: Date): Promise<void> {
    for (const key of keys) this.rows.push({ key, at });
  }
  async failuresSince(key: string, since: Date): Promise<Date[]> {
    return this.rows.filter((r) => r.key === key && r.at >= since).map((r) => r.at).sort((a, b) => a.getTime() - b.getTime());
  }
}

class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
}

function setup(start = '2026-11-27T10:00:00+08:00') {
  let clock = new Date(start);
  const attempts = new MemoryAttempts();
  const audit = new MemoryAudit();
  const service = new ViolationService({ provider: fakeProvider, attempts, audit, now: () => clock });
  return {
    service,
    attempts,
    audit,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

const owner: Requester = { channel: 'sms-twilio', userId: '+8613800138000', phone: '+8613800138000' };
const stranger: Requester = { channel: 'sms-twilio', userId: '+8613911112222', phone: '+8613911112222' };
const chatUser: Requester = { channel: 'test', userId: 'chat-1' };
const plate = { plate: '赣G12345' };
const HOUR = 3_600_000;

describe('ViolationService verification', () => {
  it('grants the owner through the SMS sender phone without a code', async () => {
    const { service, audit } = setup();
    expect(await service.startVehicle(owner, plate)).toEqual({ status: 'granted', via: 'phone', value: [{ plate: '赣G12345', plateType: '02' }] });
    expect(audit.entries.map((e) => e.outcome)).toEqual(['phone']);
  });

  it('when the sender is not the owner, or on chat, asks for a code', async () => {
    const { service } = setup();
    expect(await service.startVehicle(stranger, plate)).toEqual({ status: 'needCode' });
    expect(await service.startVehicle(chatUser, plate)).toEqual({ status: 'needCode' });
    // A chat user whose id looks like the owner's phone is not trusted: only SMS vouches for it.
    expect(await service.startVehicle({ channel: 'test', userId: '+8613800138000' }, plate)).toEqual({ status: 'needCode' });
  });

  it('grants a stranger with the right VIN ending', async () => {
    const { service } = setup();
    expect(await service.verifyVehicle(stranger, plate, ' 184825 ')).toMatchObject({ status: 'granted', via: 'code' });
  });

  it('answers an unknown plate exactly like a wrong code', async () => {
    const { service } = setup();
    const wrong = await service.verifyVehicle(stranger, plate, '000000');
    const unknown = await service.verifyVehicle(stranger, { plate: '赣G99999' }, '184825');
    expect(wrong).toEqual({ status: 'mismatch' });
    expect(unknown).toEqual(wrong);
    expect(await service.startVehicle(stranger, { plate: '赣G99999' })).toEqual(await service.startVehicle(stranger, plate));
  });

  it('takes operator-looking answers as text: too short to be a code, or simply wrong', async () => {
    const { service, attempts } = setup();
    expect(await service.verifyVehicle(stranger, plate, '{"$gt": ""}')).toEqual({ status: 'invalidCode' });
    expect(attempts.rows).toEqual([]);
    expect(await service.verifyVehicle(stranger, plate, '{"$where": "1"}')).toEqual({ status: 'mismatch' });
    expect(normaliseCode('{"$gt": ""}')).toBeUndefined();
    expect(normaliseCode('{"$where": "1"}')).toBe('WHERE1');
  });

  it('locks a requester after 5 failures in an hour, and the lock expires', async () => {
    const { service, advance } = setup();
    const results = [];
    // Five different plates: each plate has one failure, the sender has five.
    for (let i = 0; i < 5; i += 1) {
      results.push((await service.verifyVehicle(stranger, { plate: `赣G1000${i}` }, '000000')).status);
      advance(60_000);
    }
    expect(results).toEqual(['mismatch', 'mismatch', 'mismatch', 'mismatch', 'locked']);
    const locked = await service.verifyVehicle(stranger, plate, '184825');
    expect(locked).toMatchObject({ status: 'locked', scope: 'requester' });
    // The lock lifts an hour after the first of the five failures.
    expect((locked as { until: Date }).until.toISOString()).toBe('2026-11-27T03:00:00.000Z');
    expect(await service.startVehicle(stranger, plate)).toMatchObject({ status: 'locked' });
    advance(HOUR - 5 * 60_000 + 1);
    expect(await service.verifyVehicle(stranger, plate, '184825')).toMatchObject({ status: 'granted' });
  });

  it('five failures on one plate keep that plate locked after the sender lock has expired', async () => {
    const { service, advance } = setup();
    for (let i = 0; i < 5; i += 1) await service.verifyVehicle(stranger, plate, `00000${i}`);
    advance(HOUR + 1);
    expect(await service.verifyVehicle(stranger, plate, '184825')).toMatchObject({ status: 'locked', scope: 'subject' });
    expect(await service.verifyVehicle(stranger, { plate: '赣G99999' }, '184825')).toEqual({ status: 'mismatch' });
  });

  it('locks a plate after 5 failures in a day from different senders; the owner phone still works', async () => {
    const { service, advance } = setup();
    for (let i = 0; i < 5; i += 1) {
      const r: Requester = { channel: 'sms-aliyun', userId: `+861390000000${i}`, phone: `+861390000000${i}` };
      await service.verifyVehicle(r, plate, '999999');
      advance(2 * HOUR);
    }
    const fresh: Requester = { channel: 'test', userId: 'someone-new' };
    expect(await service.startVehicle(fresh, plate)).toMatchObject({ status: 'locked', scope: 'subject' });
    expect(await service.verifyVehicle(fresh, plate, '184825')).toMatchObject({ status: 'locked', scope: 'subject' });
    expect(await service.startVehicle(owner, plate)).toMatchObject({ status: 'granted', via: 'phone' });
    advance(24 * HOUR - 10 * HOUR + 1);
    expect(await service.verifyVehicle(fresh, plate, '184825')).toMatchObject({ status: 'granted' });
  });

  it('does not count an answer that is not a code', async () => {
    const { service } = setup();
    for (let i = 0; i < 8; i += 1) expect(await service.verifyVehicle(stranger, plate, '好的')).toEqual({ status: 'invalidCode' });
    expect(await service.verifyVehicle(stranger, plate, '184825')).toMatchObject({ status: 'granted' });
  });

  it('audits every decision with the requester and subject masked', async () => {
    const { service, audit } = setup();
    await service.startVehicle(stranger, plate);
    await service.verifyVehicle(stranger, plate, '000000');
    await service.verifyVehicle(stranger, plate, '184825');
    await service.startLicence(owner);
    expect(audit.entries.map((e) => [e.kind, e.outcome])).toEqual([
      ['vehicle', 'challenge'],
      ['vehicle', 'mismatch'],
      ['vehicle', 'code'],
      ['licence', 'phone'],
    ]);
    const text = JSON.stringify(audit.entries);
    expect(text).not.toContain('13911112222');
    expect(text).not.toContain('赣G12345');
    expect(text).not.toContain('360421199001011234');
    expect(audit.entries[0]).toMatchObject({ channel: 'sms-twilio', requester: '+86139****2222', subject: '赣G***45' });
  });
});

describe('ViolationService logging', () => {
  it('logs each lookup with the plate, phone and licence number masked', async () => {
    const lines: string[] = [];
    const logger = { info: (obj: Record<string, unknown>, msg: string) => lines.push(JSON.stringify({ ...obj, msg })) };
    const service = new ViolationService({ provider: fakeProvider, attempts: new MemoryAttempts(), audit: new MemoryAudit(), now: () => new Date(), logger });
    await service.startVehicle(owner, plate);
    await service.verifyVehicle(stranger, plate, '000000');
    await service.verifyLicence(chatUser, '360421199001011234', '2016-06-01');
    expect(lines).toHaveLength(3);
    const text = lines.join('\n');
    expect(text).toContain('赣G***45');
    expect(text).toContain('+86138****8000');
    expect(text).toContain('360*************34');
    expect(text).not.toMatch(/赣G12345|13800138000|13911112222|360421199001011234|chat-1/);
  });
});

describe('ViolationService licences', () => {
  it('an SMS sender holding one licence gets it without giving the number', async () => {
    const { service } = setup();
    expect(await service.startLicence(owner)).toMatchObject({ status: 'granted', value: '360421199001011234' });
    expect(await service.startLicence(stranger)).toBeUndefined();
    expect(await service.startLicence(stranger, '360421199001011234')).toEqual({ status: 'needCode' });
  });

  it('verifies a licence by its first-issue date, in any usual writing', async () => {
    const { service } = setup();
    expect(await service.verifyLicence(chatUser, '360421199001011234', '2016年6月1日')).toMatchObject({ status: 'granted' });
    expect(await service.verifyLicence(chatUser, '360421199001011234', '2016-06-02')).toEqual({ status: 'mismatch' });
    expect(await service.verifyLicence(chatUser, '360421199001011299', '2016-06-01')).toEqual({ status: 'mismatch' });
    expect(await service.verifyLicence(chatUser, '360421199001011234', 'yesterday')).toEqual({ status: 'invalidCode' });
  });

  it('gives the points of the current cycle', async () => {
    const { service } = setup();
    expect(await service.licenceOverview('360421199001011234')).toMatchObject({
      cycle: { start: '2026-06-01', end: '2027-05-31' },
      remaining: 9,
    });
  });
});

describe('ViolationService records', () => {
  it('lists outstanding records newest first, with totals (points of unprocessed ones only)', async () => {
    const { service } = setup();
    const o = await service.vehicleOverview({ plate: '赣G12345', plateType: '02' });
    expect(o.items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(o.totals).toEqual({ count: 2, fineYuan: 300, points: 6 });
    expect(o.licencePoints).toBe(3);
  });

  it('assesses the late fee on the injected clock', async () => {
    const { service } = setup('2026-11-27T10:00:00+08:00');
    const o = await service.vehicleOverview({ plate: '赣G12345', plateType: '02' });
    const decided = o.items[0] as ViolationItem;
    // Decided 2026-11-05: due 2026-11-20, 7 days late on 2026-11-27: 7 × 3% × 100 = 21 yuan.
    expect(service.assess(decided, 3).fee).toMatchObject({ deadline: '2026-11-20', daysLate: 7, lateFeeYuan: 21 });
    expect(service.assess(o.items[1] as ViolationItem, 3)).toMatchObject({ eligibility: { ok: true }, fee: { deadline: null } });
    expect(service.assess(o.items[1] as ViolationItem, 6).eligibility).toEqual({ ok: false, reasons: ['pointsLimit'] });
  });
});

describe('answer parsing', () => {
  it('normalises codes, dates and licence numbers', () => {
    expect(normaliseCode('ｃ２１８４８２')).toBe('C218482');
    expect(normaliseCode('12')).toBeUndefined();
    expect(normaliseIssueDate('20160601')).toBe('2016-06-01');
    expect(normaliseIssueDate('2016/6/1')).toBe('2016-06-01');
    expect(normaliseIssueDate('2016-02-30')).toBeUndefined();
    expect(extractLicenceNumber('我的驾驶证号是36040319850315401x')).toBe('36040319850315401X');
    expect(extractLicenceNumber('3604031985031540')).toBeUndefined();
  });
});
