import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { loadFaqServiceLinks } from '../../../src/knowledge/faqServiceLinks';
import { loadServiceCatalogue } from '../../../src/knowledge/services';

describe('FAQ entries linked to guided walkthroughs (data/faq-services.json)', () => {
  const kb = loadFaqKnowledgeBase();
  const catalogue = loadServiceCatalogue();

  it('links only existing entries to existing services', () => {
    const links = loadFaqServiceLinks(kb, catalogue);
    expect(links.size).toBeGreaterThan(50);
    expect(links.get('licence.renewal.window')).toBe('licence-renewal');
    expect(links.has('points.values.redlight')).toBe(false);
  });

  it('refuses a file naming an unknown entry or service, saying which', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'links-')), 'links.json');
    fs.writeFileSync(file, JSON.stringify({ links: { 'no.such.entry': 'licence-renewal', 'licence.renewal.window': 'no-such-service' } }));
    expect(() => loadFaqServiceLinks(kb, catalogue, file)).toThrow(/no FAQ entry no\.such\.entry.*no service no-such-service/);
  });
});
