import { existsSync, readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import type { Locale } from '../knowledge/faq';
import { INTENTS, type Intent } from './types';
import { seededRandom } from './random';

/** One dev question: an FAQ line (`faq` id, intent faq) or a routing line (`intent`). */
const lineSchema = z.union([
  z.object({ q: z.string().min(1), faq: z.string().min(1) }),
  z.object({ q: z.string().min(1), intent: z.enum(INTENTS).exclude(['faq']) }),
]);

export interface EvalLine {
  q: string;
  intent: Intent;
  faq?: string;
}

export function parseEvalLines(file: string, text: string): EvalLine[] {
  const lines: EvalLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new Error(`${file}:${index + 1}: invalid JSON (${(err as Error).message})`);
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${index + 1}: needs {"q", "faq"} or {"q", "intent"}`);
    const line = parsed.data;
    lines.push('faq' in line ? { q: line.q, intent: 'faq', faq: line.faq } : { q: line.q, intent: line.intent });
  });
  return lines;
}

export function readEvalSet(file: string): EvalLine[] {
  return parseEvalLines(file, readFileSync(file, 'utf8'));
}

const renamesSchema = z.object({ note: z.string().optional(), renames: z.record(z.string().min(1), z.string().min(1)) });
const labelSchema = z.string().regex(/^(faq:[a-z0-9._-]+|intent:[a-z_]+)$/, 'must be faq:<id> or intent:<intent>');
const fixesSchema = z.object({
  note: z.string().optional(),
  fixes: z.array(z.object({ q: z.string().min(1), from: labelSchema, to: labelSchema, why: z.string().optional() })),
});

/** Corrections applied to the dev labels at load, so the dev files stay as written. */
export interface LabelCorrections {
  /** Merged FAQ entries: removed id -> surviving id. */
  renames: ReadonlyMap<string, string>;
  /** Clearly wrong labels, by question text: the label written in the file and the right one. */
  fixes: ReadonlyArray<{ q: string; from: string; to: string }>;
}

export function readLabelCorrections(renamesFile: string, fixesFile: string): LabelCorrections {
  const read = (file: string): unknown => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
  const renames = renamesSchema.parse(read(renamesFile) ?? { renames: {} }).renames;
  const fixes = fixesSchema.parse(read(fixesFile) ?? { fixes: [] }).fixes;
  return { renames: new Map(Object.entries(renames)), fixes };
}

const labelOf = (line: EvalLine): string => (line.faq !== undefined ? `faq:${line.faq}` : `intent:${line.intent}`);

/**
 * Applies the label fixes (matched by question and the label as written), then the id renames.
 * A fix whose question is missing or whose `from` no longer matches is an error: it would hide a
 * changed dev file. Returns the corrected lines and the number of fixes applied.
 */
export function applyLabelCorrections(lines: readonly EvalLine[], corrections: LabelCorrections): { lines: EvalLine[]; fixed: number } {
  const pending = new Map(corrections.fixes.map((f) => [f.q, f]));
  const used = new Set<string>();
  const out = lines.map((line): EvalLine => {
    const fix = pending.get(line.q);
    let label = labelOf(line);
    if (fix && fix.from === label) {
      label = fix.to;
      used.add(fix.q);
    }
    if (label.startsWith('faq:')) {
      const id = label.slice(4);
      return { q: line.q, intent: 'faq', faq: corrections.renames.get(id) ?? id };
    }
    return { q: line.q, intent: z.enum(INTENTS).parse(label.slice(7)) };
  });
  return { lines: out, fixed: used.size };
}

/** The fixes that matched no line of any of the given sets (stale entries in label-fixes.json). */
export function unusedFixes(sets: ReadonlyArray<readonly EvalLine[]>, corrections: LabelCorrections): string[] {
  const labels = new Set(sets.flatMap((lines) => lines.map((l) => `${l.q}\u0000${labelOf(l)}`)));
  return corrections.fixes.filter((f) => !labels.has(`${f.q}\u0000${f.from}`)).map((f) => f.q);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const EVAL_LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/**
 * A robustness set for Chinese: each FAQ question with one character of a two-character word that
 * the knowledge base uses often (5+ texts) swapped for another character of the same toneless
 * syllable, as a pinyin keyboard slip would (驾照 -> 驾找). Deterministic (seeded); a question with no
 * such word, or no same-sounding character in the knowledge base, is left out.
 */
export function pinyinSlips(lines: readonly EvalLine[], kbTexts: readonly string[], seed = 7): EvalLine[] {
  const runs = (text: string): string[] => text.match(/\p{Script=Han}+/gu) ?? [];
  const pairCount = new Map<string, number>();
  const charsBySound = new Map<string, Set<string>>();
  for (const text of kbTexts) {
    for (const run of runs(text)) {
      const chars = [...run];
      const sounds = pinyin(run, { type: 'array', toneType: 'none' });
      if (sounds.length === chars.length) chars.forEach((c, i) => charsBySound.set(sounds[i]!, (charsBySound.get(sounds[i]!) ?? new Set()).add(c)));
      for (let i = 0; i + 1 < chars.length; i++) pairCount.set(chars[i]! + chars[i + 1]!, (pairCount.get(chars[i]! + chars[i + 1]!) ?? 0) + 1);
    }
  }
  const random = seededRandom(seed);
  const han = /^\p{Script=Han}$/u;
  const out: EvalLine[] = [];
  for (const line of lines) {
    if (line.faq === undefined) continue;
    const chars = [...line.q];
    const sounds = pinyin(line.q, { type: 'array', toneType: 'none' });
    if (sounds.length !== chars.length) continue;
    const spots: number[] = [];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (han.test(chars[i]!) && han.test(chars[i + 1]!) && (pairCount.get(chars[i]! + chars[i + 1]!) ?? 0) >= 5) spots.push(i);
    }
    if (spots.length === 0) continue;
    const at = spots[Math.floor(random() * spots.length)]! + (random() < 0.5 ? 0 : 1);
    const others = [...(charsBySound.get(sounds[at]!) ?? [])].filter((c) => c !== chars[at]);
    if (others.length === 0) continue;
    chars[at] = others[Math.floor(random() * others.length)]!;
    out.push({ ...line, q: chars.join('') });
  }
  return out;
}

/**
 * A robustness set for English: each FAQ question with one word of 5+ letters mistyped (a letter
 * dropped, two swapped, or one changed), as a phone keyboard slip would. Deterministic (seeded).
 */
export function typingSlips(lines: readonly EvalLine[], seed = 11): EvalLine[] {
  const random = seededRandom(seed);
  const out: EvalLine[] = [];
  for (const line of lines) {
    if (line.faq === undefined) continue;
    const words = line.q.split(' ');
    const spots = words.flatMap((w, i) => (/^[a-z]{5,}$/.test(w) ? [i] : []));
    if (spots.length === 0) continue;
    const i = spots[Math.floor(random() * spots.length)]!;
    const w = words[i]!;
    const k = 1 + Math.floor(random() * (w.length - 2));
    const kind = Math.floor(random() * 3);
    const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]!;
    words[i] = kind === 0 ? w.slice(0, k) + w.slice(k + 1) : kind === 1 ? w.slice(0, k) + w[k + 1]! + w[k]! + w.slice(k + 2) : w.slice(0, k) + letter + w.slice(k + 1);
    out.push({ ...line, q: words.join(' ') });
  }
  return out;
}
