// Which guided walkthrough helps with what an FAQ entry is about (data/faq-services.json): after
// such an answer the assistant offers the walkthrough. Checked at start: every id must exist.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths';
import type { FaqKnowledgeBase } from './faq';
import type { ServiceCatalogue } from './services';

const fileSchema = z.object({ links: z.record(z.string(), z.string()) });

export function loadFaqServiceLinks(
  kb: FaqKnowledgeBase,
  catalogue: ServiceCatalogue,
  file: string = path.join(DATA_DIR, 'faq-services.json'),
): ReadonlyMap<string, string> {
  if (!fs.existsSync(file)) return new Map();
  const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.basename(file)}: ${parsed.error.issues[0].message}`);
  const problems: string[] = [];
  for (const [faqId, serviceId] of Object.entries(parsed.data.links)) {
    if (!kb.get('zh-CN', faqId)) problems.push(`no FAQ entry ${faqId}`);
    if (!catalogue.byId.has(serviceId)) problems.push(`no service ${serviceId} (for ${faqId})`);
  }
  if (problems.length) throw new Error(`${path.basename(file)}: ${problems.join('; ')}`);
  return new Map(Object.entries(parsed.data.links));
}
