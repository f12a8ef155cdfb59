import { loadServiceCatalogue, type KnownFacts, type ServiceDefinition } from '../../../src/knowledge/services';
import {
  addDays,
  answer,
  fillText,
  forget,
  nextStep,
  startWalkthrough,
  type AnswerInput,
  type Conclusion,
  type WalkthroughState,
} from '../../../src/services/catalogue';

const catalogue = loadServiceCatalogue();
const NOW = new Date('2026-11-27T10:00:00+08:00'); // today in Shanghai: 2026-11-27
const TODAY = '2026-11-27';

function service(id: string): ServiceDefinition {
  const s = catalogue.byId.get(id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

/** Walks a service answering each asked question from `answers` (by question id); returns the asked ids too. */
function walk(id: string, answers: Record<string, AnswerInput>, known: KnownFacts = {}, now = NOW): { conclusion: Conclusion; asked: string[] } {
  const s = service(id);
  let state: WalkthroughState = startWalkthrough(s, known);
  const asked: string[] = [];
  for (let i = 0; i < 20; i++) {
    const step = nextStep(s, state, now);
    if (step.type === 'conclusion') return { conclusion: step.conclusion, asked };
    const input = answers[step.question.id];
    if (!input) throw new Error(`${id}: unexpected question ${step.question.id}`);
    asked.push(step.question.id);
    const result = answer(s, state, input, now);
    if (!result.ok) throw new Error(`${id}: answer to ${step.question.id} refused: ${result.error}`);
    state = result.state;
  }
  throw new Error('walkthrough did not end');
}

const date = (d: string): AnswerInput => ({ kind: 'date', date: d });
const yes: AnswerInput = { kind: 'yes' };
const no: AnswerInput = { kind: 'no' };
const pick = (index: number): AnswerInput => ({ kind: 'choice', index });

describe('licence renewal at expiry (renewal opens 90 days before expiry)', () => {
  it('91 days before expiry: not yet, and says the first day it opens', () => {
    const { conclusion } = walk('licence-renewal', { validUntil: date(addDays(TODAY, 91)) });
    expect(conclusion.kind).toBe('not-yet');
    expect(conclusion.when).toBe('2026-11-28');
    expect(fillText(conclusion.text, conclusion.vars, 'zh-CN')).toContain('最早2026年11月28日可以办理');
  });

  it.each([90, 1, 0])('%i days before expiry: eligible', (days) => {
    const { conclusion } = walk('licence-renewal', { validUntil: date(addDays(TODAY, days)) });
    expect(conclusion.outcomeId).toBe('eligible');
    expect(conclusion.vars['validUntil.daysUntil']).toBe(days);
    expect(conclusion.show).toEqual(['materials', 'fees', 'timeLimits', 'appSteps', 'window', 'processing']);
  });

  it('expired 11 months ago: still renewable, no driving meanwhile', () => {
    const { conclusion } = walk('licence-renewal', { validUntil: date('2025-12-27') });
    expect(conclusion).toMatchObject({ kind: 'eligible', outcomeId: 'overdue' });
    expect(fillText(conclusion.text, conclusion.vars, 'en')).toContain('expired on 2025-12-27 (335 days ago)');
  });

  it('expired 13 months ago: cancelled, points to restoring the licence', () => {
    const { conclusion } = walk('licence-renewal', { validUntil: date('2025-10-27') });
    expect(conclusion).toMatchObject({ kind: 'other-service', serviceId: 'licence-restoration', show: [] });
  });

  it('skips the question when the licence is on record and personalises the answer', () => {
    const { conclusion, asked } = walk('licence-renewal', {}, { 'licence.validUntil': '2026-12-20' });
    expect(asked).toEqual([]);
    expect(fillText(conclusion.text, conclusion.vars, 'zh-CN')).toBe('您的驾驶证2026年12月20日到期，还剩23天，现在可以申请期满换证。');
  });

  it('counts days in Asia/Shanghai: 00:30 on the 28th local time is already the 28th', () => {
    const lateUtc = new Date('2026-11-27T16:30:00Z');
    const validUntil = date(addDays(TODAY, 91));
    expect(walk('licence-renewal', { validUntil }, {}, lateUtc).conclusion.kind).toBe('eligible');
    expect(walk('licence-renewal', { validUntil }, {}, new Date('2026-11-27T15:59:00Z')).conclusion.kind).toBe('not-yet');
  });
});

describe('restoring a cancelled licence', () => {
  it('13 months overdue: pass the theory test', () => {
    expect(walk('licence-restoration', { reason: pick(1), validUntil: date('2025-10-27') }).conclusion.outcomeId).toBe('exam-ok');
  });
  it('over 3 years overdue: start over', () => {
    expect(walk('licence-restoration', { reason: pick(1), validUntil: date('2023-09-01') }).conclusion.kind).toBe('not-possible');
  });
  it('cancelled for the medical certificate while still valid: submit it', () => {
    expect(walk('licence-restoration', { reason: pick(2), validUntil: date('2028-05-01') }).conclusion.outcomeId).toBe('medical-ok');
  });
  it('less than a year overdue: just renew', () => {
    expect(walk('licence-restoration', { reason: pick(1), validUntil: date('2026-03-01') }).conclusion.serviceId).toBe('licence-renewal');
  });
});

describe('deferrals (military service, being abroad and similar)', () => {
  it.each([
    ['military service, licence valid', 1, '2027-01-15', 'eligible'],
    ['abroad, expired 6 months ago', 2, '2026-05-27', 'eligible'],
    ['abroad, expired 13 months ago', 2, '2025-10-27', 'other-service'],
    ['another reason', 3, '2027-01-15', 'window'],
  ])('%s -> %s', (_label, reason, validUntil, kind) => {
    expect(walk('licence-renewal-deferral', { reason: pick(reason), validUntil: date(validUntil) }).conclusion.kind).toBe(kind);
  });

  it('being busy is no reason, and the expiry date is then not even asked', () => {
    const { conclusion, asked } = walk('licence-review-deferral', { reason: pick(4) });
    expect(conclusion.kind).toBe('not-possible');
    expect(asked).toEqual(['reason']);
  });

  it('says no driving during the deferral', () => {
    const { conclusion } = walk('licence-medical-deferral', { reason: pick(1), validUntil: date('2027-06-01') });
    expect(conclusion.text['zh-CN']).toContain('不得驾驶');
  });
});

describe('age-based medical proof and class limits (162 as amended by 172, from 2025)', () => {
  it('69 and not C5: no yearly certificate', () => {
    const { conclusion, asked } = walk('licence-medical-proof', { birthDate: date('1956-11-28'), c5: no });
    expect(conclusion.outcomeId).toBe('not-required');
    expect(asked).toEqual(['birthDate', 'c5']);
  });

  it('70 today: yearly certificate, without asking about C5', () => {
    const { conclusion, asked } = walk('licence-medical-proof', { overAYear: no }, { 'person.birthDate': '1956-11-27' });
    expect(conclusion.outcomeId).toBe('required');
    expect(asked).toEqual(['overAYear']);
  });

  it('C5 at any age: certificate every 3 years; over a year late: cancelled', () => {
    expect(walk('licence-medical-proof', { birthDate: date('1990-01-01'), c5: yes, overAYear: no }).conclusion.outcomeId).toBe('required');
    expect(walk('licence-medical-proof', { birthDate: date('1950-01-01'), overAYear: yes }).conclusion.serviceId).toBe('licence-restoration');
  });

  it('A2 holder aged 61: no change yet since 2025 (limit raised from 60 to 63), says when', () => {
    const { conclusion, asked } = walk('licence-age-class-change', {}, { 'licence.class': 'A2', 'person.birthDate': '1965-03-10' });
    expect(asked).toEqual([]);
    expect(conclusion).toMatchObject({ kind: 'not-yet', when: '2028-03-10' });
  });

  it('B2 holder aged 63: must change to a small-car licence', () => {
    expect(walk('licence-age-class-change', {}, { 'licence.class': 'B2', 'person.birthDate': '1963-11-27' }).conclusion.outcomeId).toBe('large-now');
  });

  it('C1 holder: no upper age, birth date not asked', () => {
    const { conclusion, asked } = walk('licence-age-class-change', {}, { 'licence.class': 'C1' });
    expect(conclusion.outcomeId).toBe('no-cap');
    expect(asked).toEqual([]);
  });

  it('motorcycle holder aged 69 and 70', () => {
    expect(walk('licence-age-class-change', { classGroup: pick(2), birthDate: date('1957-01-01') }).conclusion.outcomeId).toBe('moto-later');
    expect(walk('licence-age-class-change', { classGroup: pick(2), birthDate: date('1956-11-01') }).conclusion.outcomeId).toBe('moto-now');
  });
});

describe('other services walked from their data', () => {
  it('lost licence while suspended: not possible', () => {
    expect(walk('licence-lost', { seized: yes }).conclusion.kind).toBe('not-possible');
  });

  it('exam booking: subject 2 for C1 opens 10 days after the learner permit', () => {
    const early = walk('exam-booking', { subject: pick(2), permitDate: date(addDays(TODAY, -9)), examClass: pick(1) });
    expect(early.conclusion).toMatchObject({ kind: 'not-yet', when: '2026-11-28' });
    expect(walk('exam-booking', { subject: pick(2), permitDate: date(addDays(TODAY, -10)), examClass: pick(1) }).conclusion.kind).toBe('eligible');
    expect(walk('exam-booking', { subject: pick(3), permitDate: date(addDays(TODAY, -39)), examClass: pick(3) }).conclusion.when).toBe('2026-11-28');
  });

  it('exam booking: subject 1 asks nothing more', () => {
    expect(walk('exam-booking', { subject: pick(1) }).asked).toEqual(['subject']);
  });

  it('points: 12 or more goes to the full-points study; 6 reduced already is the cap', () => {
    expect(walk('point-reduction-study', {}, { 'licence.points': 12 }).conclusion.serviceId).toBe('full-points-study');
    const capped = walk('point-reduction-study', { processed: yes, blocked: no, history: no, reduced: { kind: 'number', value: 6 } }, { 'licence.points': 4 });
    expect(capped.conclusion.outcomeId).toBe('cap');
  });

  it('inspection: a private car in its 4th year applies online once the 3-month window is open', () => {
    const known: KnownFacts = { 'vehicle.registeredAt': '2022-12-10', 'vehicle.nextInspectionDue': '2026-12-31' };
    expect(walk('inspection-exemption-mark', { kind: pick(1), exception: no }, known).conclusion.outcomeId).toBe('eligible');
  });

  it('inspection: the window opens on the first day of the month two months before the due month', () => {
    const known: KnownFacts = { 'vehicle.registeredAt': '2023-02-15', 'vehicle.nextInspectionDue': '2027-02-28' };
    expect(walk('inspection-exemption-mark', { kind: pick(1), exception: no }, known).conclusion).toMatchObject({ kind: 'not-yet', when: '2026-12-01' });
  });

  it('inspection: year 6 needs a station; a van is never exempt', () => {
    const sixth: KnownFacts = { 'vehicle.registeredAt': '2020-12-05', 'vehicle.nextInspectionDue': '2026-12-31' };
    expect(walk('inspection-exemption-mark', { kind: pick(1), exception: no }, sixth).conclusion.serviceId).toBe('inspection-booking');
    const van = walk('inspection-booking', { kind: pick(2), due: date('2026-12-31') });
    expect(van.conclusion.outcomeId).toBe('eligible');
    expect(van.asked).toEqual(['kind', 'due']);
  });
});

describe('answers are validated', () => {
  const s = service('licence-age-class-change');
  const start = startWalkthrough(s);

  it('refuses the wrong kind, an out-of-range option, an impossible or future birth date', () => {
    expect(answer(s, start, { kind: 'yes' }, NOW)).toMatchObject({ ok: false, error: 'wrong-kind' });
    expect(answer(s, start, pick(0), NOW)).toMatchObject({ ok: false, error: 'choice-out-of-range' });
    expect(answer(s, start, pick(5), NOW)).toMatchObject({ ok: false, error: 'choice-out-of-range' });
    const r = answer(s, start, pick(1), NOW);
    if (!r.ok) throw new Error('expected ok');
    expect(answer(s, r.state, date('1960-02-30'), NOW)).toMatchObject({ ok: false, error: 'invalid-date' });
    expect(answer(s, r.state, date('2027-01-01'), NOW)).toMatchObject({ ok: false, error: 'date-after-today' });
  });

  it('refuses numbers out of range or not whole', () => {
    const p = service('point-reduction-study');
    const st = startWalkthrough(p);
    expect(answer(p, st, { kind: 'number', value: -1 }, NOW)).toMatchObject({ ok: false, error: 'below-min' });
    expect(answer(p, st, { kind: 'number', value: 2.5 }, NOW)).toMatchObject({ ok: false, error: 'not-integer' });
  });

  it('ignores an unusable record value and asks instead', () => {
    const st = startWalkthrough(service('licence-renewal'), { 'licence.validUntil': 'soon' });
    expect(st.prefilled).toEqual([]);
    expect(nextStep(service('licence-renewal'), st, NOW)).toMatchObject({ type: 'question', number: 1 });
  });

  it('says when no question is pending, and forget() asks again', () => {
    const r = service('licence-renewal');
    const st = startWalkthrough(r, { 'licence.validUntil': '2026-12-20' });
    expect(answer(r, st, date('2026-12-20'), NOW)).toEqual({ ok: false, error: 'no-question-pending' });
    const again = nextStep(r, forget(st, 'validUntil'), NOW);
    expect(again).toMatchObject({ type: 'question', question: { id: 'validUntil' } });
  });

  it('refuses a state that belongs to another service', () => {
    expect(() => nextStep(service('licence-lost'), startWalkthrough(service('licence-renewal')), NOW)).toThrow(/licence-renewal/);
  });
});
