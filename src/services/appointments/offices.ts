// Vehicle-office windows that take appointments: where they are, when they open, how many
// drivers a time slot holds, and which services they handle. The demo list is
// data/seed/offices.json; a real deployment imports its own offices in the same shape.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../../paths';
import { SERVICE_CATEGORIES, localisedTextSchema, type ServiceCategory } from '../../knowledge/services';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case');

export const officeSchema = z
  .strictObject({
    id: kebab,
    name: localisedTextSchema,
    address: localisedTextSchema,
    /** Opening hours as shown to drivers. */
    hours: localisedTextSchema,
    /** Open weekdays, 0 = Sunday .. 6 = Saturday. */
    days: z.array(z.number().int().min(0).max(6)).min(1),
    /** Opening sessions of a day in Asia/Shanghai time; slots start every slotMinutes inside them. */
    sessions: z.array(z.strictObject({ start: hhmm, end: hhmm })).min(1),
    slotMinutes: z.number().int().min(5).max(240),
    /** Drivers one slot holds. */
    capacity: z.number().int().min(1).max(500),
    categories: z.array(z.enum(SERVICE_CATEGORIES)).min(1),
    /** When present, only these services (ids) are handled. */
    services: z.array(kebab).optional(),
    /** Services of its categories the office does not handle (e.g. inspections happen at stations). */
    exclude: z.array(kebab).default([]),
    /** Days the office is shut although the weekday is open (public holidays). */
    closedDates: z.array(isoDate).default([]),
  })
  .refine((o) => o.sessions.every((s) => s.start < s.end), { message: 'a session must end after it starts' });
export type Office = z.infer<typeof officeSchema>;

const officesFileSchema = z.strictObject({ _note: z.string().min(1), offices: z.array(officeSchema).min(1) });

export const DEFAULT_OFFICES_FILE = path.join(DATA_DIR, 'seed', 'offices.json');

/** Reads and validates an offices file; throws naming the field that is wrong. */
export function loadOffices(file: string = DEFAULT_OFFICES_FILE): Office[] {
  const parsed = officesFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${file}: field ${i.path.join('.')}: ${i.message}`);
    throw new Error(problems.join('\n'));
  }
  const ids = new Set<string>();
  for (const o of parsed.data.offices) {
    if (ids.has(o.id)) throw new Error(`${file}: duplicate office id ${o.id}`);
    ids.add(o.id);
  }
  return parsed.data.offices;
}

/** Whether an office takes appointments for a service. */
export function handles(office: Office, service: { id: string; category: ServiceCategory }): boolean {
  if (!office.categories.includes(service.category) || office.exclude.includes(service.id)) return false;
  return office.services === undefined || office.services.includes(service.id);
}
