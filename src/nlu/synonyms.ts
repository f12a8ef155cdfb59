import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Locale } from '../knowledge/faq';
import { DATA_DIR } from '../paths';
import { toSimplifiedChinese } from './script';

const tableSchema = z.object({
  note: z.string().optional(),
  /** canonical form -> the variants drivers write; a canonical may hold several words. */
  groups: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  stopwords: z.array(z.string().min(1)).default([]),
  /**
   * Single characters of the general stop list that still build domain words with their neighbour
   * (年 in 年检, 分 in 扣分): alone they stay stop words, but a pair holding one is not a
   * function-word pair for the domain lexicon or the slip corrector.
   */
  wordBuilding: z.array(z.string().length(1)).default([]),
});
export type SynonymTable = z.infer<typeof tableSchema>;

export function defaultNluDir(): string {
  return path.join(DATA_DIR, 'nlu');
}

export function loadSynonymTable(locale: Locale, dir: string = defaultNluDir()): SynonymTable {
  const file = path.join(dir, `synonyms.${locale}.json`);
  const parsed = tableSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const seen = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(parsed.data.groups)) {
    for (const variant of variants) {
      const key = variant.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined && other !== canonical) {
        throw new Error(`${file}: variant "${variant}" is listed under both "${other}" and "${canonical}"`);
      }
      seen.set(key, canonical);
    }
  }
  return parsed.data;
}

/** Traditional to simplified Chinese, full-width to half-width, lower case, unified apostrophes and spaces. */
export function basicClean(text: string): string {
  return toSimplifiedChinese(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Normalizer {
  normalize(text: string): string;
  readonly stopwords: ReadonlySet<string>;
}

/**
 * Replaces variants by their canonical term in one left-to-right pass, longest variant first, so a
 * replacement is never rewritten again (驾照 -> 驾驶证 does not touch the 驾驶证 already there).
 */
export function createPhraseReplacer(pairs: Iterable<readonly [variant: string, canonical: string]>): (text: string) => string {
  const byFirst = new Map<string, Array<readonly [string, string]>>();
  for (const [variant, canonical] of pairs) {
    if (!variant) continue;
    const list = byFirst.get(variant[0]!) ?? [];
    list.push([variant, canonical]);
    byFirst.set(variant[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const hit = byFirst.get(text[i]!)?.find(([variant]) => text.startsWith(variant, i));
      if (hit) {
        out += hit[1];
        i += hit[0].length;
      } else {
        out += text[i];
        i += 1;
      }
    }
    return out;
  };
}

/**
 * Chinese: basic cleaning, then pinyin slips put right (when a corrector is given, see
 * HomophoneCorrector), then the synonym table applied by createPhraseReplacer.
 */
export function createZhNormalizer(table: SynonymTable, corrector?: { correct(text: string): string }): Normalizer {
  const replace = createPhraseReplacer(
    Object.entries(table.groups).flatMap(([canonical, variants]) => variants.map((v) => [basicClean(v), canonical] as const)),
  );
  return {
    stopwords: new Set(table.stopwords),
    normalize: corrector ? (text) => replace(corrector.correct(basicClean(text))) : (text) => replace(basicClean(text)),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * English: basic cleaning, then typing slips put right (when a corrector is given, see
 * SpellingCorrector), then whole-word (or whole-phrase) replacement, longest phrase first, in one
 * regex pass.
 */
export function createEnNormalizer(table: SynonymTable, corrector?: { correct(text: string): string }): Normalizer {
  const map = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(table.groups)) {
    for (const variant of variants) map.set(basicClean(variant), canonical);
  }
  const keys = [...map.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const pattern = keys.length > 0 ? new RegExp(`(?<![a-z0-9])(?:${keys.join('|')})(?![a-z0-9])`, 'g') : null;
  return {
    stopwords: new Set(table.stopwords),
    normalize(text) {
      const clean = corrector ? corrector.correct(basicClean(text)) : basicClean(text);
      return pattern ? clean.replace(pattern, (m) => map.get(m) ?? m) : clean;
    },
  };
}
