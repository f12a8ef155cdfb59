import { PorterStemmer } from 'natural/lib/natural/stemmers';
import type { ServiceCatalogue, ServiceCategory, ServiceDefinition } from '../../knowledge/services';
import type { Locale } from '../../knowledge/faq';
import catalogueSynonyms from '../../../data/catalogue-synonyms.json';
import { createPhraseReplacer } from '../../nlu/synonyms';

/**
 * Recognises a service from a driver's message using only the services' names and synonyms:
 * Chinese by character bigrams after a small colloquial-to-official normalisation, English by
 * stemmed words. Terms are weighted by how few services use them (IDF), so "驾驶证" alone
 * hardly counts while "遗失" or "预选" decides.
 */

export interface ServiceMatch {
  id: string;
  /** 0..1 */
  score: number;
}

/** Colloquial -> official wording (data/catalogue-synonyms.json); applied longest-first in one pass. */
const ZH_NORMAL: Record<string, string[]> = Object.fromEntries(
  Object.entries(catalogueSynonyms).filter((e): e is [string, string[]] => !e[0].startsWith('_') && Array.isArray(e[1])),
);
const replaceZh = createPhraseReplacer(
  Object.entries(ZH_NORMAL).flatMap(([canonical, variants]) => variants.map((v) => [v, canonical] as const)),
);

export function normaliseZh(text: string): string {
  const clean = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Script=Han}a-z0-9]+/gu, '');
  return replaceZh(clean);
}

/** Character bigrams of the normalised text (a one-character text is its own term). */
export function zhTerms(text: string): string[] {
  const chars = [...normaliseZh(text)];
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

const EN_STOP = new Set(
  ('a an the my i me we our you your to do does did how can could would should what which is are was were be been am it its ' +
    'for of in on at by from with and or this that these those please want need like get got will just about some any there ' +
    'here have has had when where why who whom if so then than too very really much many next last month week year day ' +
    'while after before also ' +
    'days months weeks years tomorrow today soon still already now help tell know').split(' '),
);
const EN_NORMAL: Record<string, string> = {
  license: 'licence',
  licenses: 'licence',
  licences: 'licence',
  licenced: 'licence',
  licensed: 'licence',
  dl: 'licence',
  permit: 'licence',
  expiry: 'expire',
  expiring: 'expire',
  expired: 'expire',
  expires: 'expire',
  expiration: 'expire',
  plates: 'plate',
  numberplate: 'plate',
  numberplates: 'plate',
  mot: 'inspection',
  overseas: 'abroad',
  postpone: 'defer',
  delay: 'defer',
  deferral: 'defer',
  army: 'military',
  link: 'bind',
  add: 'bind',
};

export function enTerms(text: string): string[] {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(/\b(?:licen[cs]e|number|registration) plates?\b/g, 'plate')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !EN_STOP.has(w));
  return [...new Set(words.map((w) => PorterStemmer.stem(EN_NORMAL[w] ?? w)))];
}

const termsOf = (text: string, locale: Locale) => (locale === 'zh-CN' ? zhTerms(text) : enTerms(text));

interface Index {
  idf: Map<string, number>;
  entries: Array<{ id: string; phrases: string[][]; vocabulary: Set<string> }>;
}

const cache = new WeakMap<ServiceCatalogue, Partial<Record<Locale, Index>>>();

function indexOf(catalogue: ServiceCatalogue, locale: Locale): Index {
  const perCatalogue = cache.get(catalogue) ?? {};
  const existing = perCatalogue[locale];
  if (existing) return existing;
  const entries = catalogue.services.map((s) => {
    const phrases = [s.name[locale], ...s.synonyms[locale]].map((p) => termsOf(p, locale)).filter((p) => p.length > 0);
    return { id: s.id, phrases, vocabulary: new Set(phrases.flat()) };
  });
  const df = new Map<string, number>();
  for (const e of entries) for (const t of e.vocabulary) df.set(t, (df.get(t) ?? 0) + 1);
  const n = entries.length;
  const idf = new Map([...df].map(([t, d]): [string, number] => [t, Math.log(1 + n / d)]));
  const index = { idf, entries };
  perCatalogue[locale] = index;
  cache.set(catalogue, perCatalogue);
  return index;
}

/**
 * Scores every service against the message, best first; services with no overlap are left out.
 * Score = 0.5 x (weighted Jaccard overlap of the message with its best-matching name/synonym)
 *       + 0.5 x (weighted share of the message explained by the service's vocabulary).
 * The Jaccard form keeps a short synonym ("审验") from beating a longer, more specific one
 * ("出国无法审验") that the message matches better. Weights chosen on the examples table.
 */
export function recogniseService(catalogue: ServiceCatalogue, text: string, locale: Locale): ServiceMatch[] {
  const index = indexOf(catalogue, locale);
  const terms = new Set(termsOf(text, locale));
  if (terms.size === 0) return [];
  const weight = (t: string) => index.idf.get(t) ?? Math.log(1 + index.entries.length);
  const textWeight = [...terms].reduce((sum, t) => sum + weight(t), 0);
  const matches: ServiceMatch[] = [];
  for (const entry of index.entries) {
    let best = 0;
    for (const phrase of entry.phrases) {
      const total = phrase.reduce((sum, t) => sum + weight(t), 0);
      const hit = phrase.reduce((sum, t) => sum + (terms.has(t) ? weight(t) : 0), 0);
      if (total > 0) best = Math.max(best, hit / (total + textWeight - hit));
    }
    const explained = [...terms].reduce((sum, t) => sum + (entry.vocabulary.has(t) ? weight(t) : 0), 0) / textWeight;
    const score = 0.5 * best + 0.5 * explained;
    if (score > 0) matches.push({ id: entry.id, score: Math.round(score * 1000) / 1000 });
  }
  return matches.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** The services to offer as a short numbered list (lowest rank first), optionally per category. */
export function menuServices(catalogue: ServiceCatalogue, category?: ServiceCategory, limit = 6): ServiceDefinition[] {
  return catalogue.services.filter((s) => category === undefined || s.category === category).slice(0, limit);
}
