import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../paths';
import { serviceSchema, type ServiceDefinition } from './serviceSchema';
import { checkService } from './serviceChecks';

export * from './serviceSchema';
export { checkService } from './serviceChecks';

/**
 * The licence & vehicle service catalogue: one JSON file per service under data/services/.
 * This module is the loader (the format is in ./serviceSchema.ts, the cross-checks in
 * ./serviceChecks.ts); the walkthrough engine that interprets a service is src/services/catalogue/.
 */

export interface ServiceCatalogue {
  readonly services: readonly ServiceDefinition[];
  readonly byId: ReadonlyMap<string, ServiceDefinition>;
}

export class ServiceCatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceCatalogueError';
  }
}

/** Validates one parsed JSON value as a service; returns the service or the list of problems. */
export function parseService(file: string, json: unknown): { service?: ServiceDefinition; problems: string[] } {
  const parsed = serviceSchema.safeParse(json);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${file}: field ${i.path.join('.') || '(file)'}: ${i.message}`) };
  }
  const expectedId = path.basename(file, '.json');
  const problems = checkService(parsed.data).map((p) => `${file}: ${p}`);
  if (parsed.data.id !== expectedId) problems.push(`${file}: field id: "${parsed.data.id}" differs from the file name "${expectedId}"`);
  return { service: parsed.data, problems };
}

/** Builds a catalogue from already-validated services, checking references between them. */
export function createServiceCatalogue(services: readonly ServiceDefinition[]): ServiceCatalogue {
  const byId = new Map<string, ServiceDefinition>();
  const problems: string[] = [];
  for (const service of services) {
    if (byId.has(service.id)) problems.push(`service ${service.id}: duplicate id`);
    byId.set(service.id, service);
  }
  for (const service of services) {
    for (const [outcomeId, outcome] of Object.entries(service.outcomes)) {
      if (outcome.service === undefined) continue;
      if (outcome.service === service.id) problems.push(`service ${service.id}: field outcomes.${outcomeId}.service: refers to itself`);
      else if (!byId.has(outcome.service)) {
        problems.push(`service ${service.id}: field outcomes.${outcomeId}.service: unknown service "${outcome.service}"`);
      }
    }
  }
  if (problems.length > 0) throw new ServiceCatalogueError(problems.join('\n'));
  const sorted = [...services].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  return { services: sorted, byId };
}

export function defaultServicesDir(): string {
  return path.join(DATA_DIR, 'services');
}

/**
 * Reads every *.json in dir (default data/services), validates each against the schema
 * and the cross-checks, and throws ServiceCatalogueError naming every bad file and field.
 */
export function loadServiceCatalogue(dir: string = defaultServicesDir()): ServiceCatalogue {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new ServiceCatalogueError(`${dir}: no service files (*.json)`);
  const services: ServiceDefinition[] = [];
  const problems: string[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const shown = path.relative(process.cwd(), file) || file;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${shown}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const result = parseService(shown, json);
    problems.push(...result.problems);
    if (result.service && result.problems.length === 0) services.push(result.service);
  }
  if (problems.length > 0) throw new ServiceCatalogueError(problems.join('\n'));
  return createServiceCatalogue(services);
}
