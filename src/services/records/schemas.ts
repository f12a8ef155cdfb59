/**
 * Strict schemas of the JSON-lines import records (CONTRACT.md "Import record shapes").
 *
 * Every value must be a plain string/number/boolean of the stated form; unknown keys are
 * rejected. Anything that could reach MongoDB as an operator or a field path — keys starting
 * with `$` or containing `.`, `__proto__`, string values starting with `$` — is rejected before
 * and during validation, never passed through.
 */
import { z } from 'zod';
import { parsePlate } from '../../nlu/entities/plate';

export const RECORD_KINDS = ['vehicles', 'violations', 'licences', 'audience'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Longest accepted line, in UTF-16 units. */
export const MAX_LINE_LENGTH = 16_384;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Free text (names, places, descriptions): trimmed, non-empty, bounded, never `$…`. */
function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !s.startsWith('$'), { error: 'must not start with $' })
    .refine((s) => !CONTROL.test(s), { error: 'must not contain control characters' });
}

const plate = z.string().transform((value, ctx) => {
  const parsed = parsePlate(value);
  if (parsed.ok) return parsed.plate;
  ctx.addIssue({ code: 'custom', message: `not a valid plate number (${parsed.error})` });
  return z.NEVER;
});

/** National vehicle-type code (号牌种类), two digits: 01 large, 02 small, 51/52 NEV… */
const plateType = z.string().regex(/^\d{2}$/, { error: 'must be a two-digit plate type code' });
/** VIN: 17 characters, upper-case letters and digits, never I, O or Q. */
const vin = z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, { error: 'must be 17 characters A-Z/0-9 without I, O, Q' });
const engineNo = z.string().regex(/^[A-Za-z0-9-]{1,30}$/, { error: 'must be 1-30 letters, digits or hyphens' });
const phone = z.string().regex(/^\+[1-9]\d{7,14}$/, { error: 'must be an E.164 number like +8613800138000' });
const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO date-time with a time zone' });

/** Point values of 公安部令第163号 Arts. 8-12 (domain.md 3.7/4.4): 12/9/6/3/1, or none. */
export const VIOLATION_POINT_VALUES = [0, 1, 3, 6, 9, 12] as const;

export const VIOLATION_STATUSES = ['unprocessed', 'processed', 'paid'] as const;
export const VIOLATION_SOURCES = ['electronic', 'onsite'] as const;
export const LICENCE_STATUSES = [
  'valid',
  'expired',
  'overdue-review',
  'detained',
  'suspended',
  'revoked',
  'cancelled',
] as const;
export const AUDIENCE_LOCALES = ['zh-CN', 'en'] as const;

/**
 * GB 11643 resident identity number: 6-digit area code, birth date YYYYMMDD, 3-digit sequence,
 * check character (0-9 or X). The check character is verified separately (idNumberChecksumOk).
 */
const idNumber = z
  .string()
  .regex(/^\d{17}[\dX]$/, { error: 'must be an 18-character identity number (17 digits, then a digit or X)' })
  .refine((s) => isCalendarDate(s.slice(6, 14)), { error: 'has an impossible birth date' });

function isCalendarDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character: sum of digit × weight mod 11 indexes "10X98765432". */
export function idNumberChecksumOk(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + Number(id.charAt(i)) * w, 0);
  return ID_CHECK.charAt(sum % 11) === id.charAt(17);
}

/** Driving-licence classes (准驾车型, 公安部令第162号; C6 since 2022), possibly combined: "C1E". */
const LICENCE_CLASS = /A[123]|B[12]|C[1-6]|[DEFMNP]/g;
const licenceClass = z
  .string()
  .regex(/^(?:A[123]|B[12]|C[1-6]|[DEFMNP])+$/, { error: 'must be licence class codes such as C1 or C1E' })
  .refine((s) => {
    const codes = s.match(LICENCE_CLASS) ?? [];
    return new Set(codes).size === codes.length;
  }, { error: 'repeats a licence class' });

const tag = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/, { error: 'tags must be 1-64 letters, digits, _ : -' });
const attributeKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, { error: 'attribute names must be 1-64 letters, digits, _ -' });
const attributeValue = z.union([text(500), z.number(), z.boolean()], {
  error: 'attribute values must be text, numbers or booleans',
});

export const vehicleSchema = z.strictObject({
  plate,
  plateType,
  vin,
  engineNo,
  ownerName: text(64),
  ownerPhone: phone,
  registeredAt: isoDate,
  nextInspectionDue: isoDate,
});

export const violationSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { error: 'must be 1-64 letters, digits or hyphens' }),
  plate,
  plateType,
  occurredAt: isoDateTime,
  location: text(200),
  code: z.string().regex(/^\d{4,5}$/, { error: 'must be a 4- or 5-digit violation code' }),
  description: text(200),
  fineYuan: z.number().int({ error: 'must be a whole number of yuan' }).min(0, { error: 'must not be negative' }),
  points: z.literal(VIOLATION_POINT_VALUES, { error: `must be one of ${VIOLATION_POINT_VALUES.join(', ')}` }),
  status: z.enum(VIOLATION_STATUSES, { error: `must be one of ${VIOLATION_STATUSES.join(', ')}` }),
  source: z.enum(VIOLATION_SOURCES, { error: `must be one of ${VIOLATION_SOURCES.join(', ')}` }),
  /** Optional (ours): the day the penalty decision was received, for the payment deadline. */
  decidedAt: isoDate.optional(),
  /** Optional (ours): the provider's own "can be processed online" flag (domain.md 4.2, 8). */
  onlineProcessable: z.boolean().optional(),
});

export const licenceSchema = z.strictObject({
  number: idNumber,
  name: text(64),
  phone,
  class: licenceClass,
  issuedAt: isoDate,
  validUntil: isoDate,
  points: z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(999),
  status: z.enum(LICENCE_STATUSES, { error: `must be one of ${LICENCE_STATUSES.join(', ')}` }),
});

export const audienceSchema = z.strictObject({
  phone,
  locale: z.enum(AUDIENCE_LOCALES, { error: `must be one of ${AUDIENCE_LOCALES.join(', ')}` }),
  consent: z.boolean({ error: 'must be true or false' }),
  tags: z.array(tag).max(32, { error: 'at most 32 tags' }).default([]),
  attributes: z
    .record(attributeKey, attributeValue)
    .refine((r) => Object.keys(r).length <= 32, { error: 'at most 32 attributes' })
    .default({}),
});

export type VehicleRecord = z.infer<typeof vehicleSchema>;
export type ViolationRecord = z.infer<typeof violationSchema>;
export type LicenceRecord = z.infer<typeof licenceSchema>;
export type AudienceRecord = z.infer<typeof audienceSchema>;

export interface RecordByKind {
  vehicles: VehicleRecord;
  violations: ViolationRecord;
  licences: LicenceRecord;
  audience: AudienceRecord;
}

const SCHEMAS: { [K in RecordKind]: z.ZodType<RecordByKind[K], unknown> } = {
  vehicles: vehicleSchema,
  violations: violationSchema,
  licences: licenceSchema,
  audience: audienceSchema,
};

export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

export interface ParseOptions {
  /**
   * true: a licence number whose GB 11643 check character is wrong is rejected.
   * false (default): it is accepted with a warning — CONTRACT.md's own example licence
   * (360421199001011234) and typical demo data carry deliberately invalid check characters.
   */
  strictIdChecksum?: boolean;
}

export type ParseLineResult<K extends RecordKind> =
  | { ok: true; record: RecordByKind[K]; warnings: string[] }
  | { ok: false; error: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first key that could act as a MongoDB operator or field path, if any. */
function unsafeKeyPath(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = unsafeKeyPath(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key.startsWith('$') || key.includes('.') || FORBIDDEN_KEYS.has(key) || key === '') return here;
    const found = unsafeKeyPath((value as Record<string, unknown>)[key], here);
    if (found !== undefined) return found;
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return issue.path.length === 0 ? `unknown field ${keys}` : `${issue.path.join('.')}: unknown field ${keys}`;
  }
  const field = issue.path.length === 0 ? 'record' : issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `${field}: missing`;
  if (issue.code === 'invalid_key' && issue.issues[0] !== undefined) return `${field}: ${issue.issues[0].message}`;
  return `${field}: ${issue.message}`;
}

/** Parses and validates one JSON line of an import file of the given kind. */
export function parseRecordLine<K extends RecordKind>(
  kind: K,
  line: string,
  options: ParseOptions = {},
): ParseLineResult<K> {
  if (line.trim() === '') return { ok: false, error: 'empty line' };
  if (line.length > MAX_LINE_LENGTH) return { ok: false, error: `line longer than ${MAX_LINE_LENGTH} characters` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'a record must be a JSON object' };
  }
  const unsafe = unsafeKeyPath(value, '');
  if (unsafe !== undefined) {
    return { ok: false, error: `${unsafe}: keys starting with $, containing a dot or __proto__ are not allowed` };
  }
  const parsed = SCHEMAS[kind].safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: first === undefined ? 'invalid record' : describeIssue(first) };
  }
  const warnings: string[] = [];
  if (kind === 'licences') {
    const number = (parsed.data as LicenceRecord).number;
    if (!idNumberChecksumOk(number)) {
      if (options.strictIdChecksum === true) return { ok: false, error: 'number: wrong GB 11643 check character' };
      warnings.push('number: wrong GB 11643 check character');
    }
  }
  return { ok: true, record: parsed.data, warnings };
}
