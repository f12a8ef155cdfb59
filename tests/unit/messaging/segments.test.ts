import { encodingOf, segmentCount, splitForSms, unitsOf } from '../../../src/services/messaging/segments';

const squash = (s: string) => s.replace(/\s+/g, '');

describe('SMS segments', () => {
  it('counts GSM-7 text as 160 single and 153 per concatenated part', () => {
    expect(encodingOf('Reply 1 for rules')).toBe('gsm7');
    expect(segmentCount('a'.repeat(160))).toBe(1);
    expect(segmentCount('a'.repeat(161))).toBe(2);
    expect(segmentCount('a'.repeat(306))).toBe(2);
    expect(segmentCount('a'.repeat(307))).toBe(3);
  });

  it('counts the GSM-7 extension characters twice', () => {
    expect(unitsOf('{}[]~\\|^€')).toBe(18);
    expect(segmentCount(`${'a'.repeat(159)}{`)).toBe(2);
  });

  it('switches the whole message to UCS-2 for one Chinese character or emoji: 70 single, 67 per part', () => {
    expect(encodingOf(`${'a'.repeat(100)}车`)).toBe('ucs2');
    expect(segmentCount('车'.repeat(70))).toBe(1);
    expect(segmentCount('车'.repeat(71))).toBe(2);
    expect(segmentCount('车'.repeat(134))).toBe(2);
    expect(segmentCount('车'.repeat(135))).toBe(3);
    expect(unitsOf('🚗')).toBe(2);
  });

  it('leaves a short reply whole', () => {
    expect(splitForSms('  您好，请回复数字。 ')).toEqual(['您好，请回复数字。']);
    expect(splitForSms('   ')).toEqual([]);
  });

  it('splits a long Chinese reply into messages of at most three segments at sentence ends, losing nothing', () => {
    const sentence = '驾驶证有效期满前九十日内，可以向车辆管理所申请换证。';
    const text = sentence.repeat(12);
    const parts = splitForSms(text, { maxSegments: 3 });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(segmentCount(p)).toBeLessThanOrEqual(3);
      expect(p.endsWith('。')).toBe(true);
    }
    expect(squash(parts.join(''))).toBe(squash(text));
  });

  it('prefers line breaks, and cuts hard only when a text has no break at all', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `${i + 1}. Option number ${i + 1}`).join('\n');
    const parts = splitForSms(lines, { maxSegments: 1 });
    for (const p of parts) expect(segmentCount(p)).toBe(1);
    expect(parts.every((p) => /^\d+\. Option/.test(p))).toBe(true);
    const solid = '车'.repeat(200);
    const hard = splitForSms(solid, { maxSegments: 1 });
    expect(hard.map((p) => p.length)).toEqual([70, 70, 60]);
    expect(hard.join('')).toBe(solid);
  });

  it('never cuts an emoji in half', () => {
    const text = '🚗'.repeat(80);
    const parts = splitForSms(text, { maxSegments: 1 });
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });
});
