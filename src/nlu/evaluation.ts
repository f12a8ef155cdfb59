import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Locale } from '../knowledge/faq';
import { INTENTS, type Intent } from './types';

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
