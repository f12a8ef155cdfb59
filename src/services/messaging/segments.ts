// SMS length rules (reference/channels.md 1.7): GSM-7 text fits 160 characters in one SMS and
// 153 per part when concatenated (the extension characters ^ { } [ ] ~ \ | € cost two); any
// other character makes the whole message UCS-2, 70 single / 67 per part, counted in UTF-16
// units. Long texts are split at natural breaks into messages of a few segments each, never cut.

export type SmsEncoding = 'gsm7' | 'ucs2';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(Array.from(GSM_BASIC));
const EXTENDED = new Set(Array.from(GSM_EXTENDED));

export const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  gsm7: { single: 160, multi: 153 },
  ucs2: { single: 70, multi: 67 },
};

export function encodingOf(text: string): SmsEncoding {
  for (const c of text) if (!BASIC.has(c) && !EXTENDED.has(c)) return 'ucs2';
  return 'gsm7';
}

/** What one character costs: septets in GSM-7, UTF-16 units in UCS-2. */
function cost(c: string, encoding: SmsEncoding): number {
  if (encoding === 'ucs2') return c.length;
  return EXTENDED.has(c) ? 2 : 1;
}

export function unitsOf(text: string, encoding: SmsEncoding = encodingOf(text)): number {
  let n = 0;
  for (const c of text) n += cost(c, encoding);
  return n;
}

export function segmentCount(text: string): number {
  const encoding = encodingOf(text);
  const units = unitsOf(text, encoding);
  if (units === 0) return 0;
  const { single, multi } = LIMITS[encoding];
  return units <= single ? 1 : Math.ceil(units / multi);
}

export interface SplitOptions {
  /** The most segments one message may take (default 3: long enough to read, short enough for old handsets). */
  maxSegments?: number;
}

// Where a cut reads best, strongest first: a line break, the end of a sentence, a clause, a space.
const BREAKS: RegExp[] = [/\n/, /[。！？!?；;]/, /[，,、：:）)]/, /\s/];

/**
 * Splits a text into messages of at most `maxSegments` segments each. The cut is made after the
 * strongest natural break in the second half of the allowed length, else at the length itself
 * (never inside a surrogate pair). Only whitespace at a cut is dropped; nothing else is lost.
 */
export function splitForSms(text: string, opts: SplitOptions = {}): string[] {
  const maxSegments = Math.max(1, opts.maxSegments ?? 3);
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const encoding = encodingOf(trimmed);
  const { single, multi } = LIMITS[encoding];
  const budget = maxSegments === 1 ? single : multi * maxSegments;
  if (unitsOf(trimmed, encoding) <= budget) return [trimmed];

  const chars = Array.from(trimmed);
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let units = 0;
    let end = start;
    while (end < chars.length && units + cost(chars[end], encoding) <= budget) {
      units += cost(chars[end], encoding);
      end += 1;
    }
    if (end < chars.length) end = bestCut(chars, start, end);
    const part = chars.slice(start, end).join('').trim();
    if (part) parts.push(part);
    start = end;
    while (start < chars.length && /\s/.test(chars[start])) start += 1;
  }
  return parts;
}

/** The end index (exclusive) of the best cut between the middle of [start, limit) and limit. */
function bestCut(chars: string[], start: number, limit: number): number {
  const floor = start + Math.floor((limit - start) / 2);
  for (const pattern of BREAKS) {
    // A line break or space just past the limit is a perfect cut: it is dropped at the cut.
    if (limit < chars.length && /\s/.test(chars[limit]) && pattern.test(chars[limit])) return limit;
    for (let i = limit - 1; i >= floor; i--) {
      if (pattern.test(chars[i])) return i + 1;
    }
  }
  return limit;
}
