/**
 * Finds a phone number in a message and returns it in E.164.
 * - Mainland mobiles: 11 digits starting 13-19 (spaces or dashes allowed: 138 0013 8000), with or
 *   without +86 / 0086 / 86 -> +8613800138000.
 * - Other countries: an explicit +<country code> (or 00<country code>) and 7-14 more digits.
 * Landlines without a country code (010-12345678) are not phone numbers we can text: null.
 */
const CANDIDATE = /(?:\+|00)?\d[\d\s\-().]{6,22}\d/g;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

export function extractPhone(text: string): string | null {
  const clean = text.normalize('NFKC');
  for (const match of clean.matchAll(CANDIDATE)) {
    const raw = match[0];
    const start = match.index;
    // Part of a longer alphanumeric token (a VIN, a plate): not a phone.
    if (start > 0 && /[A-Za-z0-9]/.test(clean[start - 1]!)) continue;
    const end = start + raw.length;
    if (end < clean.length && /[A-Za-z0-9]/.test(clean[end]!)) continue;
    const international = raw.startsWith('+') || raw.startsWith('00');
    let digits = digitsOf(raw);
    if (raw.startsWith('00')) digits = digits.slice(2);
    if (/^861[3-9]\d{9}$/.test(digits) || (!international && /^1[3-9]\d{9}$/.test(digits))) {
      return `+86${digits.slice(-11)}`;
    }
    if (international && !digits.startsWith('86') && /^[1-9]\d{7,14}$/.test(digits)) return `+${digits}`;
    if (international && digits.startsWith('86') && /^86[1-9]\d{8,11}$/.test(digits)) return `+${digits}`;
  }
  return null;
}
