// Builds the dialogs of the main menu's features from the runtime's services. Dialogs receive
// what they need here (services, translator); they never reach for storage or configuration.
import type { Dialog } from 'botbuilder-dialogs';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { Database } from '../storage/database';
import type { Say } from '../../dialogs/common/say';
import type { MenuFeature } from '../../dialogs/types';

export interface FeatureDeps {
  config: Config;
  logger: Logger;
  db: Database;
  say: Say;
  /** The clock, injectable for tests of deadlines and late fees. */
  now: () => Date;
}

export function buildFeatureDialogs(_deps: FeatureDeps): Partial<Record<MenuFeature, Dialog>> {
  return {};
}

/** Loads the demo records from data/seed into an in-memory store (never into a real MongoDB). */
export async function seedDemoData(_deps: FeatureDeps): Promise<void> {
  // Features with demo data add their seeding here.
}
