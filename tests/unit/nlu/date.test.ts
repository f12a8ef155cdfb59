import { cnNumber, parseDate } from '../../../src/nlu/entities/date';

// Friday 2026-11-27 10:00 in Shanghai (02:00 UTC).
const now = new Date('2026-11-27T02:00:00Z');
const day = (date: string) => ({ date, precision: 'day' });

describe('parseDate (Asia/Shanghai, now = Friday 2026-11-27)', () => {
  it.each([
    ['2027-3-5', day('2027-03-05')],
    ['到期日是2027/03/05', day('2027-03-05')],
    ['2027年3月5日到期', day('2027-03-05')],
    ['2027.3.5', day('2027-03-05')],
    ['March 5 2027', day('2027-03-05')],
    ['expires on March 5th, 2027', day('2027-03-05')],
    ['5 Mar 2027', day('2027-03-05')],
    ['5th of March 2027', day('2027-03-05')],
  ])('reads the absolute date in %s', (text, expected) => {
    expect(parseDate(text, now)).toEqual(expected);
  });

  it('takes the next occurrence of a month and day without a year', () => {
    expect(parseDate('3月5日', now)).toEqual(day('2027-03-05'));
    expect(parseDate('12月1号', now)).toEqual(day('2026-12-01'));
    expect(parseDate('十一月二十七号', now)).toEqual(day('2026-11-27'));
    expect(parseDate('on March 5', now)).toEqual(day('2027-03-05'));
  });

  it('reads relative days and weekdays', () => {
    expect(parseDate('今天', now)).toEqual(day('2026-11-27'));
    expect(parseDate('后天去', now)).toEqual(day('2026-11-29'));
    expect(parseDate('大后天', now)).toEqual(day('2026-11-30'));
    expect(parseDate('下周三', now)).toEqual(day('2026-12-02'));
    expect(parseDate('下星期一', now)).toEqual(day('2026-11-30'));
    expect(parseDate('周五', now)).toEqual(day('2026-11-27'));
    expect(parseDate('周日', now)).toEqual(day('2026-11-29'));
    expect(parseDate('3天后', now)).toEqual(day('2026-11-30'));
    expect(parseDate('tomorrow', now)).toEqual(day('2026-11-28'));
    expect(parseDate('next wednesday', now)).toEqual(day('2026-12-02'));
    expect(parseDate('in 2 weeks', now)).toEqual(day('2026-12-11'));
  });

  it('returns month or year precision for 明年3月, 下个月, next month', () => {
    expect(parseDate('明年3月', now)).toEqual({ date: '2027-03-01', precision: 'month' });
    expect(parseDate('明年三月十号', now)).toEqual(day('2027-03-10'));
    expect(parseDate('下个月到期', now)).toEqual({ date: '2026-12-01', precision: 'month' });
    expect(parseDate('下下个月', now)).toEqual({ date: '2027-01-01', precision: 'month' });
    expect(parseDate('next month', now)).toEqual({ date: '2026-12-01', precision: 'month' });
    expect(parseDate('2027年3月', now)).toEqual({ date: '2027-03-01', precision: 'month' });
    expect(parseDate('明年', now)).toEqual({ date: '2027-01-01', precision: 'year' });
  });

  it('uses the Shanghai calendar day, not the UTC one', () => {
    // 2026-11-27 17:00 UTC is already Saturday 01:00 in Shanghai.
    expect(parseDate('今天', new Date('2026-11-27T17:00:00Z'))).toEqual(day('2026-11-28'));
    expect(parseDate('明天', new Date('2026-12-31T16:30:00Z'))).toEqual(day('2027-01-02'));
  });

  it('returns null for impossible dates and for text without a date', () => {
    expect(parseDate('2027-02-30', now)).toBeNull();
    expect(parseDate('13月5日', now)).toBeNull();
    expect(parseDate('驾照怎么换', now)).toBeNull();
    expect(parseDate('I decided 5 times', now)).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(cnNumber('十')).toBe(10);
    expect(cnNumber('二十三')).toBe(23);
    expect(cnNumber('两')).toBe(2);
    expect(cnNumber('07')).toBe(7);
    expect(cnNumber('十十')).toBeNull();
  });
});
