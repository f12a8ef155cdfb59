/**
 * Chinese plate numbers (机动车号牌): parse, normalise, validate, find in free text, mask.
 *
 * Plate rules follow domain.md 5.1 (GA 36 format as summarised there; sources listed there):
 * province abbreviation + issuing-authority letter + serial; letters I and O are never used;
 * ordinary serial = 5 characters with at most two letters; NEV serial = 6 characters, small NEV
 * "D|F, letter-or-digit, 4 digits", large NEV "5 digits, D|F"; special suffixes 学 警 挂 领 港 澳;
 * embassy plates start with 使. The extra NEV first letters (A/B/C/E, G/H/J/K) are third-party
 * only in domain.md 5.1/8, so they are reported as `nevLetterUnverified`, not accepted.
 *
 * Pure module: no framework, no I/O. User-facing sentences live in locales/<lng>/plate.json under
 * `error.<code>` (see plateErrorKey) and `kind.<kind>`.
 */

export const PROVINCES = [
  '京', '津', '沪', '渝', '冀', '豫', '云', '辽', '黑', '湘', '皖', '鲁', '新', '苏', '浙', '赣',
  '鄂', '桂', '甘', '晋', '蒙', '陕', '吉', '闽', '贵', '粤', '青', '藏', '川', '宁', '琼',
] as const;
export type Province = (typeof PROVINCES)[number];

export type PlateKind =
  | 'ordinary'
  | 'new-energy-small'
  | 'new-energy-large'
  | 'trailer'
  | 'learner'
  | 'police'
  | 'embassy'
  | 'consulate'
  | 'hong-kong'
  | 'macau';

export const PLATE_ERROR_CODES = [
  'empty',
  'missingProvince',
  'unknownProvince',
  'missingLetter',
  'letterIO',
  'invalidCharacter',
  'wrongLength',
  'tooManyLetters',
  'nevFormat',
  'nevLetterPosition',
  'nevLetterUnverified',
  'unknownSuffix',
  'suffixLength',
  'crossBorderPrefix',
  'embassyFormat',
] as const;
export type PlateErrorCode = (typeof PLATE_ERROR_CODES)[number];

/** Interpolation values for the i18n sentence of an error (i18next `{{name}}` placeholders). */
export interface PlateHint {
  /** A corrected plate that parses (e.g. I/O replaced by 1/0). */
  suggestion?: string;
  /** The offending character. */
  found?: string;
  /** Number of serial characters the user gave (after province and letter, without suffix). */
  length?: number;
  /** The special suffix character involved. */
  suffix?: string;
}

export interface PlateOk {
  ok: true;
  /** Normalised: upper case, half-width, no spaces or dots, e.g. 赣G12345. */
  plate: string;
  kind: PlateKind;
  /** Province abbreviation; null for embassy plates (they start with 使). */
  province: Province | null;
}
export interface PlateError {
  ok: false;
  error: PlateErrorCode;
  hint?: PlateHint;
}
export type PlateResult = PlateOk | PlateError;

/**
 * The i18n key (namespace `plate`, file locales/<lng>/plate.json) explaining an error; its
 * placeholders are the hint's fields. A letterIO error with a suggestion has its own sentence.
 */
export function plateErrorKey(result: PlateError): string {
  if (result.error === 'letterIO' && result.hint?.suggestion !== undefined) return 'error.letterIOSuggestion';
  return `error.${result.error}`;
}

/** The i18n key (namespace `plate`) naming a plate kind. */
export function plateKindKey(kind: PlateKind): string {
  return `kind.${kind}`;
}

/** Valid normalised plates (domain.md 5.1 regex, with 领 as a suffix and 使 as a prefix). */
export const PLATE_PATTERN = new RegExp(
  `^(?:[${PROVINCES.join('')}][A-HJ-NP-Z](?:(?=(?:[0-9]*[A-HJ-NP-Z]){0,2}[0-9]*$)[A-HJ-NP-Z0-9]{5}` +
    '|[A-HJ-NP-Z0-9]{4}[学警挂领]|[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])' +
    '|粤Z[A-HJ-NP-Z0-9]{4}[港澳]|使[A-HJ-NP-Z0-9]{6})$',
);

const PROVINCE_SET: ReadonlySet<string> = new Set(PROVINCES);

const SUFFIX_KIND: Readonly<Record<string, PlateKind>> = {
  学: 'learner',
  警: 'police',
  挂: 'trailer',
  领: 'consulate',
  港: 'hong-kong',
  澳: 'macau',
};

/** Traditional forms users may type for the characters plates use. */
const TRADITIONAL: Readonly<Record<string, string>> = {
  滬: '沪', 遼: '辽', 魯: '鲁', 蘇: '苏', 贛: '赣', 貴: '贵', 陝: '陕', 閩: '闽', 寧: '宁',
  瓊: '琼', 雲: '云', 晉: '晋', 粵: '粤', 學: '学', 掛: '挂', 領: '领',
};

/** Separators people put inside plates: spaces, middle dots, hyphens. */
const SEPARATORS = '\\s·•・‧∙⋅.\\-_—–';
const SEPARATOR_RUN = new RegExp(`[${SEPARATORS}]+`, 'g');
const SERIAL_CHAR = /^[A-HJ-NP-Z0-9]$/;
const CJK = /^[\u3400-\u9fff]$/;

/**
 * Folds full-width ASCII to half-width, the ideographic space to a space, traditional plate
 * characters to simplified, and letters to upper case. Maps one UTF-16 unit to one, so indices
 * in the folded text are indices in the original.
 */
export function foldPlateText(text: string): string {
  let out = '';
  for (const unit of text.split('')) {
    const code = unit.charCodeAt(0);
    let c = unit;
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) c = ' ';
    else if (code === 0xff65) c = '・';
    else c = TRADITIONAL[c] ?? c;
    out += c >= 'a' && c <= 'z' ? c.toUpperCase() : c;
  }
  return out;
}

function compact(text: string): string {
  return foldPlateText(text).replace(SEPARATOR_RUN, '');
}

function fail(error: PlateErrorCode, hint?: PlateHint): PlateError {
  return hint === undefined ? { ok: false, error } : { ok: false, error, hint };
}

/** Serial characters that are not plate characters; I and O are reported separately. */
function firstBadChar(serial: string): string | undefined {
  return serial.split('').find((c) => c !== 'I' && c !== 'O' && !SERIAL_CHAR.test(c));
}

function letterIO(head: string, serial: string, tail: string): PlateError {
  const fixed = `${head}${serial.replace(/I/g, '1').replace(/O/g, '0')}${tail}`;
  const retry = classify(fixed);
  return fail('letterIO', retry.ok ? { suggestion: retry.plate } : undefined);
}

function classifyEmbassy(plate: string): PlateResult {
  const serial = plate.slice(1);
  const bad = firstBadChar(serial);
  if (bad !== undefined) return fail('invalidCharacter', { found: bad });
  if (/[IO]/.test(serial)) return letterIO('使', serial, '');
  if (serial.length !== 6) return fail('embassyFormat', { length: serial.length });
  return { ok: true, plate, kind: 'embassy', province: null };
}

function classifySuffixed(province: Province, head: string, serial: string, suffix: string): PlateResult {
  const bad = firstBadChar(serial);
  if (bad !== undefined) return fail('invalidCharacter', { found: bad });
  if (/[IO]/.test(serial)) return letterIO(head, serial, suffix);
  if (serial.length !== 4) return fail('suffixLength', { suffix, length: serial.length });
  const kind = SUFFIX_KIND[suffix] as PlateKind;
  // Cross-boundary vehicles carry 粤Z plates (domain.md 5.1: "e.g. 粤Z…港").
  if ((kind === 'hong-kong' || kind === 'macau') && head !== '粤Z') {
    return fail('crossBorderPrefix', { suffix });
  }
  return { ok: true, plate: `${head}${serial}${suffix}`, kind, province };
}

function classifySerial(province: Province, head: string, serial: string): PlateResult {
  const bad = firstBadChar(serial);
  if (bad !== undefined) return fail('invalidCharacter', { found: bad });
  if (/[IO]/.test(serial)) return letterIO(head, serial, '');
  const plate = `${head}${serial}`;
  if (serial.length === 5) {
    // Ordinary plates use at most two letters in the serial (domain.md 5.1).
    if ((serial.match(/[A-Z]/g) ?? []).length > 2) return fail('tooManyLetters');
    return { ok: true, plate, kind: 'ordinary', province };
  }
  if (serial.length !== 6) return fail('wrongLength', { length: serial.length });
  // New-energy plates (domain.md 5.1): small "D|F + letter/digit + 4 digits", large "5 digits + D|F".
  if (/^[DF][A-Z0-9]\d{4}$/.test(serial)) return { ok: true, plate, kind: 'new-energy-small', province };
  if (/^\d{5}[DF]$/.test(serial)) return { ok: true, plate, kind: 'new-energy-large', province };
  if (/^[A-Z][A-Z0-9]\d{4}$/.test(serial) && !/[DF]/.test(serial)) {
    return fail('nevLetterUnverified', { found: serial.charAt(0) });
  }
  if (/[DF]/.test(serial)) return fail('nevLetterPosition');
  return fail('nevFormat');
}

/** Classifies an already folded, separator-free string. */
function classify(plate: string): PlateResult {
  if (plate === '') return fail('empty');
  const first = plate.charAt(0);
  if (first === '使') return classifyEmbassy(plate);
  if (/^[A-Z0-9]$/.test(first)) return fail('missingProvince');
  if (!PROVINCE_SET.has(first)) {
    return CJK.test(first) ? fail('unknownProvince', { found: first }) : fail('invalidCharacter', { found: first });
  }
  const province = first as Province;
  const letter = plate.charAt(1);
  if (letter === '') return fail('wrongLength', { length: 0 });
  if (/^[0-9]$/.test(letter)) return fail('missingLetter');
  if (letter === 'I' || letter === 'O') return fail('letterIO');
  if (!/^[A-Z]$/.test(letter)) return fail('invalidCharacter', { found: letter });
  const head = `${province}${letter}`;
  const rest = plate.slice(2);
  const last = rest.charAt(rest.length - 1);
  if (CJK.test(last)) {
    if (last === '使') return fail('embassyFormat', { length: rest.length - 1 });
    if (SUFFIX_KIND[last] === undefined) return fail('unknownSuffix', { found: last });
    return classifySuffixed(province, head, rest.slice(0, -1), last);
  }
  return classifySerial(province, head, rest);
}

/**
 * Parses a whole input as one plate. Tolerates lower case, full-width characters, traditional
 * characters, spaces, middle dots and hyphens anywhere ("赣g 12345", "赣G·12345", "ＡＢＣ").
 */
export function parsePlate(text: string): PlateResult {
  return classify(compact(text));
}

export interface PlateSpan {
  /** UTF-16 offsets in the original text. */
  start: number;
  end: number;
  result: PlateResult;
}

const SEP = `[${SEPARATORS}]{0,3}`;
const CANDIDATE = new RegExp(
  `([${PROVINCES.join('')}使])${SEP}([A-Z0-9])${SEP}([A-Z0-9]{3,})(?:(${SEP})([学警挂领港澳使]))?`,
  'g',
);
const PROVINCELESS = /(?<![A-Z0-9])[A-Z][A-Z0-9]{5,6}(?![A-Z0-9])/g;

/**
 * Every plate-like span in a text: a province character (or 使) followed by at least four letters
 * or digits, with optional separators after the province and after the letter. Valid and invalid
 * candidates are both returned (invalid ones carry the near-miss error).
 */
export function findPlateSpans(text: string): PlateSpan[] {
  const folded = foldPlateText(text);
  const spans: PlateSpan[] = [];
  for (const m of folded.matchAll(CANDIDATE)) {
    const [whole, lead, letter, serial, sep, suffix] = m;
    const start = m.index;
    const bare = classify(`${lead}${letter}${serial}`);
    if (suffix !== undefined) {
      const withSuffix = classify(`${lead}${letter}${serial}${suffix}`);
      // "赣G12345学法减分": the 学 belongs to the sentence, not to the plate.
      if (withSuffix.ok || !bare.ok) {
        spans.push({ start, end: start + whole.length, result: withSuffix });
        continue;
      }
    }
    const bareLength = whole.length - (suffix === undefined ? 0 : suffix.length + (sep ?? '').length);
    spans.push({ start, end: start + bareLength, result: bare });
  }
  return spans;
}

/**
 * Finds a plate in a sentence ("赣G12345有违章吗", "my plate is 赣G12345"). Returns the first valid
 * plate; otherwise the first near miss (so the caller can explain it); null when nothing plate-like
 * is present. A bare "G12345" with no province is reported as `missingProvince`.
 */
export function extractPlate(sentence: string): PlateResult | null {
  const whole = parsePlate(sentence);
  if (whole.ok) return whole;
  const spans = findPlateSpans(sentence);
  const valid = spans.find((s) => s.result.ok);
  if (valid !== undefined) return valid.result;
  if (spans.length > 0) return (spans[0] as PlateSpan).result;
  for (const m of foldPlateText(sentence).matchAll(PROVINCELESS)) {
    const digits = (m[0].match(/[0-9]/g) ?? []).length;
    if (digits >= 3 && m[0].length - digits <= 3) return fail('missingProvince');
  }
  return null;
}

function maskMiddle(chars: string[]): string {
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}

/** Keeps province + letter and the last two characters: 赣G12345 -> 赣G***45. */
export function maskPlate(plate: string): string {
  const parsed = parsePlate(plate);
  return maskMiddle(Array.from(parsed.ok ? parsed.plate : compact(plate)));
}
