import { createServiceCatalogue, loadServiceCatalogue } from '../../../src/knowledge/services';
import { enTerms, menuServices, normaliseZh, recogniseService } from '../../../src/services/catalogue';

const loaded = loadServiceCatalogue();
// Recognition must come from names and synonyms: strip the examples before recognising.
const catalogue = createServiceCatalogue(loaded.services.map(({ examples: _examples, ...rest }) => rest));

const table = loaded.services.flatMap((s) => [
  ...(s.examples?.['zh-CN'] ?? []).map((text) => ({ id: s.id, locale: 'zh-CN' as const, text })),
  ...(s.examples?.en ?? []).map((text) => ({ id: s.id, locale: 'en' as const, text })),
]);

describe('recogniseService', () => {
  it('every service lists at least 3 Chinese and 2 English natural phrasings', () => {
    for (const s of loaded.services) {
      expect([s.id, (s.examples?.['zh-CN'] ?? []).length >= 3, (s.examples?.en ?? []).length >= 2]).toEqual([s.id, true, true]);
    }
  });

  it.each(table)('$locale "$text" -> $id', ({ id, locale, text }) => {
    const [top] = recogniseService(catalogue, text, locale);
    expect(top?.id).toBe(id);
  });

  it('no example is simply one of its own synonyms', () => {
    for (const s of loaded.services) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const synonyms = new Set(s.synonyms[locale].map((x) => x.toLowerCase()));
        for (const ex of s.examples?.[locale] ?? []) expect(synonyms.has(ex.toLowerCase())).toBe(false);
      }
    }
  });

  it('recognises the renewal from "驾照下个月到期"', () => {
    expect(recogniseService(catalogue, '驾照下个月到期', 'zh-CN')[0]?.id).toBe('licence-renewal');
  });

  it('returns scores between 0 and 1, best first, and nothing for an unrelated message', () => {
    const matches = recogniseService(catalogue, '驾驶证丢了', 'zh-CN');
    expect(matches[0]).toEqual({ id: 'licence-lost', score: 1 });
    for (let i = 1; i < matches.length; i++) expect(matches[i]!.score).toBeLessThanOrEqual(matches[i - 1]!.score);
    expect(recogniseService(catalogue, '你好', 'zh-CN')).toEqual([]);
    expect(recogniseService(catalogue, '', 'en')).toEqual([]);
  });
});

describe('normalisation', () => {
  it('rewrites colloquial Chinese into the official words, longest variant first', () => {
    expect(normaliseZh('驾照丢了！')).toBe('驾驶证遗失');
    expect(normaliseZh('绿本、行车证和车牌')).toBe('登记证书行驶证和号牌');
    expect(normaliseZh('机动车登记证书')).toBe('登记证书');
    expect(normaliseZh('在交管12123上年检')).toBe('在上检验');
  });

  it('stems English words and drops function words', () => {
    expect(enTerms("My driver's license is expiring")).toEqual(['driver', 'licenc', 'expir']);
    expect(enTerms('lost number plates')).toEqual(['lost', 'plate']);
  });
});

describe('menuServices', () => {
  it('offers a short list in rank order, optionally per category', () => {
    expect(menuServices(catalogue, 'licence', 3).map((s) => s.id)).toEqual(['licence-renewal', 'licence-lost', 'licence-damaged']);
    expect(menuServices(catalogue, 'vehicle', 2).map((s) => s.id)).toEqual(['plate-preselect', 'inspection-exemption-mark']);
    expect(menuServices(catalogue).length).toBe(6);
  });
});
