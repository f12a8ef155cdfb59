// `npm run bench`: every benchmark of the project, printed as a table, then one JSON line last.
// Figures depend on the machine: run on an otherwise idle machine and report the conditions.
import os from 'node:os';
import { benchTurns } from './bench/turns';
import { benchStore } from './bench/store';
import { benchNlu } from './bench/nlu';
import { benchSms } from './bench/sms';

type Row = [area: string, measure: string, value: string];

async function main(): Promise<void> {
  const rows: Row[] = [];
  const summary: Record<string, unknown> = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };

  process.stderr.write('bench: bot turns over /api/messages ...\n');
  const t = await benchTurns();
  summary.turns = t;
  summary.turnsToEchoRatio50 = Number((t.turns50.perSec / t.echo50.perSec).toFixed(3));
  summary.turnsToEchoRatio1 = Number((t.turns1.perSec / t.echo1.perSec).toFixed(3));
  for (const [name, f] of Object.entries(t)) {
    rows.push(['http', `${name} requests/s`, String(f.perSec)]);
    rows.push(['http', `${name} p50 / p99 ms`, `${f.p50Ms} / ${f.p99Ms}`]);
  }
  rows.push(['http', 'turns/echo ratio at 1 / 50 concurrent', `${summary.turnsToEchoRatio1} / ${summary.turnsToEchoRatio50}`]);

  process.stderr.write('bench: signed Twilio webhook, a full turn per SMS ...\n');
  const sms = await benchSms();
  summary.sms = sms;
  rows.push(['sms', `Twilio webhook requests/s (${sms.requests} signed SMS)`, String(sms.webhookPerSec)]);
  rows.push(['sms', 'Twilio webhook p50 / p99 ms', `${sms.p50Ms} / ${sms.p99Ms}`]);

  process.stderr.write('bench: embedded store at 100,000 documents ...\n');
  const store = await benchStore({ docs: 100_000 });
  summary.store = store;
  rows.push(['store', 'inserts/s (insertMany, 100k docs)', String(Math.round(store.insertsPerSec))]);
  rows.push(['store', 'indexed findOneAndUpdate/s', String(Math.round(store.findOneAndUpdatePerSec))]);
  rows.push(['store', 'indexed findOneAndUpdate p50 / p99 ms', `${store.findOneAndUpdateP50Ms} / ${store.findOneAndUpdateP99Ms}`]);

  process.stderr.write('bench: FAQ knowledge base and language understanding ...\n');
  const nlu = await benchNlu();
  summary.nlu = nlu;
  rows.push(['nlu', 'knowledge base + NLU load ms', String(Math.round(nlu.loadMs))]);
  rows.push(['nlu', 'then readied in the background after start (Nlu.prepare) ms', String(Math.round(nlu.prepareMs))]);
  rows.push(['nlu', 'heap held by the knowledge base + NLU, MB', String(nlu.heapMb)]);
  rows.push(['nlu', `understand() p50 / p99 ms (${nlu.questions} questions)`, `${nlu.p50Ms.toFixed(2)} / ${nlu.p99Ms.toFixed(2)}`]);

  const width = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`\n${'area'.padEnd(8)} ${'measure'.padEnd(width)}  value\n`);
  for (const [area, measure, value] of rows) process.stdout.write(`${area.padEnd(8)} ${measure.padEnd(width)}  ${value}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
