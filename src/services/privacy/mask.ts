/**
 * Masking of personal data for logs, transcripts and agent views (DESIGN.md 6).
 * Pure functions; nothing here throws on odd input — an unrecognised value is masked harder,
 * never shown in full.
 */
import { findPlateSpans, foldPlateText, maskPlate } from '../../nlu/entities/plate';

export { maskPlate };

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

function compactAlnum(value: string): string {
  return foldPlateText(value).replace(/[^0-9A-Z]/g, '');
}

/** VIN: only the last 4 characters stay visible (*************4825). */
export function maskVin(vin: string): string {
  const v = compactAlnum(vin);
  return v.length <= 4 ? stars(v.length) : `${stars(v.length - 4)}${v.slice(-4)}`;
}

/** Resident identity number: first 3 and last 2 stay visible (360*************34). */
export function maskIdNumber(id: string): string {
  const v = compactAlnum(id);
  return v.length <= 5 ? stars(v.length) : `${v.slice(0, 3)}${stars(v.length - 5)}${v.slice(-2)}`;
}

/**
 * Phone: mainland mobiles keep the country code, the first 3 and last 4 digits
 * (+8613800138000 -> +86138****8000, 13800138000 -> 138****8000); other numbers keep the first 3
 * and last 4 digits when long enough, else only the last 2.
 */
export function maskPhone(phone: string): string {
  const folded = foldPlateText(phone).trim();
  const plus = folded.startsWith('+') ? '+' : '';
  const digits = folded.replace(/\D/g, '');
  // With a leading + the country code must be 86 (+1 415… is not a mainland mobile).
  const mobile = plus === '' || digits.startsWith('86') ? /^(86)?(1[3-9]\d)(\d{4})(\d{4})$/.exec(digits) : null;
  if (mobile !== null) {
    const cc = mobile[1] === undefined ? '' : `${plus}${mobile[1]}`;
    return `${cc}${mobile[2]}****${mobile[4]}`;
  }
  if (digits.length >= 9) return `${plus}${digits.slice(0, 3)}${stars(digits.length - 7)}${digits.slice(-4)}`;
  if (digits.length >= 4) return `${plus}${stars(digits.length - 2)}${digits.slice(-2)}`;
  return stars(digits.length);
}

/**
 * Names keep their first character (the surname for Chinese names): 张三 -> 张*, 张三丰 -> 张**.
 * Each word of a Latin-script name keeps its initial: John Smith -> J*** S****. Separators
 * (spaces, the middle dot of transliterated names) are kept.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  const chars = Array.from(trimmed);
  if (chars.length <= 1) return stars(chars.length);
  const latin = /^[\p{Script=Latin}\s'.-]+$/u.test(trimmed);
  return chars
    .map((c, i) => {
      if (/[\s·•・.'-]/.test(c)) return c;
      const wordStart = i === 0 || (latin && /[\s.'-]/.test(chars[i - 1] as string));
      return wordStart ? c : '*';
    })
    .join('');
}

interface Span {
  start: number;
  end: number;
  replacement: string;
}

const ID_NUMBER = /(?<![0-9A-Z])\d{17}[\dX](?![0-9A-Z])/g;
const VIN = /(?<![0-9A-Z])(?=[0-9]*[A-Z])[A-Z0-9]{17}(?![0-9A-Z])/g;
const MAINLAND_PHONE = /(?<![0-9+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![0-9])/g;
const E164_PHONE = /(?<![0-9+])\+[1-9]\d{7,14}(?![0-9])/g;

function collect(folded: string, pattern: RegExp, mask: (value: string) => string, into: Span[]): void {
  for (const m of folded.matchAll(pattern)) {
    into.push({ start: m.index, end: m.index + m[0].length, replacement: mask(m[0]) });
  }
}

/**
 * Masks identity numbers (17 digits + digit/X), VIN-like tokens (17 letters/digits, at least one
 * letter), phone numbers and plates (valid ones and plate-like near misses) inside free text,
 * for logs and transcripts. Everything else is kept as written.
 */
export function redactText(text: string): string {
  const folded = foldPlateText(text);
  const spans: Span[] = [];
  collect(folded, ID_NUMBER, maskIdNumber, spans);
  collect(folded, VIN, maskVin, spans);
  collect(folded, MAINLAND_PHONE, maskPhone, spans);
  collect(folded, E164_PHONE, maskPhone, spans);
  for (const p of findPlateSpans(text)) {
    const raw = text.slice(p.start, p.end);
    spans.push({ start: p.start, end: p.end, replacement: p.result.ok ? maskPlate(p.result.plate) : maskPlate(raw) });
  }
  // Earliest start first; for equal starts the longest span wins; overlapping later spans drop.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    if (s.start < cursor) continue;
    out += text.slice(cursor, s.start) + s.replacement;
    cursor = s.end;
  }
  return out + text.slice(cursor);
}
