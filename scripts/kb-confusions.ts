// `npm run kb:confusions [-- --locale zh-CN] [--top 40]`: which FAQ entries the ranker confuses,
// measured only on the knowledge base's own alternates (4-fold cross-validation), never on the dev
// set. For maintainers writing alternates and synonyms: the weakest entries first, with the
// entries they are mistaken for and the held-out wordings that went wrong.
import { loadFaqKnowledgeBase, LOCALES, type Locale } from '../src/knowledge/faq';
import { createNlu } from '../src/nlu';
import { crossValidate } from '../src/nlu/crossValidation';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface EntryStats {
  n: number;
  top1: number;
  confusedWith: Map<string, number>;
  misses: string[];
}

const only = arg('locale') as Locale | undefined;
if (only && !(LOCALES as readonly string[]).includes(only)) {
  process.stderr.write(`--locale must be one of ${LOCALES.join(', ')}\n`);
  process.exit(2);
}
const top = Math.max(1, Number(arg('top') ?? 40) || 40);
const kb = loadFaqKnowledgeBase();
const stats = new Map<string, EntryStats>();
const results = crossValidate(kb, (k) => createNlu(k), 4, (locale, entryId, alternate, ranked) => {
  const key = `${locale} ${entryId}`;
  const s: EntryStats = stats.get(key) ?? { n: 0, top1: 0, confusedWith: new Map<string, number>(), misses: [] };
  s.n++;
  if (ranked[0] === entryId) s.top1++;
  else {
    const other = ranked[0] ?? '(nothing)';
    s.confusedWith.set(other, (s.confusedWith.get(other) ?? 0) + 1);
    if (s.misses.length < 4) s.misses.push(alternate);
  }
  stats.set(key, s);
});
for (const r of results) if (!only || r.locale === only) {
  process.stdout.write(`${r.locale}: ${r.queries} held-out alternates, top-1 ${(r.top1 * 100).toFixed(1)}%, top-3 ${(r.top3 * 100).toFixed(1)}%\n`);
}
const weakest = [...stats.entries()]
  .filter(([key]) => !only || key.startsWith(`${only} `))
  .filter(([, s]) => s.top1 < s.n)
  .sort((a, b) => a[1].top1 / a[1].n - b[1].top1 / b[1].n || b[1].n - a[1].n)
  .slice(0, top);
process.stdout.write(`\nWeakest entries (held-out alternates ranked first / all):\n`);
for (const [key, s] of weakest) {
  const confused = [...s.confusedWith.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, n]) => `${id}×${n}`).join(', ');
  process.stdout.write(`  ${key}  ${s.top1}/${s.n}  mistaken for: ${confused}\n      e.g. ${s.misses.join(' | ')}\n`);
}
