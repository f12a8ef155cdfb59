import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  REF_ALPHABET,
  bookRefusal,
  bookingDates,
  birthDateFromIdNumber,
  cancelRefusal,
  factsFromRecords,
  generateSlots,
  handles,
  isReference,
  loadOffices,
  newReference,
  normaliseReference,
  recogniseAppointmentCommand,
  rescheduleRefusal,
  slotStart,
  slotTimes,
  type AppointmentFacts,
  type Office,
} from '../../../src/services/appointments';

const offices = loadOffices();
const office = (id: string): Office => offices.find((o) => o.id === id)!;
const NOW = new Date('2026-11-27T10:00:00+08:00'); // a Friday in Shanghai

describe('demo offices', () => {
  it('load from data/seed/offices.json, each marked as demo data', () => {
    expect(offices.length).toBeGreaterThanOrEqual(3);
    for (const o of offices) expect([o.name['zh-CN'], o.name.en]).toEqual([expect.stringContaining('演示'), expect.stringContaining('demo')]);
  });

  it('say which services they handle: inspections happen at stations, not at vehicle offices', () => {
    const vmo = office('jj-vmo');
    expect(handles(vmo, { id: 'licence-renewal', category: 'licence' })).toBe(true);
    expect(handles(vmo, { id: 'inspection-booking', category: 'vehicle' })).toBe(false);
    expect(handles(office('jj-xunyang-licence'), { id: 'vehicle-transfer', category: 'vehicle' })).toBe(false);
    expect(handles(office('jj-lianxi-vehicle'), { id: 'plate-preselect', category: 'vehicle' })).toBe(false);
    expect(handles(office('jj-lianxi-vehicle'), { id: 'vehicle-transfer', category: 'vehicle' })).toBe(true);
  });

  it('refuse a file with a bad field, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'offices-'));
    const file = path.join(dir, 'offices.json');
    writeFileSync(file, JSON.stringify({ _note: 'x', offices: [{ ...office('jj-vmo'), slotMinutes: 0 }] }));
    expect(() => loadOffices(file)).toThrow(/field offices\.0\.slotMinutes/);
  });
});

describe('slots', () => {
  it('start every slotMinutes inside each session, the last one ending by closing time', () => {
    expect(slotTimes(office('jj-vmo'))).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30']);
    expect(slotTimes(office('jj-lianxi-vehicle'))).toEqual(['08:30', '09:30', '10:30', '14:00', '15:00', '16:00']);
  });

  it('open from tomorrow on open weekdays only, skipping closed dates', () => {
    // Friday 27 Nov: the next open days of a Monday-to-Friday office start on Monday 30 Nov.
    expect(bookingDates(office('jj-vmo'), NOW, 3)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(bookingDates(office('jj-xunyang-licence'), NOW, 2)).toEqual(['2026-11-28', '2026-11-30']);
    expect(bookingDates(office('jj-vmo'), new Date('2026-12-30T12:00:00+08:00'), 2)).toEqual(['2026-12-31', '2027-01-04']);
  });

  it('count days in Asia/Shanghai: at 00:30 local time on Saturday, tomorrow is Sunday', () => {
    expect(bookingDates(office('jj-xunyang-licence'), new Date('2026-11-27T16:30:00Z'), 1)).toEqual(['2026-11-30']);
  });

  it('carry the office capacity and an id made of office, day and time', () => {
    const [first] = generateSlots(office('jj-vmo'), ['2026-11-30']);
    expect(first).toEqual({ id: 'jj-vmo|2026-11-30|09:00', officeId: 'jj-vmo', date: '2026-11-30', time: '09:00', capacity: 10 });
    expect(slotStart(first!).toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });
});

describe('reference numbers', () => {
  it('use 6 characters without I, O, 0 or 1', () => {
    expect(REF_ALPHABET).not.toMatch(/[IO01]/);
    expect(REF_ALPHABET).toHaveLength(32);
    for (let i = 0; i < 200; i++) expect(isReference(newReference())).toBe(true);
    expect(newReference(() => 0)).toBe('AAAAAA');
  });

  it('read what a driver types: lower case, spaces and dashes', () => {
    expect(normaliseReference('ab 23-cd')).toBe('AB23CD');
    expect(normaliseReference('ab23c')).toBeUndefined();
  });
});

describe('appointment commands in a message', () => {
  it.each([
    ['取消预约 AB23CD', { kind: 'cancel', ref: 'AB23CD' }],
    ['取消预约ab23cd', { kind: 'cancel', ref: 'AB23CD' }],
    ['取消预约', { kind: 'cancel' }],
    ['改约 AB23CD', { kind: 'reschedule', ref: 'AB23CD' }],
    ['cancel booking AB23CD', { kind: 'cancel', ref: 'AB23CD' }],
    ['reschedule ab23cd', { kind: 'reschedule', ref: 'AB23CD' }],
    ['change my appointment AB23CD', { kind: 'reschedule', ref: 'AB23CD' }],
    ['我的预约', { kind: 'list' }],
    ['my appointments', { kind: 'list' }],
    ['预约窗口', { kind: 'book' }],
  ])('"%s"', (text, expected) => {
    expect(recogniseAppointmentCommand(text)).toEqual(expected);
  });

  it('leaves other messages alone', () => {
    for (const text of ['取消', '预约考试怎么操作', 'cancel', 'change my phone number', '驾照下个月到期']) {
      expect(recogniseAppointmentCommand(text)).toBeUndefined();
    }
  });
});

describe('change and booking rules', () => {
  const a = (over: Partial<AppointmentFacts> = {}): AppointmentFacts => ({
    ref: 'AB23CD', serviceId: 'licence-renewal', status: 'booked', date: '2026-11-30', time: '09:00', changes: 0, ...over,
  });

  it('allows cancelling and moving until an hour before the start', () => {
    expect(cancelRefusal(a(), NOW)).toBeUndefined();
    expect(cancelRefusal(a(), new Date('2026-11-30T08:01:00+08:00'))).toBe('too-late');
    expect(cancelRefusal(a(), new Date('2026-11-30T07:59:00+08:00'))).toBeUndefined();
    expect(cancelRefusal(a(), new Date('2026-11-30T09:00:00+08:00'))).toBe('not-active');
    expect(cancelRefusal(a({ status: 'cancelled' }), NOW)).toBe('not-active');
  });

  it('allows two moves, not three', () => {
    expect(rescheduleRefusal(a({ changes: 1 }), NOW)).toBeUndefined();
    expect(rescheduleRefusal(a({ changes: 2 }), NOW)).toBe('too-many-changes');
  });

  it('books one service once at a time and at most three visits', () => {
    expect(bookRefusal([a()], 'licence-renewal', NOW)).toEqual({ reason: 'already-booked', existing: 'AB23CD' });
    expect(bookRefusal([a({ date: '2026-11-20' })], 'licence-renewal', NOW)).toBeUndefined();
    const three = ['x', 'y', 'z'].map((s) => a({ serviceId: s }));
    expect(bookRefusal(three, 'licence-renewal', NOW)).toEqual({ reason: 'too-many' });
  });
});

describe('facts from records', () => {
  const licence = { number: '360421199001011234', class: 'C1', issuedAt: '2016-06-01', validUntil: '2026-12-20', points: 3, status: 'valid' };
  const vehicle = { plate: '赣G12345', plateType: '02', registeredAt: '2019-04-02', nextInspectionDue: '2027-04-30' };

  it('takes the licence, the birth date in its number, and a single vehicle', () => {
    expect(factsFromRecords([licence], [vehicle])).toEqual({
      facts: {
        'licence.validUntil': '2026-12-20',
        'licence.issuedAt': '2016-06-01',
        'licence.points': 3,
        'licence.class': 'C1',
        'person.birthDate': '1990-01-01',
        'vehicle.registeredAt': '2019-04-02',
        'vehicle.nextInspectionDue': '2027-04-30',
        'vehicle.plateType': '02',
      },
      licence: { class: 'C1', validUntil: '2026-12-20', points: 3 },
      vehicle: { plate: '赣G12345', nextInspectionDue: '2027-04-30' },
    });
  });

  it('knows no vehicle facts when the phone owns two vehicles (which one would it be?)', () => {
    const out = factsFromRecords([], [vehicle, { ...vehicle, plate: '赣G23456' }]);
    expect(out).toEqual({ facts: {} });
  });

  it('reads birth dates only from valid 18-digit numbers', () => {
    expect(birthDateFromIdNumber('36040319850315401X')).toBe('1985-03-15');
    expect(birthDateFromIdNumber('360403198502305011')).toBeUndefined();
    expect(birthDateFromIdNumber('12345')).toBeUndefined();
  });
});
