import fs from 'node:fs';
import path from 'node:path';
import {
  FULL_POINTS,
  REASON_CODES,
  addDays,
  addYears,
  canProcessOnline,
  currentCycle,
  daysBetween,
  lateFee,
  paymentDeadline,
  shanghaiDate,
  summarise,
  toLocalDate,
  type ViolationForRules,
} from '../../../../src/services/violations/rules';

/** An instant given as Shanghai wall-clock time. */
const cst = (local: string): Date => new Date(`${local}+08:00`);

const camera = (over: Partial<ViolationForRules> = {}): ViolationForRules => ({
  status: 'unprocessed',
  source: 'electronic',
  points: 3,
  fineYuan: 200,
  ...over,
});

describe('Shanghai calendar days', () => {
  it('an instant belongs to its UTC+8 day', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('converts dates, date-times with offsets and Date objects', () => {
    expect(toLocalDate('2026-10-03')).toBe('2026-10-03');
    expect(toLocalDate('2026-10-02T20:00:00Z')).toBe('2026-10-03');
    expect(toLocalDate(cst('2026-10-03T00:00:00'))).toBe('2026-10-03');
  });

  it('rejects impossible or malformed dates', () => {
    expect(() => toLocalDate('2026-02-30')).toThrow(RangeError);
    expect(() => toLocalDate('03/10/2026')).toThrow(RangeError);
    expect(() => toLocalDate('2026-10-03T08:00:00')).toThrow(RangeError);
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2028-02-20', 15)).toBe('2028-03-06');
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
  });

  it('maps 29 February to 28 February in common years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('paymentDeadline (15 calendar days from receipt of the decision)', () => {
  it('is the receipt day plus 15', () => {
    expect(paymentDeadline('2026-10-10')).toBe('2026-10-25');
  });

  it('counts from the Shanghai day of a receipt instant', () => {
    expect(paymentDeadline(new Date('2026-10-09T17:00:00Z'))).toBe('2026-10-25');
  });
});

describe('lateFee', () => {
  const received = '2026-10-10'; // deadline 2026-10-25

  it('is zero on the last day to pay, even late in the evening', () => {
    expect(lateFee({ fineYuan: 200, decisionReceivedOn: received, now: cst('2026-10-25T23:59:59') })).toEqual({
      deadline: '2026-10-25',
      daysLate: 0,
      lateFeeFen: 0,
      lateFeeYuan: 0,
      totalFen: 20_000,
      capped: false,
    });
  });

  it('adds 3% of the fine per day after the deadline', () => {
    const fee = lateFee({ fineYuan: 200, decisionReceivedOn: received, now: cst('2026-10-26T00:00:01') });
    expect(fee).toEqual(expect.objectContaining({ daysLate: 1, lateFeeFen: 600, lateFeeYuan: 6, totalFen: 20_600 }));
    const tenDays = lateFee({ fineYuan: 200, decisionReceivedOn: received, now: cst('2026-11-04T09:00:00') });
    expect(tenDays).toEqual(expect.objectContaining({ daysLate: 10, lateFeeYuan: 60, capped: false }));
  });

  it('keeps fen exactly for fines whose 3% is not whole yuan', () => {
    const fee = lateFee({ fineYuan: 50, decisionReceivedOn: received, now: cst('2026-10-27T12:00:00') });
    expect(fee).toEqual(expect.objectContaining({ daysLate: 2, lateFeeFen: 300, lateFeeYuan: 3 }));
    const one = lateFee({ fineYuan: 50, decisionReceivedOn: received, now: cst('2026-10-26T12:00:00') });
    expect(one.lateFeeYuan).toBe(1.5);
  });

  it('never exceeds the fine itself', () => {
    const at34 = lateFee({ fineYuan: 200, decisionReceivedOn: received, now: cst('2026-11-28T10:00:00') });
    expect(at34).toEqual(expect.objectContaining({ daysLate: 34, lateFeeYuan: 200, totalFen: 40_000, capped: true }));
    const at33 = lateFee({ fineYuan: 200, decisionReceivedOn: received, now: cst('2026-11-27T10:00:00') });
    expect(at33).toEqual(expect.objectContaining({ daysLate: 33, lateFeeYuan: 198, capped: false }));
    const years = lateFee({ fineYuan: 200, decisionReceivedOn: received, now: cst('2029-01-01T10:00:00') });
    expect(years.lateFeeYuan).toBe(200);
  });

  it('accrues nothing before a penalty decision exists', () => {
    expect(lateFee({ fineYuan: 200, decisionReceivedOn: null, now: cst('2030-01-01T00:00:00') })).toEqual({
      deadline: null,
      daysLate: 0,
      lateFeeFen: 0,
      lateFeeYuan: 0,
      totalFen: 20_000,
      capped: false,
    });
  });

  it('is zero for a warning without a fine', () => {
    expect(lateFee({ fineYuan: 0, decisionReceivedOn: received, now: cst('2027-01-01T00:00:00') })).toEqual(
      expect.objectContaining({ lateFeeFen: 0, capped: false }),
    );
  });

  it('rejects a negative or fractional fine', () => {
    expect(() => lateFee({ fineYuan: -1, decisionReceivedOn: received, now: new Date() })).toThrow(RangeError);
    expect(() => lateFee({ fineYuan: 2.5, decisionReceivedOn: received, now: new Date() })).toThrow(RangeError);
  });
});

describe('canProcessOnline', () => {
  it('accepts an unprocessed camera record below 12 points', () => {
    expect(canProcessOnline(camera(), 3)).toEqual({ ok: true });
    expect(canProcessOnline(camera({ points: 6 }), 5)).toEqual({ ok: true });
  });

  it('refuses an on-site ticket', () => {
    expect(canProcessOnline(camera({ source: 'onsite' }), 0)).toEqual({ ok: false, reasons: ['onsite'] });
  });

  it('refuses records already processed or paid', () => {
    expect(canProcessOnline(camera({ status: 'processed' }), 0)).toEqual({ ok: false, reasons: ['alreadyProcessed'] });
    expect(canProcessOnline(camera({ status: 'paid' }), 0)).toEqual({ ok: false, reasons: ['alreadyPaid'] });
  });

  it('refuses when the licence would reach 12 points', () => {
    expect(canProcessOnline(camera({ points: 6 }), 6)).toEqual({ ok: false, reasons: ['pointsLimit'] });
    expect(canProcessOnline(camera({ points: 0 }), FULL_POINTS)).toEqual({ ok: false, reasons: ['pointsLimit'] });
  });

  it('with unknown licence points, refuses only a record that alone reaches 12', () => {
    expect(canProcessOnline(camera({ points: 9 }))).toEqual({ ok: true });
    expect(canProcessOnline(camera({ points: 12 }))).toEqual({ ok: false, reasons: ['pointsLimit'] });
  });

  it("follows the provider's own flag", () => {
    expect(canProcessOnline(camera({ onlineProcessable: false }), 0)).toEqual({ ok: false, reasons: ['providerRefused'] });
    expect(canProcessOnline(camera({ onlineProcessable: true }), 0)).toEqual({ ok: true });
  });

  it('lists every reason that applies', () => {
    expect(canProcessOnline(camera({ source: 'onsite', points: 12, onlineProcessable: false }), 0)).toEqual({
      ok: false,
      reasons: ['onsite', 'pointsLimit', 'providerRefused'],
    });
  });

  it('has a sentence for every reason in both locales', () => {
    for (const locale of ['zh-CN', 'en']) {
      const file = path.resolve(__dirname, '../../../../locales', locale, 'violations-rules.json');
      const sentences = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
      expect(Object.keys(sentences).sort()).toEqual(REASON_CODES.map((r) => `reason.${r}`).sort());
    }
  });
});

describe('summarise', () => {
  it('totals only unprocessed records', () => {
    const list = [
      camera({ fineYuan: 200, points: 6 }),
      camera({ fineYuan: 100, points: 3, source: 'onsite' }),
      camera({ fineYuan: 150, points: 3, status: 'paid' }),
      camera({ fineYuan: 50, points: 1, status: 'processed' }),
    ];
    expect(summarise(list)).toEqual({ count: 2, fineYuan: 300, points: 9 });
  });

  it('is all zeros for no records', () => {
    expect(summarise([])).toEqual({ count: 0, fineYuan: 0, points: 0 });
  });
});

describe('currentCycle (12 months from the first issue date)', () => {
  it('is the first cycle right after issue', () => {
    expect(currentCycle('2016-06-01', cst('2016-06-01T08:00:00'))).toEqual({
      index: 0,
      start: '2016-06-01',
      end: '2017-05-31',
      daysLeft: 365,
    });
  });

  it('finds the cycle containing now, years later', () => {
    expect(currentCycle('2016-06-01', cst('2026-05-31T23:00:00'))).toEqual({
      index: 9,
      start: '2025-06-01',
      end: '2026-05-31',
      daysLeft: 1,
    });
    expect(currentCycle('2016-06-01', cst('2026-06-01T00:30:00'))).toEqual(
      expect.objectContaining({ index: 10, start: '2026-06-01', end: '2027-05-31' }),
    );
  });

  it('uses the Shanghai day of now, not the UTC day', () => {
    // 2026-05-31T16:30Z is already 1 June in Shanghai.
    expect(currentCycle('2016-06-01', new Date('2026-05-31T16:30:00Z')).start).toBe('2026-06-01');
  });

  it('handles a licence first issued on 29 February', () => {
    expect(currentCycle('2020-02-29', cst('2021-03-01T12:00:00'))).toEqual(
      expect.objectContaining({ index: 1, start: '2021-02-28', end: '2022-02-27' }),
    );
    expect(currentCycle('2020-02-29', cst('2024-02-28T12:00:00'))).toEqual(
      expect.objectContaining({ index: 3, start: '2023-02-28', end: '2024-02-28' }),
    );
    expect(currentCycle('2020-02-29', cst('2024-02-29T12:00:00'))).toEqual(
      expect.objectContaining({ index: 4, start: '2024-02-29', end: '2025-02-27' }),
    );
  });

  it('rejects a date before the first issue', () => {
    expect(() => currentCycle('2016-06-01', cst('2016-05-31T12:00:00'))).toThrow(RangeError);
  });
});
