// Window appointments over mongoose and the test MongoDB (embedded, or MONGODB_URI): seats are
// counted with one conditional update, so a slot can never be overbooked under concurrency.
import mongoose, { type Connection } from 'mongoose';
import { defineModels, type Models } from '../../../src/storage/models';
import { mongoAppointmentStore, mongoRecordsPort, seedOffices } from '../../../src/storage/repositories/appointments';
import { AppointmentService, slotId, type Requester } from '../../../src/services/appointments';
import { useTestMongo, type TestMongo } from '../../support/mongo';

const NOW = new Date('2026-11-27T10:00:00+08:00');
const SLOT = slotId('jj-vmo', '2026-11-30', '09:00');
const who = (n: number): Requester => ({ userId: `+86139000${String(n).padStart(5, '0')}`, channelId: 'sms-twilio', phone: `+86139000${String(n).padStart(5, '0')}` });

describe('window appointments in MongoDB', () => {
  let mongo: TestMongo;
  let conn: Connection;
  let models: Models;
  let clock = NOW;
  let service: AppointmentService;
  /** The drivers who got a seat in the concurrent booking. */
  let winners: Requester[] = [];

  beforeAll(async () => {
    mongo = await useTestMongo();
    conn = await mongoose.createConnection(mongo.uri, { dbName: mongo.dbName }).asPromise();
    models = defineModels(conn);
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    expect(await seedOffices(models, NOW)).toBe(3);
    service = new AppointmentService({ store: mongoAppointmentStore(models), now: () => clock });
  });
  afterAll(async () => {
    await conn.close();
    await mongo.close();
  });
  beforeEach(() => {
    clock = NOW;
  });

  it('seeding twice keeps the slots and their bookings', async () => {
    const before = await models.AppointmentSlot.countDocuments();
    // 7 open days each: 13 half-hour slots at the two licence offices, 6 hourly ones at the vehicle point.
    expect(before).toBe(13 * 7 + 13 * 7 + 6 * 7);
    await seedOffices(models, NOW);
    expect(await models.AppointmentSlot.countDocuments()).toBe(before);
  });

  it('50 concurrent bookings for a slot of 10: exactly 10 succeed, 40 are offered the next free slots', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => service.book(who(i), 'licence-renewal', SLOT)));
    const ok = results.filter((r) => r.ok);
    winners = results.flatMap((r, i) => (r.ok ? [who(i)] : []));
    const full = results.flatMap((r) => (!r.ok && r.reason === 'full' ? [r] : []));
    expect(ok).toHaveLength(10);
    expect(full).toHaveLength(40);
    for (const r of full) {
      expect(r.alternatives.length).toBeGreaterThan(0);
      expect(r.alternatives[0]!.id).toBe(slotId('jj-vmo', '2026-11-30', '09:30'));
      expect(r.alternatives.map((s) => s.id)).not.toContain(SLOT);
    }
    const slot = await models.AppointmentSlot.findById(SLOT).lean();
    expect(slot).toMatchObject({ booked: 10, capacity: 10 });
    expect(await models.Appointment.countDocuments({ slotId: SLOT, status: 'booked' })).toBe(10);
    const refs = new Set(ok.map((r) => (r.ok ? r.appointment.ref : '')));
    expect(refs.size).toBe(10);
  });

  it('a full slot is no longer offered; cancelling frees the seat once, even when asked twice at once', async () => {
    expect((await service.freeSlots('jj-vmo')).map((s) => s.id)).not.toContain(SLOT);
    const mine = (await service.upcoming(winners[0]!))[0]!;
    const [a, b] = await Promise.all([service.cancel(winners[0]!, mine.ref), service.cancel(winners[0]!, mine.ref)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect((await models.AppointmentSlot.findById(SLOT).lean())?.booked).toBe(9);
    expect((await service.freeSlots('jj-vmo'))[0]!.id).toBe(SLOT);
  });

  it("someone else's reference is not found, and a stranger cannot cancel it", async () => {
    const theirs = (await service.upcoming(winners[1]!))[0]!;
    expect(await service.find(who(99), theirs.ref)).toBeUndefined();
    expect(await service.cancel(who(99), theirs.ref)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('moving takes the new seat and frees the old one; twice at most', async () => {
    const mine = (await service.upcoming(winners[2]!))[0]!;
    const to = slotId('jj-vmo', '2026-12-01', '14:00');
    const moved = await service.reschedule(winners[2]!, mine.ref, to);
    expect(moved).toMatchObject({ ok: true, appointment: { ref: mine.ref, slotId: to, date: '2026-12-01', time: '14:00', changes: 1 } });
    expect((await models.AppointmentSlot.findById(SLOT).lean())?.booked).toBe(8);
    expect((await models.AppointmentSlot.findById(to).lean())?.booked).toBe(1);
    await service.reschedule(winners[2]!, mine.ref, slotId('jj-vmo', '2026-12-02', '14:00'));
    expect(await service.reschedule(winners[2]!, mine.ref, slotId('jj-vmo', '2026-12-03', '14:00'))).toEqual({ ok: false, reason: 'too-many-changes' });
  });

  it('books one service once per driver, and refuses changes within the hour before the visit', async () => {
    expect(await service.book(winners[3]!, 'licence-renewal', slotId('jj-vmo', '2026-12-01', '09:00'))).toMatchObject({ ok: false, reason: 'already-booked' });
    clock = new Date('2026-11-30T08:30:00+08:00');
    const mine = (await service.upcoming(winners[3]!))[0]!;
    expect(await service.cancel(winners[3]!, mine.ref)).toEqual({ ok: false, reason: 'too-late' });
  });

  it('gives the seat back when the appointment cannot be recorded', async () => {
    const taken = (await service.upcoming(winners[4]!))[0]!.ref;
    const clashing = new AppointmentService({ store: mongoAppointmentStore(models), now: () => NOW, newRef: () => taken });
    const to = slotId('jj-vmo', '2026-12-04', '10:00');
    await expect(clashing.book(who(200), 'licence-lost', to)).rejects.toThrow(/E11000|duplicate/i);
    expect((await models.AppointmentSlot.findById(to).lean())?.booked).toBe(0);
  });

  it('refuses a slot outside the booking window', async () => {
    expect(await service.book(who(300), 'licence-lost', slotId('jj-vmo', '2026-11-27', '15:00'))).toEqual({ ok: false, reason: 'unknown-slot' });
    expect(await service.book(who(300), 'licence-lost', slotId('jj-vmo', '2026-11-30', '12:00'))).toEqual({ ok: false, reason: 'unknown-slot' });
  });

  it('reads the records of a verified phone for the walkthrough', async () => {
    await models.Licence.create({ number: '360421199001011234', name: '张三', phone: '+8613800138000', class: 'C1', issuedAt: '2016-06-01', validUntil: '2026-12-20', points: 3, status: 'valid' });
    const records = await mongoRecordsPort(models).knownFacts('+8613800138000');
    expect(records.facts).toMatchObject({ 'licence.validUntil': '2026-12-20', 'licence.points': 3, 'person.birthDate': '1990-01-01' });
    expect((await mongoRecordsPort(models).knownFacts('+8613999999999')).facts).toEqual({});
  });
});
