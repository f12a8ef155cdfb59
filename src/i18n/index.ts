// The only reader of locales/. Each file locales/<locale>/<namespace>.json is a flat object of
// semantic keys ("menu.prompt") to sentences with {placeholders}. A key is addressed as
// "<namespace>.<key>", e.g. "main.menu.prompt". A key may have an ".sms" variant that is used
// on SMS channels, where every character costs.
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../config';
import { LOCALES_DIR } from '../paths';

export { LOCALES_DIR };

export type Vars = Record<string, string | number>;

export interface Translator {
  t(locale: Locale, key: string, vars?: Vars, opts?: { sms?: boolean }): string;
  has(locale: Locale, key: string): boolean;
  /** Every full key of a locale (namespace included), for parity checks. */
  keys(locale: Locale): string[];
}


export function loadLocaleFiles(dir: string, locale: string): Map<string, string> {
  const table = new Map<string, string>();
  const folder = path.join(dir, locale);
  if (!fs.existsSync(folder)) throw new Error(`locales: folder ${folder} is missing`);
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const ns = file.slice(0, -'.json'.length);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
    } catch (err) {
      throw new Error(`locales: ${locale}/${file} is not valid JSON (${(err as Error).message})`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error(`locales: ${locale}/${file} must be a flat object of key -> sentence`);
    }
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') throw new Error(`locales: ${locale}/${file} key "${key}" must be a string`);
      table.set(`${ns}.${key}`, value);
    }
  }
  return table;
}

export function placeholders(sentence: string): string[] {
  return [...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export function interpolate(sentence: string, vars: Vars = {}): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function createTranslator(dir: string = LOCALES_DIR, locales: readonly Locale[] = ['zh-CN', 'en']): Translator {
  const tables = new Map<Locale, Map<string, string>>();
  for (const locale of locales) tables.set(locale, loadLocaleFiles(dir, locale));
  return {
    t(locale, key, vars, opts) {
      const table = tables.get(locale);
      if (!table) throw new Error(`locales: unknown locale ${locale}`);
      const sentence = (opts?.sms ? table.get(`${key}.sms`) : undefined) ?? table.get(key);
      if (sentence === undefined) throw new Error(`locales: missing key ${key} for ${locale}`);
      return interpolate(sentence, vars);
    },
    has(locale, key) {
      return tables.get(locale)?.has(key) ?? false;
    },
    keys(locale) {
      return [...(tables.get(locale)?.keys() ?? [])];
    },
  };
}

/** Maps a client locale tag (zh, zh-Hans-CN, en-US, ...) to a supported locale, or undefined. */
export function normaliseLocale(tag: unknown): Locale | undefined {
  if (typeof tag !== 'string') return undefined;
  const t = tag.trim().toLowerCase();
  if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
  return undefined;
}
