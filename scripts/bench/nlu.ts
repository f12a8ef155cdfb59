/**
 * NLU benchmark: time to load the knowledge base and build the NLU, the time of what the server
 * then readies in the background (Nlu.prepare), the heap both hold, and the latency of understand()
 * over every dev question of both locales.
 */
import path from 'node:path';
import { loadFaqKnowledgeBase } from '../../src/knowledge/faq';
import { ROOT_DIR } from '../../src/paths';
import { createNlu } from '../../src/nlu';
import { EVAL_LOCALES, percentile, readEvalSet } from '../../src/nlu/evaluation';

export async function benchNlu(): Promise<{ loadMs: number; prepareMs: number; heapMb: number; p50Ms: number; p99Ms: number; questions: number }> {
  const root = ROOT_DIR;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const nlu = createNlu(loadFaqKnowledgeBase());
  const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
  const prepareStart = process.hrtime.bigint();
  nlu.prepare();
  const prepareMs = Number(process.hrtime.bigint() - prepareStart) / 1e6;
  global.gc?.();
  // Without --expose-gc this also counts garbage not yet collected: an upper bound.
  const heapMb = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e5) / 10;
  const times: number[] = [];
  for (const locale of EVAL_LOCALES) {
    for (const line of readEvalSet(path.join(root, 'data', 'eval', `${locale}.jsonl`))) {
      const t0 = process.hrtime.bigint();
      nlu.understand(line.q, locale);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    await Promise.resolve();
  }
  times.sort((a, b) => a - b);
  return { loadMs, prepareMs, heapMb, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), questions: times.length };
}

if (require.main === module) {
  benchNlu().then(
    (r) => console.log(JSON.stringify(r)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
