// Prometheus metrics. Each app instance owns its registry, so several instances can live in
// one process (tests) without clashing.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  turns: Counter<'channel' | 'outcome'>;
  turnSeconds: Histogram<'channel'>;
  errors: Counter<'where'>;
  httpRequests: Counter<'route' | 'status'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    turns: new Counter({
      name: 'jiaoguan_turns_total',
      help: 'Bot turns run, by channel and outcome (ok, duplicate, error)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    turnSeconds: new Histogram({
      name: 'jiaoguan_turn_duration_seconds',
      help: 'Time to run one bot turn, lock wait included',
      labelNames: ['channel'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'jiaoguan_errors_total',
      help: 'Errors, by where they happened',
      labelNames: ['where'],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'jiaoguan_http_requests_total',
      help: 'HTTP requests, by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
  };
}
