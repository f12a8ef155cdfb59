/**
 * Merges the FAQ staging parts into data/faq/<locale>.json and the dev questions (staging parts
 * plus data/eval/routing.<locale>.jsonl) into data/eval/<locale>.jsonl, then validates the result.
 *
 *   npx tsx scripts/kb-assemble.ts [--staging /work/staging]
 *
 * Exits 1 (after writing) when the merged knowledge base or the eval lines have problems.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkParity, parseFaqFile, repoRoot, LOCALES, type FaqEntry, type Locale } from '../src/knowledge/faq';
import { parseEvalLines, type EvalLine } from '../src/nlu/evaluation';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const root = repoRoot();
const staging = argValue('--staging', '/work/staging');
const problems: string[] = [];

function partFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

function mergeFaq(locale: Locale): unknown[] {
  const byId = new Map<string, { entry: unknown; file: string }>();
  for (const file of partFiles(path.join(staging, 'faq'), `.${locale}.json`)) {
    let entries: unknown;
    try {
      entries = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${file}: invalid JSON (${(err as Error).message})`);
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push(`${file}: expected a JSON array of entries`);
      continue;
    }
    for (const entry of entries as unknown[]) {
      const id = typeof entry === 'object' && entry !== null ? String((entry as { id?: unknown }).id) : '?';
      const previous = byId.get(id);
      if (previous) problems.push(`${file}: entry ${id} already defined in ${previous.file}`);
      byId.set(id, { entry, file });
    }
  }
  return [...byId.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v.entry);
}

const validated = {} as Record<Locale, FaqEntry[]>;
for (const locale of LOCALES) {
  const entries = mergeFaq(locale);
  const out = path.join(root, 'data', 'faq', `${locale}.json`);
  const json = { locale, entries };
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  try {
    validated[locale] = parseFaqFile(path.relative(root, out), locale, json);
  } catch (err) {
    problems.push((err as Error).message);
    validated[locale] = [];
  }
  console.log(`${locale}: ${entries.length} FAQ entries -> ${path.relative(root, out)}`);
}
if (validated['zh-CN'].length > 0 && validated.en.length > 0) problems.push(...checkParity(validated));

/**
 * Eval labels of entries merged away by the data helpers: data/eval/id-renames.json maps a removed
 * id to the surviving one ({"renames": {"old.id": "new.id"}}), applied before validation.
 */
function loadRenames(): Map<string, string> {
  const file = path.join(root, 'data', 'eval', 'id-renames.json');
  if (!existsSync(file)) return new Map();
  const json = JSON.parse(readFileSync(file, 'utf8')) as { renames?: Record<string, string> };
  return new Map(Object.entries(json.renames ?? {}));
}
const renames = loadRenames();

for (const locale of LOCALES) {
  const ids = new Set(validated[locale].map((e) => e.id));
  for (const [from, to] of renames) {
    if (ids.has(from)) problems.push(`id-renames.json: ${from} still exists in ${locale}`);
    if (!ids.has(to)) problems.push(`id-renames.json: target ${to} does not exist in ${locale}`);
  }
  const files = [
    ...partFiles(path.join(staging, 'eval'), `.${locale}.jsonl`),
    path.join(root, 'data', 'eval', `routing.${locale}.jsonl`),
  ].filter((f) => existsSync(f));
  const lines: EvalLine[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    let parsed: EvalLine[];
    try {
      parsed = parseEvalLines(file, readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    for (const parsedLine of parsed) {
      const renamed = parsedLine.faq !== undefined ? renames.get(parsedLine.faq) : undefined;
      const line = renamed !== undefined ? { ...parsedLine, faq: renamed } : parsedLine;
      if (line.faq !== undefined && !ids.has(line.faq)) problems.push(`${file}: "${line.q}" refers to unknown entry ${line.faq}`);
      if (seen.has(line.q)) continue;
      seen.add(line.q);
      lines.push(line);
    }
  }
  const out = path.join(root, 'data', 'eval', `${locale}.jsonl`);
  const text = lines.map((l) => JSON.stringify(l.faq !== undefined ? { q: l.q, faq: l.faq } : { q: l.q, intent: l.intent })).join('\n');
  writeFileSync(out, `${text}\n`);
  const faqLines = lines.filter((l) => l.faq !== undefined).length;
  console.log(`${locale}: ${lines.length} eval lines (${faqLines} FAQ, ${lines.length - faqLines} routing) -> ${path.relative(root, out)}`);
}

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exitCode = 1;
}
