/**
 * npm run kb:eval [-- --zh-tokenizer char|jieba|jieba+char] [--compare] [--cv] [--quiet]
 *
 * Runs data/eval/<locale>.jsonl through createNlu(...).understand and reports, per locale:
 * - FAQ top-1: the first candidate is the expected entry and the band is not none;
 *   FAQ top-3: the expected entry is among the first 3 candidates and the band is not none;
 * - a per-topic table; out-of-scope precision and recall (recall = "rejected");
 * - in-scope wrongly rejected: lines whose expected intent is not out_of_scope routed to out_of_scope;
 * - routing accuracy on the non-FAQ intents; the misses; latency p50/p99; the load time.
 * Dev labels are corrected at load by data/eval/id-renames.json (merged entries) and
 * data/eval/label-fixes.json (clearly wrong labels); the dev files stay as written.
 * --cv also reports 4-fold cross-validation on the entries' own alternates (ranking only), and the
 * same for the whole path with the out-of-scope training examples held out too (rejection).
 * --compare also runs the Chinese set with each tokenizer and prints a comparison.
 * --slips also measures the FAQ questions with a slip: Chinese with a pinyin slip in a domain word
 * (驾找), English with a mistyped word (regsitration); with and without the correctors (ranking only).
 * Exits 1 when a target is missed. The last line printed is a JSON summary.
 */
import path from 'node:path';
import { loadFaqKnowledgeBase, type FaqKnowledgeBase, type Locale } from '../src/knowledge/faq';
import { ROOT_DIR } from '../src/paths';
import { createNlu, knowledgeBaseTexts, type Nlu } from '../src/nlu';
import { crossValidate, crossValidateGate } from '../src/nlu/crossValidation';
import { loadIntentTraining } from '../src/nlu/intent';
import { defaultNluDir } from '../src/nlu/synonyms';
import { applyLabelCorrections, EVAL_LOCALES, percentile, pinyinSlips, readEvalSet, readLabelCorrections, typingSlips, unusedFixes, type EvalLine } from '../src/nlu/evaluation';
import type { ZhTokenizerKind } from '../src/nlu/tokenizers/zh';

const TARGETS = { zhTop1: 0.92, zhTop3: 0.97, enTop1: 0.9, oosRejected: 0.9, inScopeRejected: 0.03 };

interface LocaleReport {
  locale: Locale;
  faqLines: number;
  top1: number;
  top3: number;
  oosPrecision: number;
  oosRecall: number;
  inScopeRejected: number;
  routingAccuracy: number;
  routingLines: number;
  p50Ms: number;
  p99Ms: number;
  searchP50Ms: number;
  searchP99Ms: number;
  topics: Array<{ topic: string; n: number; top1: number; top3: number }>;
  misses: Array<{ q: string; expected: string; got: string }>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function evaluate(nlu: Nlu, kb: FaqKnowledgeBase, locale: Locale, lines: readonly EvalLine[]): LocaleReport {
  const times: number[] = [];
  const searchTimes: number[] = [];
  const topics = new Map<string, { n: number; top1: number; top3: number }>();
  const misses: LocaleReport['misses'] = [];
  let faqLines = 0, top1 = 0, top3 = 0;
  let predictedOos = 0, correctOos = 0, expectedOos = 0, inScope = 0, inScopeRejected = 0;
  let routingLines = 0, routingRight = 0;
  for (const line of lines) {
    const start = process.hrtime.bigint();
    const u = nlu.understand(line.q, locale);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const s0 = process.hrtime.bigint();
    nlu.searchFaq(line.q, locale, 3);
    searchTimes.push(Number(process.hrtime.bigint() - s0) / 1e6);
    const ids = u.faq.candidates.map((c) => c.id);
    const got = u.intent === 'faq' ? `faq:${u.faq.band}:${ids.slice(0, 3).join(',')}` : u.intent;
    if (u.intent === 'out_of_scope') predictedOos++;
    if (line.intent === 'out_of_scope') {
      expectedOos++;
      if (u.intent === 'out_of_scope') correctOos++;
      else misses.push({ q: line.q, expected: 'out_of_scope', got });
      continue;
    }
    inScope++;
    if (u.intent === 'out_of_scope') inScopeRejected++;
    if (line.faq !== undefined) {
      faqLines++;
      const topic = kb.get(locale, line.faq)?.topic ?? '?';
      const row = topics.get(topic) ?? { n: 0, top1: 0, top3: 0 };
      row.n++;
      const answered = u.faq.band !== 'none';
      const hit1 = answered && ids[0] === line.faq;
      const hit3 = answered && ids.slice(0, 3).includes(line.faq);
      if (hit1) { top1++; row.top1++; }
      if (hit3) { top3++; row.top3++; }
      topics.set(topic, row);
      if (!hit1) misses.push({ q: line.q, expected: `faq:${line.faq}`, got });
    } else {
      routingLines++;
      if (u.intent === line.intent) routingRight++;
      else misses.push({ q: line.q, expected: line.intent, got });
    }
  }
  times.sort((a, b) => a - b);
  searchTimes.sort((a, b) => a - b);
  return {
    locale,
    faqLines,
    top1: ratio(top1, faqLines),
    top3: ratio(top3, faqLines),
    oosPrecision: ratio(correctOos, predictedOos),
    oosRecall: ratio(correctOos, expectedOos),
    inScopeRejected: inScope === 0 ? 0 : inScopeRejected / inScope,
    routingAccuracy: ratio(routingRight, routingLines),
    routingLines,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    searchP50Ms: percentile(searchTimes, 50),
    searchP99Ms: percentile(searchTimes, 99),
    topics: [...topics.entries()].map(([topic, r]) => ({ topic, n: r.n, top1: r.top1 / r.n, top3: r.top3 / r.n })).sort((a, b) => a.topic.localeCompare(b.topic)),
    misses,
  };
}

function print(report: LocaleReport, quiet: boolean): void {
  console.log(`\n== ${report.locale}: ${report.faqLines} FAQ lines, ${report.routingLines} routing lines ==`);
  console.log(`FAQ top-1 ${pct(report.top1)}  top-3 ${pct(report.top3)}`);
  console.log(`out-of-scope precision ${pct(report.oosPrecision)}  recall (rejected) ${pct(report.oosRecall)}`);
  console.log(`in-scope wrongly rejected ${pct(report.inScopeRejected)}  routing accuracy ${pct(report.routingAccuracy)}`);
  console.log(`latency: understand() p50 ${report.p50Ms.toFixed(3)} ms  p99 ${report.p99Ms.toFixed(3)} ms; retrieval (searchFaq) p50 ${report.searchP50Ms.toFixed(3)} ms  p99 ${report.searchP99Ms.toFixed(3)} ms`);
  console.log('topic          n   top-1   top-3');
  for (const t of report.topics) console.log(`${t.topic.padEnd(12)} ${String(t.n).padStart(3)}  ${pct(t.top1).padStart(6)}  ${pct(t.top3).padStart(6)}`);
  if (quiet) return;
  console.log(`misses (${report.misses.length}):`);
  for (const m of report.misses) console.log(`  ${JSON.stringify(m.q)}  expected ${m.expected}  got ${m.got}`);
}

function failures(reports: readonly LocaleReport[]): string[] {
  const out: string[] = [];
  for (const r of reports) {
    if (r.locale === 'zh-CN' && r.top1 < TARGETS.zhTop1) out.push(`zh-CN top-1 ${pct(r.top1)} < ${pct(TARGETS.zhTop1)}`);
    if (r.locale === 'zh-CN' && r.top3 < TARGETS.zhTop3) out.push(`zh-CN top-3 ${pct(r.top3)} < ${pct(TARGETS.zhTop3)}`);
    if (r.locale === 'en' && r.top1 < TARGETS.enTop1) out.push(`en top-1 ${pct(r.top1)} < ${pct(TARGETS.enTop1)}`);
    if (r.oosRecall < TARGETS.oosRejected) out.push(`${r.locale} out-of-scope rejected ${pct(r.oosRecall)} < ${pct(TARGETS.oosRejected)}`);
    if (r.inScopeRejected > TARGETS.inScopeRejected) out.push(`${r.locale} in-scope wrongly rejected ${pct(r.inScopeRejected)} > ${pct(TARGETS.inScopeRejected)}`);
  }
  return out;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const root = ROOT_DIR;
  const quiet = process.argv.includes('--quiet');
  const zhTokenizer = (argValue('--zh-tokenizer') ?? 'char') as ZhTokenizerKind;
  const evalDir = path.join(root, 'data', 'eval');
  const raw = Object.fromEntries(EVAL_LOCALES.map((l) => [l, readEvalSet(path.join(evalDir, `${l}.jsonl`))])) as Record<Locale, EvalLine[]>;
  const corrections = readLabelCorrections(path.join(evalDir, 'id-renames.json'), path.join(evalDir, 'label-fixes.json'));
  const stale = unusedFixes(Object.values(raw), corrections);
  if (stale.length > 0) throw new Error(`data/eval/label-fixes.json: no dev line with this question and label: ${stale.join(' | ')}`);
  const sets = {} as Record<Locale, EvalLine[]>;
  let fixed = 0;
  for (const l of EVAL_LOCALES) {
    const corrected = applyLabelCorrections(raw[l], corrections);
    sets[l] = corrected.lines;
    fixed += corrected.fixed;
  }

  const start = process.hrtime.bigint();
  const kb = loadFaqKnowledgeBase();
  const nlu = createNlu(kb, { zhTokenizer });
  const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
  // As the server does once it listens (see Nlu.prepare), so no measured question pays for it.
  const prepareStart = process.hrtime.bigint();
  nlu.prepare();
  const prepareMs = Number(process.hrtime.bigint() - prepareStart) / 1e6;
  for (const l of EVAL_LOCALES) {
    const unknown = [...new Set(sets[l].flatMap((line) => (line.faq !== undefined && !kb.get(l, line.faq) ? [line.faq] : [])))];
    if (unknown.length > 0) throw new Error(`data/eval/${l}.jsonl: labels name no FAQ entry (add them to id-renames.json): ${unknown.join(', ')}`);
  }
  console.log(`dev labels: ${corrections.renames.size} id renames, ${fixed} label fixes applied`);

  const reports = EVAL_LOCALES.map((l) => evaluate(nlu, kb, l, sets[l]));
  for (const r of reports) print(r, quiet);
  console.log(`\nKB load + NLU build: ${loadMs.toFixed(0)} ms (zh tokenizer: ${zhTokenizer}); then, in the background: ${prepareMs.toFixed(0)} ms`);

  if (process.argv.includes('--cv')) {
    console.log('\ncross-validation on the alternates (4 folds, ranking only):');
    for (const r of crossValidate(kb, (train) => createNlu(train, { zhTokenizer }))) {
      console.log(`  ${r.locale.padEnd(6)} ${r.queries} held-out alternates  top-1 ${pct(r.top1)}  top-3 ${pct(r.top3)}`);
    }
    console.log('whole path, out-of-scope training examples held out too (4 folds):');
    const oos = { 'zh-CN': loadIntentTraining('zh-CN', defaultNluDir()).examples.out_of_scope ?? [], en: loadIntentTraining('en', defaultNluDir()).examples.out_of_scope ?? [] };
    for (const r of crossValidateGate(kb, oos, (train, keepOutOfScope) => createNlu(train, { zhTokenizer, keepOutOfScope }))) {
      console.log(
        `  ${r.locale.padEnd(6)} ${r.alternates} alternates: answered right ${pct(r.answeredRight / r.alternates)}, wrongly rejected ${pct(r.wronglyRejected / r.alternates)}; ` +
          `${r.outOfScope} out-of-scope examples: rejected ${pct(r.rejected / r.outOfScope)}, answered with confidence ${pct(r.answered / r.outOfScope)}`,
      );
    }
  }

  if (process.argv.includes('--slips')) {
    const kbTexts = knowledgeBaseTexts(kb.entries('zh-CN'));
    const slips = pinyinSlips(sets['zh-CN'], kbTexts);
    const plain = createNlu(kb, { zhTokenizer, homophones: false, spelling: false });
    const top1 = (n: Nlu, set: readonly EvalLine[], l: Locale): number => set.filter((x) => n.searchFaq(x.q, l, 1)[0]?.id === x.faq).length / set.length;
    console.log(`\nzh-CN pinyin slips (${slips.length} FAQ questions, one character of a domain word swapped for a same-sounding one, ranking only):`);
    console.log(`  top-1 ${pct(top1(nlu, slips, 'zh-CN'))} with the slip corrector, ${pct(top1(plain, slips, 'zh-CN'))} without`);
    const typos = typingSlips(sets.en);
    console.log(`en typing slips (${typos.length} FAQ questions, one word of 5+ letters mistyped, ranking only):`);
    console.log(`  top-1 ${pct(top1(nlu, typos, 'en'))} with the spelling corrector, ${pct(top1(plain, typos, 'en'))} without`);
  }

  if (process.argv.includes('--compare')) {
    // Threshold-free: the bands are calibrated on the score scale of the default tokenizer, so
    // the tokenizers are compared on ranking alone (top-1/top-3 of searchFaq over FAQ lines).
    console.log('\nzh-CN tokenizer comparison (retrieval ranking only, no bands):');
    const faqLines = sets['zh-CN'].filter((l) => l.faq !== undefined);
    for (const kind of ['char', 'jieba', 'jieba+char'] as const) {
      const t0 = process.hrtime.bigint();
      const other = createNlu(kb, { zhTokenizer: kind });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const times: number[] = [];
      let r1 = 0, r3 = 0;
      for (const line of faqLines) {
        const s0 = process.hrtime.bigint();
        const ids = other.searchFaq(line.q, 'zh-CN', 3).map((c) => c.id);
        times.push(Number(process.hrtime.bigint() - s0) / 1e6);
        if (ids[0] === line.faq) r1++;
        if (ids.includes(line.faq!)) r3++;
      }
      times.sort((a, b) => a - b);
      console.log(`  ${kind.padEnd(10)} top-1 ${pct(r1 / faqLines.length)}  top-3 ${pct(r3 / faqLines.length)}  search p99 ${percentile(times, 99).toFixed(2)} ms  build ${ms.toFixed(0)} ms`);
    }
  }

  const failed = failures(reports);
  if (failed.length > 0) console.log(`\nTARGETS MISSED:\n  ${failed.join('\n  ')}`);
  const summary = {
    ok: failed.length === 0,
    loadMs: Math.round(loadMs),
    zhTokenizer,
    locales: Object.fromEntries(
      reports.map((r) => [
        r.locale,
        {
          faqLines: r.faqLines,
          top1: +r.top1.toFixed(4),
          top3: +r.top3.toFixed(4),
          oosPrecision: +r.oosPrecision.toFixed(4),
          oosRecall: +r.oosRecall.toFixed(4),
          inScopeRejected: +r.inScopeRejected.toFixed(4),
          routingAccuracy: +r.routingAccuracy.toFixed(4),
          p50Ms: +r.p50Ms.toFixed(3),
          p99Ms: +r.p99Ms.toFixed(3),
          searchP99Ms: +r.searchP99Ms.toFixed(3),
        },
      ]),
    ),
    failed,
  };
  console.log(JSON.stringify(summary));
  if (failed.length > 0) process.exitCode = 1;
}

main();
