import {
  addMonths,
  calendarMonthsBetween,
  daysBetween,
  evaluate,
  interpretText,
  readNumber,
  shanghaiToday,
  wholeMonthsBetween,
  wholeYearsBetween,
} from '../../../src/services/catalogue';
import type { Question } from '../../../src/knowledge/services';

describe('calendar arithmetic', () => {
  it('counts days, whole months, calendar months and ages', () => {
    expect(daysBetween('2026-11-27', '2027-02-25')).toBe(90);
    expect(wholeMonthsBetween('2025-10-28', '2026-11-27')).toBe(12);
    expect(wholeMonthsBetween('2025-10-27', '2026-11-27')).toBe(13);
    expect(wholeMonthsBetween('2026-12-27', '2026-11-27')).toBe(-1);
    expect(calendarMonthsBetween('2026-11-30', '2027-01-01')).toBe(2);
    expect(wholeYearsBetween('1956-11-28', '2026-11-27')).toBe(69);
    expect(wholeYearsBetween('1956-11-27', '2026-11-27')).toBe(70);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('takes the Asia/Shanghai calendar day', () => {
    expect(shanghaiToday(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(shanghaiToday(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });
});

describe('rule evaluation (three-valued)', () => {
  const today = '2026-11-27';
  it('decides all/any as soon as one part settles it, and waits otherwise', () => {
    const c = { all: [{ eq: { fact: 'a', value: true } }, { num: { fact: 'n', gte: 3 } }] };
    expect(evaluate(c, { a: false }, today)).toBe(false);
    expect(evaluate(c, { a: true }, today)).toBeUndefined();
    expect(evaluate(c, { a: true, n: 3 }, today)).toBe(true);
    expect(evaluate({ any: [{ eq: { fact: 'a', value: true } }, { num: { fact: 'n', lt: 0 } }] }, { a: true }, today)).toBe(true);
    expect(evaluate({ not: { eq: { fact: 'a', value: true } } }, {}, today)).toBeUndefined();
  });

  it('compares dates relative to today and ages at another date', () => {
    expect(evaluate({ daysUntil: { fact: 'd', lte: 90 } }, { d: '2027-02-25' }, today)).toBe(true);
    expect(evaluate({ daysUntil: { fact: 'd', lte: 90 } }, { d: '2027-02-26' }, today)).toBe(false);
    expect(evaluate({ ageAt: { fact: 'r', at: 'd', in: [2, 4, 8] } }, { r: '2022-12-10', d: '2026-12-31' }, today)).toBe(true);
    expect(evaluate({ in: { fact: 'c', values: ['x', 'y'] } }, { c: 'y' }, today)).toBe(true);
  });
});

describe('interpretText', () => {
  const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
  const yesno: Question = { id: 'q', type: 'yesno', prompt: t('是吗', 'Is it') };
  const choice: Question = {
    id: 'c', type: 'choice', prompt: t('哪个', 'Which'),
    options: [{ value: 'a', label: t('服兵役', 'Military service') }, { value: 'b', label: t('在国外', 'Abroad') }],
  };
  const number: Question = { id: 'n', type: 'number', prompt: t('几分', 'Points'), integer: true };

  it('reads yes/no words, numbered options, labels and numbers', () => {
    expect(interpretText(yesno, '是的', 'zh-CN')).toEqual({ kind: 'yes' });
    expect(interpretText(yesno, '不是', 'zh-CN')).toEqual({ kind: 'no' });
    expect(interpretText(yesno, 'Nope.', 'en')).toEqual({ kind: 'no' });
    expect(interpretText(yesno, '2', 'zh-CN')).toEqual({ kind: 'no' });
    expect(interpretText(yesno, '也许', 'zh-CN')).toBeUndefined();
    expect(interpretText(choice, '2', 'zh-CN')).toEqual({ kind: 'choice', index: 2 });
    expect(interpretText(choice, 'abroad', 'en')).toEqual({ kind: 'choice', index: 2 });
    expect(interpretText(number, '十二分', 'zh-CN')).toEqual({ kind: 'number', value: 12 });
    expect(readNumber('二十三')).toBe(23);
    expect(readNumber('三五')).toBeUndefined();
  });
});
