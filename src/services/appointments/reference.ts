// Appointment reference numbers: 6 characters a driver can read out and type on a phone keypad
// without confusion. I, O, 0 and 1 are left out; 32^6 is about a billion numbers, and the
// database's unique index settles the rare clash (the booking retries with a new number).
import { randomInt } from 'node:crypto';

export const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REF_LENGTH = 6;
const VALID = new RegExp(`^[${REF_ALPHABET}]{${REF_LENGTH}}$`);

export function newReference(random: (max: number) => number = randomInt): string {
  let ref = '';
  for (let i = 0; i < REF_LENGTH; i++) ref += REF_ALPHABET[random(REF_ALPHABET.length)];
  return ref;
}

export function isReference(text: string): boolean {
  return VALID.test(text);
}

/** A reference as typed ("ab 12-cd" -> "AB12CD"); undefined unless it has the right length. */
export function normaliseReference(text: string): string | undefined {
  const t = text.normalize('NFKC').replace(/[\s\-_]/g, '').toUpperCase();
  return /^[A-Z0-9]{6}$/.test(t) ? t : undefined;
}
