/** Normalises what a person typed: full-width to half-width, trimmed, inner spaces collapsed. */
export function normaliseInput(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same, lower-cased and without trailing punctuation, for whole-message keyword checks. */
export function commandForm(text: unknown): string {
  return normaliseInput(text)
    .replace(/[。.!！~～,，、]+$/u, '')
    .trim()
    .toLowerCase();
}
