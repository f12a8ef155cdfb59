import { z } from 'zod';
import type { Locale } from './faq';

/**
 * The format of a service file in data/services/ (zod schema and types). The loader is in
 * ./services.ts, the cross-checks between fields in ./serviceChecks.ts.
 */

export const SERVICE_CATEGORIES = ['licence', 'vehicle'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Facts the bot may already hold about the driver (from the licence / vehicle records). */
export const RECORD_FACTS = {
  'licence.validUntil': 'date',
  'licence.issuedAt': 'date',
  'licence.points': 'number',
  'licence.class': 'string',
  'person.birthDate': 'date',
  'vehicle.registeredAt': 'date',
  'vehicle.nextInspectionDue': 'date',
  'vehicle.plateType': 'string',
} as const;
export type RecordFactKey = keyof typeof RECORD_FACTS;
export type KnownFacts = Partial<Record<RecordFactKey, string | number>>;
const RECORD_FACT_KEYS = Object.keys(RECORD_FACTS) as [RecordFactKey, ...RecordFactKey[]];

/** Sections of a service a conclusion may show. */
export const SECTIONS = ['materials', 'fees', 'timeLimits', 'appSteps', 'window', 'processing'] as const;
export type Section = (typeof SECTIONS)[number];

export const OUTCOME_KINDS = ['eligible', 'not-yet', 'other-service', 'not-possible', 'window'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** SMS budgets for one text piece: 2 UCS-2 segments (zh-CN) or 2 GSM-7 segments (en). */
export const TEXT_LIMITS: Record<Locale, number> = { 'zh-CN': 134, en: 306 };
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;
const NO_LINK = (t: string) => !/https?:\/\/|www\./i.test(t);
const chars = (t: string) => [...t].length;

const zhText = z
  .string()
  .trim()
  .min(1)
  .refine((t) => chars(t) <= TEXT_LIMITS['zh-CN'], { message: `longer than ${TEXT_LIMITS['zh-CN']} characters` })
  .refine(NO_LINK, { message: 'links are not allowed' });
const enText = z
  .string()
  .trim()
  .min(1)
  .refine((t) => chars(t) <= TEXT_LIMITS.en, { message: `longer than ${TEXT_LIMITS.en} characters` })
  .refine((t) => GSM7.test(t), { message: 'characters outside GSM-7' })
  .refine(NO_LINK, { message: 'links are not allowed' });

export const localisedTextSchema = z.strictObject({ 'zh-CN': zhText, en: enText });
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'not a calendar date',
  });
const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, e.g. licence-renewal');
const factId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase, e.g. validUntil');

// ---- questions -------------------------------------------------------------------------------

const questionBase = { id: factId, prompt: localisedTextSchema, hint: localisedTextSchema.optional() };
const choiceOption = z.strictObject({
  value: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  label: localisedTextSchema,
  /** Record values (e.g. licence classes) that select this option without asking. */
  fromValues: z.array(z.string().min(1)).optional(),
});
export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...questionBase, type: z.literal('yesno') }),
  z.strictObject({
    ...questionBase,
    type: z.literal('choice'),
    from: z.enum(RECORD_FACT_KEYS).optional(),
    options: z.array(choiceOption).min(2).max(9),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('date'),
    from: z.enum(RECORD_FACT_KEYS).optional(),
    /** past: the date may not be after today; future: not before today. */
    range: z.enum(['past', 'future', 'any']).default('any'),
  }),
  z.strictObject({
    ...questionBase,
    type: z.literal('number'),
    from: z.enum(RECORD_FACT_KEYS).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(true),
  }),
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];

// ---- the declarative rule language -----------------------------------------------------------

export interface Comparison {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  in?: number[];
}
export interface FactComparison extends Comparison {
  fact: string;
}
export interface AgeComparison extends FactComparison {
  /** Measure the age on this date fact instead of today. */
  at?: string;
}
export type FactValue = string | number | boolean;
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { eq: { fact: string; value: FactValue } }
  | { in: { fact: string; values: Array<string | number> } }
  | { num: FactComparison }
  | { daysUntil: FactComparison }
  | { daysSince: FactComparison }
  | { monthsSince: FactComparison }
  | { calendarMonthsUntil: FactComparison }
  | { ageAt: AgeComparison };

export const DATE_MEASURES = ['daysUntil', 'daysSince', 'monthsSince', 'calendarMonthsUntil', 'ageAt'] as const;
export type DateMeasure = (typeof DATE_MEASURES)[number];

const comparisonShape = {
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  eq: z.number().optional(),
  in: z.array(z.number()).min(1).optional(),
};
const hasComparator = (c: Comparison) => ['gt', 'gte', 'lt', 'lte', 'eq', 'in'].some((k) => k in c);
const factComparison = z
  .strictObject({ fact: factId, ...comparisonShape })
  .refine(hasComparator, { message: 'needs one of gt, gte, lt, lte, eq, in' });
const ageComparison = z
  .strictObject({ fact: factId, at: factId.optional(), ...comparisonShape })
  .refine(hasComparator, { message: 'needs one of gt, gte, lt, lte, eq, in' });

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ eq: z.strictObject({ fact: factId, value: z.union([z.string(), z.number(), z.boolean()]) }) }),
    z.strictObject({ in: z.strictObject({ fact: factId, values: z.array(z.union([z.string(), z.number()])).min(1) }) }),
    z.strictObject({ num: factComparison }),
    z.strictObject({ daysUntil: factComparison }),
    z.strictObject({ daysSince: factComparison }),
    z.strictObject({ monthsSince: factComparison }),
    z.strictObject({ calendarMonthsUntil: factComparison }),
    z.strictObject({ ageAt: ageComparison }),
  ]),
);

const ruleSchema = z.strictObject({ if: conditionSchema.optional(), then: kebabId });
export type Rule = z.infer<typeof ruleSchema>;

/** A date computed from a date fact, e.g. 90 days before validUntil. */
const whenSchema = z.strictObject({
  fact: factId,
  addDays: z.number().int().optional(),
  addMonths: z.number().int().optional(),
  addYears: z.number().int().optional(),
  startOfMonth: z.boolean().optional(),
});
export type WhenSpec = z.infer<typeof whenSchema>;

const outcomeSchema = z
  .strictObject({
    kind: z.enum(OUTCOME_KINDS),
    /** The explanation; may use {when} and fact placeholders ({validUntil}, {validUntil.daysUntil}, ...). */
    text: localisedTextSchema,
    when: whenSchema.optional(),
    service: kebabId.optional(),
    notes: z.array(localisedTextSchema).optional(),
    show: z.array(z.enum(SECTIONS)).optional(),
  })
  .refine((o) => (o.kind === 'other-service') === (o.service !== undefined), {
    message: 'service is required for kind other-service and not allowed otherwise',
  })
  .refine((o) => o.kind === 'not-yet' || o.when === undefined, { message: 'when is only for kind not-yet' });
export type Outcome = z.infer<typeof outcomeSchema>;

// ---- the service file ------------------------------------------------------------------------

const feeSchema = z
  .strictObject({ item: localisedTextSchema, amount: localisedTextSchema, local: z.boolean() })
  .refine((f) => !f.local || (f.amount['zh-CN'].includes('以当地为准') && /varies/i.test(f.amount.en)), {
    message: 'a local fee must say 以当地为准 and "varies"',
  });
const sourceSchema = z.strictObject({
  title: z.string().min(2),
  articles: z.array(z.string().regex(/^第\d+条$/, 'must look like 第62条')).optional(),
  url: z.string().url().optional(),
  note: z.string().optional(),
});
const perLocaleList = (min: number) =>
  z.strictObject({ 'zh-CN': z.array(z.string().trim().min(1)).min(min), en: z.array(z.string().trim().min(1)).min(min) });

export const serviceSchema = z.strictObject({
  id: kebabId,
  category: z.enum(SERVICE_CATEGORIES),
  /** Lower ranks come first in the pick-from-a-list menu. */
  rank: z.number().int().min(1).default(100),
  name: localisedTextSchema,
  synonyms: perLocaleList(1),
  /** Natural phrasings used by tests only; recognition never reads them. */
  examples: perLocaleList(0).optional(),
  audience: localisedTextSchema,
  questions: z.array(questionSchema).default([]),
  rules: z.array(ruleSchema).min(1),
  outcomes: z.record(kebabId, outcomeSchema),
  materials: z.array(localisedTextSchema),
  fees: z.array(feeSchema),
  timeLimits: z.array(localisedTextSchema),
  appSteps: z.array(localisedTextSchema),
  window: z.strictObject({ needed: z.enum(['no', 'sometimes', 'yes']), why: localisedTextSchema }),
  processing: localisedTextSchema,
  sources: z.array(sourceSchema).min(1),
  checked: isoDate,
});
export type ServiceDefinition = z.infer<typeof serviceSchema>;

/** The facts (question ids) a condition reads, in order of first mention. */
export function conditionFacts(condition: Condition): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if ('eq' in c) add(c.eq.fact);
    else if ('in' in c) add(c.in.fact);
    else if ('num' in c) add(c.num.fact);
    else if ('ageAt' in c) {
      add(c.ageAt.fact);
      if (c.ageAt.at !== undefined) add(c.ageAt.at);
    } else {
      const measure = DATE_MEASURES.find((m) => m in c);
      if (measure !== undefined) add((c as Record<DateMeasure, FactComparison>)[measure].fact);
    }
  };
  walk(condition);
  return out;
}

/** Placeholders a text may use: {when}, {fact}, and for date facts {fact.daysUntil|daysSince|monthsSince|age}. */
export const DATE_VAR_SUFFIXES = ['daysUntil', 'daysSince', 'monthsSince', 'age'] as const;
export const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)(?:\.([a-zA-Z]+))?\}/g;
