import {
  consentAnswer,
  dayList,
  findDeadline,
  insideSendingHours,
  intoSendingHours,
  medicalProofDeadline,
  planReminders,
  recogniseReminderCommand,
} from '../../../src/services/reminders';

const at = (local: string) => new Date(`${local}+08:00`);
const RENEWAL_QUESTIONS = [{ id: 'validUntil', type: 'date', from: 'licence.validUntil' }];
const INSPECTION_QUESTIONS = [
  { id: 'kind', type: 'choice' },
  { id: 'registeredAt', type: 'date', from: 'vehicle.registeredAt' },
  { id: 'due', type: 'date', from: 'vehicle.nextInspectionDue' },
];

describe('reminder rules', () => {
  it('plans reminders 30 and 7 days before the deadline at 10:00 Beijing time', () => {
    const planned = planReminders('2027-01-20', at('2026-11-27T10:00:00'));
    expect(planned).toEqual([
      { offsetDays: 30, dueAt: at('2026-12-21T10:00:00') },
      { offsetDays: 7, dueAt: at('2027-01-13T10:00:00') },
    ]);
    for (const p of planned) expect(insideSendingHours(p.dueAt)).toBe(true);
  });

  it('keeps only the reminders still ahead, and none when the deadline is too close', () => {
    expect(planReminders('2026-12-20', at('2026-11-27T10:00:00')).map((p) => p.offsetDays)).toEqual([7]);
    expect(planReminders('2026-12-01', at('2026-11-27T10:00:00'))).toEqual([]);
    // The 7-day reminder is at 10:00: asked at 11:00 that day it is already past.
    expect(planReminders('2026-12-04', at('2026-11-27T11:00:00'))).toEqual([]);
  });

  it('moves a time outside 08:00-21:00 Beijing time to the next 08:00', () => {
    expect(intoSendingHours(at('2026-12-21T23:00:00'))).toEqual(at('2026-12-22T08:00:00'));
    expect(intoSendingHours(at('2026-12-21T21:00:00'))).toEqual(at('2026-12-22T08:00:00'));
    expect(intoSendingHours(at('2026-12-22T07:59:00'))).toEqual(at('2026-12-22T08:00:00'));
    expect(intoSendingHours(at('2026-12-22T20:59:00'))).toEqual(at('2026-12-22T20:59:00'));
    expect(insideSendingHours(at('2026-12-22T08:00:00'))).toBe(true);
    expect(insideSendingHours(at('2026-12-22T21:00:00'))).toBe(false);
    expect(insideSendingHours(at('2026-12-22T03:00:00'))).toBe(false);
  });

  it('finds a future licence expiry or inspection date in the answers, never a past one', () => {
    const now = at('2026-11-27T10:00:00');
    const base = { serviceId: 'licence-renewal', outcomeId: 'eligible', questions: RENEWAL_QUESTIONS };
    expect(findDeadline({ ...base, answers: { validUntil: '2027-01-20' } }, now)).toEqual({ kind: 'licence-expiry', date: '2027-01-20', serviceId: 'licence-renewal' });
    expect(findDeadline({ ...base, outcomeId: 'overdue', answers: { validUntil: '2026-10-01' } }, now)).toBeUndefined();
    expect(findDeadline({ ...base, answers: { validUntil: '2026-11-27' } }, now)).toBeUndefined();
    const inspection = { serviceId: 'inspection-booking', outcomeId: 'eligible', questions: INSPECTION_QUESTIONS };
    expect(findDeadline({ ...inspection, answers: { kind: 'private-small', registeredAt: '2019-01-10', due: '2027-01-31' } }, now)).toEqual({
      kind: 'inspection-due',
      date: '2027-01-31',
      serviceId: 'inspection-booking',
    });
    // A date that is no deadline (the registration date) never qualifies.
    expect(findDeadline({ ...inspection, answers: { registeredAt: '2027-01-10' } }, now)).toBeUndefined();
  });

  it('the medical proof is due 30 days after the points cycle that runs from the first issue date', () => {
    expect(medicalProofDeadline('2016-06-01', '2026-06-15')).toBe('2026-06-30');
    expect(medicalProofDeadline('2016-06-01', '2026-06-30')).toBe('2027-06-30');
    const input = { serviceId: 'licence-medical-proof', outcomeId: 'required', questions: [], answers: {} };
    expect(findDeadline({ ...input, records: { 'licence.issuedAt': '2016-06-01' } }, at('2026-11-27T10:00:00'))).toEqual({
      kind: 'medical-proof',
      date: '2027-06-30',
      serviceId: 'licence-medical-proof',
    });
    expect(findDeadline(input, at('2026-11-27T10:00:00'))).toBeUndefined();
    expect(findDeadline({ ...input, outcomeId: 'not-required', records: { 'licence.issuedAt': '2016-06-01' } }, at('2026-11-27T10:00:00'))).toBeUndefined();
  });

  it('recognises explicit reminder phrases only: a bare CANCEL, T or R stays an opt-out', () => {
    for (const t of ['提醒我', '到期提醒我', '短信提醒我', '请提醒我一下', 'Remind me', 'remind me please', 'set a reminder', '设置提醒']) {
      expect({ t, c: recogniseReminderCommand(t) }).toEqual({ t, c: 'remind' });
    }
    for (const t of ['取消提醒', '不要提醒了', '关闭到期提醒', 'cancel reminder', 'Cancel my reminders', 'stop reminders']) {
      expect({ t, c: recogniseReminderCommand(t) }).toEqual({ t, c: 'cancel' });
    }
    for (const t of ['CANCEL', 'cancel', 'T', 'R', 'TD', 'STOP', '取消', '退订', '取消预约', 'cancel booking', '提醒']) {
      expect({ t, c: recogniseReminderCommand(t) }).toEqual({ t, c: undefined });
    }
  });

  it('reads the numbered consent answer', () => {
    expect(consentAnswer('1')).toBe('yes');
    expect(consentAnswer('同意')).toBe('yes');
    expect(consentAnswer('Yes')).toBe('yes');
    expect(consentAnswer('2')).toBe('no');
    expect(consentAnswer('不用了')).toBe('no');
    expect(consentAnswer('no thanks')).toBe('no');
    expect(consentAnswer('3')).toBeUndefined();
    expect(consentAnswer('明天再说吧')).toBeUndefined();
  });

  it('lists reminder days as the driver reads them', () => {
    const days = [at('2026-12-21T10:00:00'), at('2027-01-13T10:00:00')];
    expect(dayList(days, 'zh-CN', '和')).toBe('12月21日和1月13日');
    expect(dayList(days, 'en', ' and ')).toBe('21 Dec and 13 Jan');
    expect(dayList(days.slice(1), 'en', ' and ')).toBe('13 Jan');
  });
});
