import {
  RECORD_KINDS,
  idNumberChecksumOk,
  isRecordKind,
  parseRecordLine,
  type RecordKind,
} from '../../../../src/services/records/schemas';

// The example lines of CONTRACT.md, verbatim.
const EXAMPLES: Record<RecordKind, string> = {
  vehicles:
    '{"plate":"赣G12345","plateType":"02","vin":"LSVAM4187C2184825","engineNo":"C218482","ownerName":"张三","ownerPhone":"+8613800138000","registeredAt":"2019-04-02","nextInspectionDue":"2025-04-30"}',
  violations:
    '{"id":"360400-2026-000123","plate":"赣G12345","plateType":"02","occurredAt":"2026-10-03T08:15:00+08:00","location":"九江市 长江大道与浔阳路口","code":"1625","description":"驾驶机动车违反道路交通信号灯通行的","fineYuan":200,"points":6,"status":"unprocessed","source":"electronic"}',
  licences:
    '{"number":"360421199001011234","name":"张三","phone":"+8613800138000","class":"C1","issuedAt":"2016-06-01","validUntil":"2026-12-20","points":3,"status":"valid"}',
  audience:
    '{"phone":"+8613800138000","locale":"zh-CN","consent":true,"tags":["licence-expiring"],"attributes":{"name":"张三","licenceValidUntil":"2026-12-20"}}',
};

const base = (kind: RecordKind): Record<string, unknown> => JSON.parse(EXAMPLES[kind]) as Record<string, unknown>;
const line = (kind: RecordKind, over: Record<string, unknown>): string => JSON.stringify({ ...base(kind), ...over });
const without = (kind: RecordKind, key: string): string => {
  const record = base(kind);
  delete record[key];
  return JSON.stringify(record);
};

function errorOf(kind: RecordKind, text: string): string {
  const result = parseRecordLine(kind, text);
  if (result.ok) throw new Error(`expected ${kind} line to be rejected: ${text}`);
  return result.error;
}

describe('RECORD_KINDS', () => {
  it('lists the four contract kinds', () => {
    expect([...RECORD_KINDS]).toEqual(['vehicles', 'violations', 'licences', 'audience']);
    expect(isRecordKind('violations')).toBe(true);
    expect(isRecordKind('users')).toBe(false);
  });
});

describe('the CONTRACT.md examples', () => {
  it.each(RECORD_KINDS)('a %s example line is accepted unchanged', (kind) => {
    const result = parseRecordLine(kind, EXAMPLES[kind]);
    expect(result).toEqual(expect.objectContaining({ ok: true, record: base(kind) }));
  });

  it('the example licence number is accepted with a checksum warning by default', () => {
    expect(parseRecordLine('licences', EXAMPLES.licences)).toEqual(
      expect.objectContaining({ ok: true, warnings: ['number: wrong GB 11643 check character'] }),
    );
  });
});

describe('line-level errors', () => {
  it.each([
    ['', 'empty line'],
    ['   ', 'empty line'],
    ['{"plate":', 'not valid JSON'],
    ['[1,2]', 'a record must be a JSON object'],
    ['null', 'a record must be a JSON object'],
    ['"赣G12345"', 'a record must be a JSON object'],
  ])('%j -> %s', (text, error) => {
    expect(parseRecordLine('vehicles', text)).toEqual({ ok: false, error });
  });

  it('rejects an oversized line', () => {
    expect(errorOf('vehicles', `{"x":"${'a'.repeat(20_000)}"}`)).toMatch(/longer than/);
  });
});

describe('MongoDB operator injection is rejected', () => {
  it.each<[RecordKind, string, RegExp]>([
    ['vehicles', line('vehicles', { plate: { $gt: '' } }), /^plate\.\$gt: keys starting with \$/],
    ['violations', line('violations', { status: { $ne: 'paid' } }), /^status\.\$ne/],
    ['licences', line('licences', { $where: 'sleep(1000)' }), /^\$where/],
    ['licences', line('licences', { number: { $regex: '.*' } }), /^number\.\$regex/],
    ['audience', line('audience', { attributes: { name: { $gt: '' } } }), /^attributes\.name\.\$gt/],
    ['audience', line('audience', { attributes: { 'a.b': 'x' } }), /^attributes\.a\.b: keys/],
    ['audience', line('audience', { tags: [{ $in: ['x'] }] }), /^tags\[0\]\.\$in/],
    ['vehicles', '{"__proto__":{"admin":true},"plate":"赣G12345"}', /^__proto__/],
  ])('%s: %s', (kind, text, error) => {
    expect(errorOf(kind, text)).toMatch(error);
  });

  it.each<[RecordKind, Record<string, unknown>, RegExp]>([
    ['vehicles', { ownerName: '$where' }, /^ownerName: must not start with \$/],
    ['violations', { location: '$location' }, /^location: must not start with \$/],
    ['audience', { attributes: { name: '$ownerPhone' } }, /^attributes\.name/],
    ['audience', { tags: ['$all'] }, /^tags\.0: tags must be/],
    ['vehicles', { plate: '$gt' }, /^plate: not a valid plate/],
  ])('%s: a string value %j that could be read as a field path', (kind, over, error) => {
    expect(errorOf(kind, line(kind, over))).toMatch(error);
  });

  it('rejects objects and arrays where a plain value is expected', () => {
    expect(errorOf('vehicles', line('vehicles', { vin: ['LSVAM4187C2184825'] }))).toMatch(/^vin: /);
    expect(errorOf('violations', line('violations', { fineYuan: { value: 200 } }))).toMatch(/^fineYuan: /);
    expect(errorOf('audience', line('audience', { consent: 'true' }))).toBe('consent: must be true or false');
  });
});

describe('strict shapes', () => {
  it('rejects unknown fields, naming them', () => {
    expect(errorOf('vehicles', line('vehicles', { colour: 'blue' }))).toBe('unknown field "colour"');
  });

  it('names a missing field', () => {
    expect(errorOf('vehicles', without('vehicles', 'vin'))).toBe('vin: missing');
    expect(errorOf('violations', without('violations', 'points'))).toMatch(/^points: /);
  });

  it('normalises a tolerant plate and rejects a bad one with its error code', () => {
    const result = parseRecordLine('vehicles', line('vehicles', { plate: '赣g·12345' }));
    expect(result).toEqual(expect.objectContaining({ ok: true, record: expect.objectContaining({ plate: '赣G12345' }) }));
    expect(errorOf('vehicles', line('vehicles', { plate: '赣G1234O' }))).toBe('plate: not a valid plate number (letterIO)');
  });

  it.each<[RecordKind, Record<string, unknown>, RegExp]>([
    ['vehicles', { plateType: '2' }, /^plateType: must be a two-digit/],
    ['vehicles', { vin: 'LSVAM4187C218482' }, /^vin: must be 17/],
    ['vehicles', { vin: 'LSVAM4187C218482O' }, /^vin: /],
    ['vehicles', { vin: 'LSVAM4187Q2184825' }, /^vin: /],
    ['vehicles', { vin: 'lsvam4187c2184825' }, /^vin: /],
    ['vehicles', { ownerPhone: '13800138000' }, /^ownerPhone: must be an E\.164/],
    ['vehicles', { registeredAt: '2019-02-30' }, /^registeredAt: must be a date/],
    ['vehicles', { nextInspectionDue: '2025/04/30' }, /^nextInspectionDue: /],
    ['vehicles', { ownerName: '   ' }, /^ownerName: must not be empty/],
    ['vehicles', { ownerName: '张\u0000三' }, /^ownerName: must not contain control/],
    ['violations', { occurredAt: '2026-10-03T08:15:00' }, /^occurredAt: must be an ISO date-time with a time zone/],
    ['violations', { fineYuan: -1 }, /^fineYuan: must not be negative/],
    ['violations', { fineYuan: 1.5 }, /^fineYuan: must be a whole number/],
    ['violations', { fineYuan: '200' }, /^fineYuan: /],
    ['violations', { points: 2 }, /^points: must be one of 0, 1, 3, 6, 9, 12/],
    ['violations', { points: 13 }, /^points: /],
    ['violations', { status: 'done' }, /^status: must be one of unprocessed, processed, paid/],
    ['violations', { source: 'camera' }, /^source: must be one of electronic, onsite/],
    ['violations', { code: '16a5' }, /^code: /],
    ['violations', { id: '-x' }, /^id: /],
    ['violations', { decidedAt: '2026-13-01' }, /^decidedAt: /],
    ['violations', { onlineProcessable: 'yes' }, /^onlineProcessable: /],
    ['licences', { number: '36042119900101123' }, /^number: must be an 18-character/],
    ['licences', { number: '360421199013011235' }, /^number: has an impossible birth date/],
    ['licences', { class: 'C7' }, /^class: /],
    ['licences', { class: 'C1C1' }, /^class: repeats/],
    ['licences', { points: -3 }, /^points: /],
    ['licences', { status: 'ok' }, /^status: must be one of valid/],
    ['audience', { locale: 'fr' }, /^locale: must be one of zh-CN, en/],
    ['audience', { tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, /^tags: at most 32/],
    ['audience', { attributes: { '1name': 'x' } }, /^attributes\.1name: attribute names/],
  ])('%s %j is rejected', (kind, over, error) => {
    expect(errorOf(kind, line(kind, over))).toMatch(error);
  });

  it.each<[RecordKind, Record<string, unknown>]>([
    ['violations', { points: 0, fineYuan: 0 }],
    ['violations', { points: 12, occurredAt: '2026-10-03T00:15:00Z', decidedAt: '2026-10-10', onlineProcessable: false }],
    ['licences', { class: 'C1E', points: 24 }],
    ['licences', { number: '11010519491231002X' }],
    ['audience', { consent: false, attributes: { points: 3, vip: true } }],
  ])('%s %j is accepted', (kind, over) => {
    expect(parseRecordLine(kind, line(kind, over)).ok).toBe(true);
  });

  it('gives audience records empty tags and attributes when absent', () => {
    const result = parseRecordLine('audience', '{"phone":"+8613800138000","locale":"en","consent":true}');
    expect(result).toEqual({
      ok: true,
      record: { phone: '+8613800138000', locale: 'en', consent: true, tags: [], attributes: {} },
      warnings: [],
    });
  });
});

describe('identity numbers (GB 11643)', () => {
  it('verifies the check character, X included', () => {
    expect(idNumberChecksumOk('11010519491231002X')).toBe(true);
    expect(idNumberChecksumOk('360421199001011235')).toBe(true);
    expect(idNumberChecksumOk('360421199001011234')).toBe(false);
    expect(idNumberChecksumOk('110105194912310021')).toBe(false);
    expect(idNumberChecksumOk('11010519491231002x')).toBe(false);
  });

  it('a valid number carries no warning', () => {
    expect(parseRecordLine('licences', line('licences', { number: '360421199001011235' }))).toEqual(
      expect.objectContaining({ ok: true, warnings: [] }),
    );
  });

  it('strict mode rejects a wrong check character', () => {
    expect(parseRecordLine('licences', EXAMPLES.licences, { strictIdChecksum: true })).toEqual({
      ok: false,
      error: 'number: wrong GB 11643 check character',
    });
  });
});
