// Builds the dialogs of the main menu's features from the runtime's services. Dialogs receive
// what they need here (services, translator); they never reach for storage or configuration.
import fs from 'node:fs';
import path from 'node:path';
import type { Dialog } from 'botbuilder-dialogs';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { Database } from '../storage/database';
import { DATA_DIR } from '../paths';
import { importFile } from '../storage/importer';
import { MongoViolationProvider } from '../storage/repositories/violationProvider';
import { MongoAttemptStore, MongoAuditLog } from '../storage/repositories/lookupSecurity';
import { ViolationService } from '../services/violations/service';
import type { Say } from '../../dialogs/common/say';
import type { MenuFeature } from '../../dialogs/types';
import { ViolationDialog } from '../../dialogs/violations/ViolationDialog';

export interface FeatureDeps {
  config: Config;
  logger: Logger;
  db: Database;
  say: Say;
  /** The clock, injectable for tests of deadlines and late fees. */
  now: () => Date;
}

/** Violation and points lookups over our MongoDB records (swap the provider for a real system). */
export function createViolationService(deps: FeatureDeps): ViolationService {
  const { models } = deps.db;
  return new ViolationService({
    provider: new MongoViolationProvider(models),
    attempts: new MongoAttemptStore(models.VerificationFailure),
    audit: new MongoAuditLog(models.LookupAudit),
    now: deps.now,
    logger: deps.logger.child({ component: 'violations' }),
  });
}

export function buildFeatureDialogs(deps: FeatureDeps): Partial<Record<MenuFeature, Dialog>> {
  return {
    violations: new ViolationDialog({ say: deps.say, service: createViolationService(deps) }),
  };
}

/** The demo record files, in load order. */
export const SEED_FILES = [
  ['vehicles', 'vehicles.jsonl'],
  ['licences', 'licences.jsonl'],
  ['violations', 'violations.jsonl'],
] as const;

/** Loads the demo records from data/seed into an in-memory store (never into a real MongoDB). */
export async function seedDemoData(deps: FeatureDeps, dir: string = path.join(DATA_DIR, 'seed')): Promise<void> {
  const log = deps.logger.child({ component: 'seed' });
  for (const [kind, file] of SEED_FILES) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) continue;
    const s = await importFile(deps.db.models, kind, full);
    const counts = { kind, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected.length };
    if (s.rejected.length > 0) log.warn({ ...counts, lines: s.rejected.map((r) => r.line) }, 'demo records rejected');
    else log.info(counts, 'demo records loaded');
  }
}
