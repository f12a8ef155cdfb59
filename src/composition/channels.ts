// Mounts the provider webhooks (SMS channels) on the Express app.
import type { Express } from 'express';
import type { Runtime } from '../runtime';

export function mountChannelRoutes(_app: Express, _rt: Runtime): void {
  // SMS channels mount their routes here.
}
