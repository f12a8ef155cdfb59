import { readFileSync } from 'node:fs';
import { DATA_DIR } from '../paths';
import path from 'node:path';
import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const FAQ_TOPICS = [
  'app',
  'licence',
  'medical',
  'review',
  'points',
  'exam',
  'foreign',
  'violation',
  'fine',
  'appeal',
  'registration',
  'plate',
  'inspection',
  'contact',
  'scam',
] as const;
export type FaqTopic = (typeof FAQ_TOPICS)[number];

/** SMS budgets: zh-CN answers fit 2 UCS-2 segments, en answers 2 GSM-7 segments. */
const LIMITS: Record<Locale, { answer: number; detail: number }> = {
  'zh-CN': { answer: 134, detail: 268 },
  en: { answer: 306, detail: 612 },
};

/** The GSM 03.38 basic set plus its extension table (the extension characters count double). */
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)+$/, 'must be lowercase and dotted, e.g. licence.renewal.window'),
  topic: z.enum(FAQ_TOPICS),
  question: z.string().trim().min(2),
  alternates: z.array(z.string().trim().min(1)).min(4, 'needs at least 4 alternate questions'),
  answer: z.string().trim().min(2),
  detail: z.string().trim().min(2).optional(),
  followUps: z.array(z.string()).optional(),
  source: z.string().trim().min(2),
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date'),
});

export type FaqEntry = z.infer<typeof entrySchema>;

const fileSchema = z.object({
  locale: z.enum(LOCALES),
  entries: z.array(z.unknown()).min(1),
});

export interface FaqKnowledgeBase {
  entries(locale: Locale): readonly FaqEntry[];
  get(locale: Locale, id: string): FaqEntry | undefined;
  topics(): readonly FaqTopic[];
}

export class FaqValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaqValidationError';
  }
}


function describe(file: string, index: number, raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
  return `${file}: entry ${id} (#${index + 1})`;
}

function lengthOf(text: string): number {
  return [...text].length;
}

/** Checks one entry beyond its shape: SMS budgets and the GSM-7 alphabet for English. */
function checkTexts(locale: Locale, entry: FaqEntry): string[] {
  const problems: string[] = [];
  const limits = LIMITS[locale];
  const fields: Array<['answer' | 'detail', string | undefined, number]> = [
    ['answer', entry.answer, limits.answer],
    ['detail', entry.detail, limits.detail],
  ];
  for (const [field, text, max] of fields) {
    if (text === undefined) continue;
    if (lengthOf(text) > max) problems.push(`field ${field}: ${lengthOf(text)} characters, the limit is ${max}`);
    if (locale === 'en' && !GSM7.test(text)) {
      const bad = [...text].filter((c) => !GSM7.test(c));
      problems.push(`field ${field}: characters outside GSM-7: ${JSON.stringify([...new Set(bad)].join(''))}`);
    }
    if (/https?:\/\/|www\./i.test(text)) problems.push(`field ${field}: links are not allowed`);
  }
  return problems;
}

/** Parses and validates one locale file; throws FaqValidationError listing every problem. */
export function parseFaqFile(file: string, locale: Locale, json: unknown): FaqEntry[] {
  const shape = fileSchema.safeParse(json);
  if (!shape.success) {
    throw new FaqValidationError(`${file}: ${shape.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  }
  if (shape.data.locale !== locale) {
    throw new FaqValidationError(`${file}: field locale is ${shape.data.locale}, expected ${locale}`);
  }
  const problems: string[] = [];
  const entries: FaqEntry[] = [];
  const seen = new Set<string>();
  shape.data.entries.forEach((raw, index) => {
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${describe(file, index, raw)}: field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
      }
      return;
    }
    const entry = parsed.data;
    if (seen.has(entry.id)) problems.push(`${describe(file, index, raw)}: field id: duplicate id`);
    seen.add(entry.id);
    for (const problem of checkTexts(locale, entry)) problems.push(`${describe(file, index, raw)}: ${problem}`);
    entries.push(entry);
  });
  entries.forEach((entry, index) => {
    for (const target of entry.followUps ?? []) {
      if (!seen.has(target)) problems.push(`${describe(file, index, entry)}: field followUps: unknown id ${target}`);
      if (target === entry.id) problems.push(`${describe(file, index, entry)}: field followUps: refers to itself`);
    }
  });
  if (problems.length > 0) throw new FaqValidationError(problems.join('\n'));
  return entries;
}

/** Every id must exist in both locales, under the same topic. */
export function checkParity(byLocale: Record<Locale, readonly FaqEntry[]>): string[] {
  const problems: string[] = [];
  const [first, second] = LOCALES;
  const a = new Map(byLocale[first].map((e) => [e.id, e]));
  const b = new Map(byLocale[second].map((e) => [e.id, e]));
  for (const [id, entry] of a) {
    const other = b.get(id);
    if (!other) problems.push(`entry ${id}: present in ${first}, missing in ${second}`);
    else if (other.topic !== entry.topic) problems.push(`entry ${id}: field topic is ${entry.topic} in ${first}, ${other.topic} in ${second}`);
  }
  for (const id of b.keys()) if (!a.has(id)) problems.push(`entry ${id}: present in ${second}, missing in ${first}`);
  return problems;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FaqValidationError(`${file}: cannot be read (${(err as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new FaqValidationError(`${file}: invalid JSON (${(err as Error).message})`);
  }
}

export function createFaqKnowledgeBase(byLocale: Record<Locale, readonly FaqEntry[]>): FaqKnowledgeBase {
  const parity = checkParity(byLocale);
  if (parity.length > 0) throw new FaqValidationError(parity.join('\n'));
  const index = new Map<string, FaqEntry>();
  for (const locale of LOCALES) {
    for (const entry of byLocale[locale]) index.set(`${locale}\u0000${entry.id}`, entry);
  }
  const sorted: Record<Locale, readonly FaqEntry[]> = {
    'zh-CN': [...byLocale['zh-CN']].sort((x, y) => x.id.localeCompare(y.id)),
    en: [...byLocale.en].sort((x, y) => x.id.localeCompare(y.id)),
  };
  const topics = FAQ_TOPICS.filter((t) => sorted['zh-CN'].some((e) => e.topic === t));
  return {
    entries: (locale) => sorted[locale],
    get: (locale, id) => index.get(`${locale}\u0000${id}`),
    topics: () => topics,
  };
}

/** Loads data/faq/zh-CN.json and data/faq/en.json (or the same names under `dir`). */
export function loadFaqKnowledgeBase(dir: string = path.join(DATA_DIR, 'faq')): FaqKnowledgeBase {
  const byLocale = {} as Record<Locale, FaqEntry[]>;
  for (const locale of LOCALES) {
    const file = path.join(dir, `${locale}.json`);
    byLocale[locale] = parseFaqFile(path.relative(process.cwd(), file) || file, locale, readJson(file));
  }
  return createFaqKnowledgeBase(byLocale);
}
