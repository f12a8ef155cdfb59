// The shipped knowledge base, not the fixtures: no question may be listed under two entries (a
// driver asking it would get either answer by chance), and merged entries must stay merged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFaqKnowledgeBase, LOCALES } from '../../../src/knowledge/faq';

const kb = loadFaqKnowledgeBase();
const root = path.join(__dirname, '..', '..', '..');
const key = (text: string): string => text.toLowerCase().replace(/[\s?？!！。，,.'’]/g, '');

describe('FAQ knowledge base hygiene', () => {
  it.each(LOCALES)('%s: no question or alternate belongs to two entries', (locale) => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of kb.entries(locale)) {
      for (const q of new Set([entry.question, ...entry.alternates].map(key))) {
        const other = owners.get(q);
        if (other !== undefined) clashes.push(`${q}: ${other} and ${entry.id}`);
        owners.set(q, entry.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('every merged id is gone from both locales and its survivor exists', () => {
    const file = JSON.parse(readFileSync(path.join(root, 'data', 'eval', 'id-renames.json'), 'utf8')) as { renames: Record<string, string> };
    const renames = Object.entries(file.renames);
    expect(renames.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      for (const [removed, survivor] of renames) {
        expect({ removed, present: kb.get(locale, removed) !== undefined }).toEqual({ removed, present: false });
        expect({ survivor, present: kb.get(locale, survivor) !== undefined }).toEqual({ survivor, present: true });
      }
    }
  });
});
