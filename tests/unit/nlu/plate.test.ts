import fs from 'node:fs';
import path from 'node:path';
import {
  PLATE_ERROR_CODES,
  PLATE_PATTERN,
  PROVINCES,
  extractPlate,
  findPlateSpans,
  foldPlateText,
  maskPlate,
  parsePlate,
  plateErrorKey,
  plateKindKey,
  type PlateError,
  type PlateKind,
  type PlateResult,
} from '../../../src/nlu/entities/plate';

function expectOk(result: PlateResult | null, plate: string, kind: PlateKind): void {
  expect(result).toEqual(expect.objectContaining({ ok: true, plate, kind }));
}

function expectError(result: PlateResult | null, error: string): PlateError {
  expect(result).not.toBeNull();
  expect(result?.ok).toBe(false);
  const failed = result as PlateError;
  expect(failed.error).toBe(error);
  return failed;
}

describe('parsePlate: valid plates', () => {
  it.each([
    ['赣G12345', '赣G12345', 'ordinary', '赣'],
    ['京AB1234', '京AB1234', 'ordinary', '京'],
    ['粤BD12345', '粤BD12345', 'new-energy-small', '粤'],
    ['粤BFA1234', '粤BFA1234', 'new-energy-small', '粤'],
    ['苏E12345F', '苏E12345F', 'new-energy-large', '苏'],
    ['浙A1234挂', '浙A1234挂', 'trailer', '浙'],
    ['川A1234学', '川A1234学', 'learner', '川'],
    ['京A0001警', '京A0001警', 'police', '京'],
    ['沪A1234领', '沪A1234领', 'consulate', '沪'],
    ['粤Z1234港', '粤Z1234港', 'hong-kong', '粤'],
    ['粤ZA123澳', '粤ZA123澳', 'macau', '粤'],
  ])('%s', (input, plate, kind, province) => {
    expect(parsePlate(input)).toEqual({ ok: true, plate, kind, province });
  });

  it('accepts an embassy plate starting with 使 and gives it no province', () => {
    expect(parsePlate('使014578')).toEqual({ ok: true, plate: '使014578', kind: 'embassy', province: null });
  });

  it('knows all 31 province abbreviations', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES).size).toBe(31);
    for (const p of PROVINCES) expectOk(parsePlate(`${p}A12345`), `${p}A12345`, 'ordinary');
  });

  it('accepts Q, which unlike I and O is a plate letter', () => {
    expectOk(parsePlate('鲁Q12345'), '鲁Q12345', 'ordinary');
  });
});

describe('parsePlate: tolerant input', () => {
  it.each([
    ['赣g 12345'],
    ['赣G·12345'],
    ['赣G・12345'],
    ['赣G•12345'],
    ['赣G-12345'],
    [' 赣 G 123 45 '],
    ['赣Ｇ１２３４５'],
    ['赣ｇ\u300012345'],
    ['贛G12345'],
  ])('normalises %j to 赣G12345', (input) => {
    expectOk(parsePlate(input), '赣G12345', 'ordinary');
  });

  it('normalises a lower-case new-energy plate', () => {
    expectOk(parsePlate('粤b d12345'), '粤BD12345', 'new-energy-small');
  });

  it('folds traditional suffix characters', () => {
    expectOk(parsePlate('川A1234學'), '川A1234学', 'learner');
    expectOk(parsePlate('浙A1234掛'), '浙A1234挂', 'trailer');
  });
});

describe('parsePlate: near misses get precise errors', () => {
  it('an empty input', () => {
    expectError(parsePlate('  · '), 'empty');
  });

  it('the letter O in the serial, suggesting the digit 0', () => {
    expect(parsePlate('赣G1234O')).toEqual({ ok: false, error: 'letterIO', hint: { suggestion: '赣G12340' } });
  });

  it('the letter I in a new-energy serial, suggesting the digit 1', () => {
    expect(parsePlate('粤BDI2345')).toEqual({ ok: false, error: 'letterIO', hint: { suggestion: '粤BD12345' } });
  });

  it('I or O in a suffixed plate', () => {
    expect(parsePlate('京AO001警')).toEqual({ ok: false, error: 'letterIO', hint: { suggestion: '京A0001警' } });
  });

  it('I/O without a suggestion when the corrected plate would still be invalid', () => {
    expect(parsePlate('赣G12O')).toEqual({ ok: false, error: 'letterIO' });
  });

  it('O as the issuing-authority letter', () => {
    expect(parsePlate('赣O12345')).toEqual({ ok: false, error: 'letterIO' });
  });

  it('no province', () => {
    expectError(parsePlate('G12345'), 'missingProvince');
    expectError(parsePlate('12345'), 'missingProvince');
  });

  it('an unknown province character', () => {
    expect(parsePlate('北G12345')).toEqual({ ok: false, error: 'unknownProvince', hint: { found: '北' } });
  });

  it('a province without the authority letter', () => {
    expectError(parsePlate('赣12345'), 'missingLetter');
  });

  it('a province alone', () => {
    expect(parsePlate('赣')).toEqual({ ok: false, error: 'wrongLength', hint: { length: 0 } });
  });

  it.each([
    ['赣G1234', 4],
    ['赣G1234567', 7],
  ])('%s has the wrong length', (input, length) => {
    expect(parsePlate(input)).toEqual({ ok: false, error: 'wrongLength', hint: { length } });
  });

  it('more than two letters in an ordinary serial', () => {
    expectError(parsePlate('赣GABC12'), 'tooManyLetters');
    expectError(parsePlate('沪AB1C2D'), 'tooManyLetters');
    expectOk(parsePlate('沪A1B2C3'), '沪A1B2C3', 'ordinary');
  });

  it('a character that is neither letter nor digit', () => {
    expect(parsePlate('赣G12#45')).toEqual({ ok: false, error: 'invalidCharacter', hint: { found: '#' } });
  });

  it('D or F in the wrong place of a new-energy plate', () => {
    expectError(parsePlate('赣G1D2345'), 'nevLetterPosition');
    expectError(parsePlate('赣G1234F5'), 'nevLetterPosition');
  });

  it('six characters with no D/F where D/F must be', () => {
    expectError(parsePlate('赣G123456'), 'nevFormat');
  });

  it('a new-energy first letter other than D/F is not accepted (third-party only in domain.md)', () => {
    expect(parsePlate('沪AA12345')).toEqual({ ok: false, error: 'nevLetterUnverified', hint: { found: 'A' } });
  });

  it('a suffix with the wrong serial length', () => {
    expect(parsePlate('京A12345警')).toEqual({ ok: false, error: 'suffixLength', hint: { suffix: '警', length: 5 } });
  });

  it('an unknown trailing character', () => {
    expect(parsePlate('赣G1234测')).toEqual({ ok: false, error: 'unknownSuffix', hint: { found: '测' } });
  });

  it('a Hong Kong/Macau suffix on a plate that is not 粤Z', () => {
    expect(parsePlate('京A1234港')).toEqual({ ok: false, error: 'crossBorderPrefix', hint: { suffix: '港' } });
  });

  it('使 at the end, or with the wrong length', () => {
    expectError(parsePlate('京A1234使'), 'embassyFormat');
    expectError(parsePlate('使01457'), 'embassyFormat');
  });
});

describe('PLATE_PATTERN', () => {
  it('agrees with parsePlate on normalised plates', () => {
    const pick = <T,>(items: readonly T[]): T => items[next() % items.length] as T;
    let seed = 20260101;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const serialChars = ['D', 'F', 'A', 'B', 'I', '1', '2', '0', '5', '9'];
    let valid = 0;
    for (let n = 0; n < 3000; n += 1) {
      let s = `${pick(['赣', '京', '粤', '使', '北'])}${pick(['G', 'Z', 'I', '1'])}`;
      const length = 3 + (next() % 5);
      for (let i = 0; i < length; i += 1) s += pick(serialChars);
      s += pick(['', '', '', '学', '警', '港', '使']);
      const result = parsePlate(s);
      expect([s, PLATE_PATTERN.test(s)]).toEqual([s, result.ok && result.plate === s]);
      if (result.ok) valid += 1;
    }
    expect(valid).toBeGreaterThan(0);
  });
});

describe('extractPlate', () => {
  it.each([
    ['赣G12345有违章吗', '赣G12345'],
    ['my plate is 赣G12345', '赣G12345'],
    ['My plate is 赣g·12345.', '赣G12345'],
    ['查一下 粤b d12345 的违章', '粤BD12345'],
    ['赣G12345学法减分怎么办', '赣G12345'],
    ['查粤Z1234港的记录', '粤Z1234港'],
    ['赣 G 123 45', '赣G12345'],
  ])('finds the plate in %j', (sentence, plate) => {
    expect(extractPlate(sentence)).toEqual(expect.objectContaining({ ok: true, plate }));
  });

  it('keeps a learner suffix that belongs to the plate', () => {
    expectOk(extractPlate('川A1234学有违章吗'), '川A1234学', 'learner');
  });

  it('returns the near miss when the only candidate is invalid', () => {
    expect(extractPlate('我的车牌是赣G1234O')).toEqual({ ok: false, error: 'letterIO', hint: { suggestion: '赣G12340' } });
    expectError(extractPlate('车牌赣G1234有违章吗'), 'wrongLength');
  });

  it('prefers a valid plate over an earlier near miss', () => {
    expectOk(extractPlate('不是赣G1234O，是赣G12340'), '赣G12340', 'ordinary');
  });

  it('reports a plate-like token without province as missingProvince', () => {
    expectError(extractPlate('my plate is G12345'), 'missingProvince');
  });

  it.each(['你好', '我在京东买的', '新3条违章怎么处理', '我有2个违章', 'hello there', '罚款200元扣6分'])(
    'returns null for %j',
    (sentence) => {
      expect(extractPlate(sentence)).toBeNull();
    },
  );
});

describe('findPlateSpans', () => {
  it('gives offsets in the original text, full-width included', () => {
    const text = '车牌：赣Ｇ·１２３４５，谢谢';
    const [span] = findPlateSpans(text);
    expect(span).toBeDefined();
    expect(text.slice(span?.start, span?.end)).toBe('赣Ｇ·１２３４５');
    expect(span?.result).toEqual(expect.objectContaining({ ok: true, plate: '赣G12345' }));
  });

  it('foldPlateText keeps the length of the text', () => {
    const text = 'ＡＢＣ１２３\u3000贛g';
    expect(foldPlateText(text)).toBe('ABC123 赣G');
    expect(foldPlateText(text)).toHaveLength(text.length);
  });
});

describe('maskPlate', () => {
  it.each([
    ['赣G12345', '赣G***45'],
    ['赣g·12345', '赣G***45'],
    ['粤BD12345', '粤B****45'],
    ['粤Z1234港', '粤Z***4港'],
  ])('%s -> %s', (plate, masked) => {
    expect(maskPlate(plate)).toBe(masked);
  });

  it('masks something that is not a plate without revealing it', () => {
    expect(maskPlate('赣G1234O')).toBe('赣G***4O');
    expect(maskPlate('ABC')).toBe('***');
  });
});

describe('plate sentences (locales/*/plate.json)', () => {
  const load = (locale: string): Record<string, string> =>
    JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../locales', locale, 'plate.json'), 'utf8')) as Record<
      string,
      string
    >;
  const zh = load('zh-CN');
  const en = load('en');
  const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

  it('both locales have the same keys and the same placeholders per key', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) expect([key, placeholders(en[key] as string)]).toEqual([key, placeholders(zh[key] as string)]);
  });

  it('every error code and kind has a sentence', () => {
    for (const code of PLATE_ERROR_CODES) expect(zh).toHaveProperty([plateErrorKey({ ok: false, error: code })]);
    expect(zh).toHaveProperty(['error.letterIOSuggestion']);
    const kinds: PlateKind[] = ['ordinary', 'new-energy-small', 'new-energy-large', 'trailer', 'learner', 'police', 'embassy', 'consulate', 'hong-kong', 'macau'];
    for (const kind of kinds) expect(zh).toHaveProperty([plateKindKey(kind)]);
  });

  it.each(['', '赣G1234O', '赣G12O', 'G1', '北G12345', '赣12345', '赣G12#45', '赣G1234', '赣GABC12', '赣G123456', '赣G1D2345', '沪AA12345', '赣G1234测', '京A12345警', '京A1234港', '京A1234使'])(
    'the sentence for %j has every placeholder filled by the hint',
    (input) => {
      const result = parsePlate(input) as PlateError;
      expect(result.ok).toBe(false);
      const sentence = zh[plateErrorKey(result)] as string;
      expect(sentence).toBeDefined();
      for (const name of placeholders(sentence)) expect(result.hint).toHaveProperty([name]);
    },
  );
});
