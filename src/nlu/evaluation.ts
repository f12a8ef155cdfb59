import { readFileSync } from 'node:fs';
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

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const EVAL_LOCALES: readonly Locale[] = ['zh-CN', 'en'];
