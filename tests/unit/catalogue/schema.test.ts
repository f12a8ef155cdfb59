import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ServiceCatalogueError,
  defaultServicesDir,
  loadServiceCatalogue,
  type ServiceDefinition,
} from '../../../src/knowledge/services';

const dir = defaultServicesDir();
const catalogue = loadServiceCatalogue();

function copyWith(id: string, edit: (json: Record<string, unknown>) => void): string {
  const target = mkdtempSync(path.join(tmpdir(), 'services-'));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    if (file === `${id}.json`) edit(json);
    writeFileSync(path.join(target, file), JSON.stringify(json));
  }
  return target;
}

function texts(service: ServiceDefinition): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk({ ...service, synonyms: undefined, examples: undefined, sources: undefined });
  return out;
}

describe('service catalogue files', () => {
  it('loads every file in data/services and validates it against the schema and cross-checks', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(catalogue.services).toHaveLength(files.length);
  });

  it('holds at least 20 driver-licence services and 12 vehicle services', () => {
    expect(catalogue.services.filter((s) => s.category === 'licence').length).toBeGreaterThanOrEqual(20);
    expect(catalogue.services.filter((s) => s.category === 'vehicle').length).toBeGreaterThanOrEqual(12);
  });

  it('covers the services the issue names', () => {
    for (const id of [
      'licence-renewal', 'licence-lost', 'licence-damaged', 'licence-renewal-deferral', 'licence-review-deferral',
      'licence-medical-deferral', 'licence-medical-proof', 'licence-contact-change', 'licence-downgrade',
      'licence-cancellation', 'licence-restoration', 'exam-booking', 'licence-review-study', 'full-points-study',
      'point-reduction-study', 'plate-preselect', 'plate-replacement', 'vehicle-licence-replacement',
      'inspection-booking', 'inspection-exemption-mark', 'vehicle-transfer', 'new-registration',
    ]) {
      expect(catalogue.byId.has(id)).toBe(true);
    }
  });

  it('dates every service 2026-11-27 and cites article numbers (third-party-only services excepted)', () => {
    const thirdPartyOnly = new Set(['bind-family-vehicle']);
    for (const s of catalogue.services) {
      expect(s.checked).toBe('2026-11-27');
      const cited = s.sources.some((src) => (src.articles ?? []).length > 0);
      expect([s.id, cited]).toEqual([s.id, !thirdPartyOnly.has(s.id)]);
    }
  });

  it('says 以当地为准 / varies for every local fee', () => {
    for (const s of catalogue.services) {
      for (const fee of s.fees.filter((f) => f.local)) {
        expect(fee.amount['zh-CN']).toContain('以当地为准');
        expect(fee.amount.en.toLowerCase()).toContain('varies');
      }
    }
  });

  it('repeats none of the outdated claims of domain.md section 8', () => {
    const outdated = [/记2分/, /2分的违法/, /满60岁.*(不得|降级)/, /6年免检/, /每年提交身体条件证明.*(A|B)/, /C1.{0,4}每年.{0,2}审验(?!["”]?是旧)/];
    for (const s of catalogue.services) {
      const all = texts(s).join('\n');
      for (const pattern of outdated) expect([s.id, pattern.test(all)]).toEqual([s.id, false]);
    }
  });
});

describe('loadServiceCatalogue errors', () => {
  it('names the file and the field when a value has the wrong type', () => {
    const bad = copyWith('licence-lost', (j) => {
      (j.questions as Array<Record<string, unknown>>)[0]!.type = 'maybe';
    });
    expect(() => loadServiceCatalogue(bad)).toThrow(ServiceCatalogueError);
    expect(() => loadServiceCatalogue(bad)).toThrow(/licence-lost\.json: field questions\.0\.type/);
  });

  it('rejects a rule that names an unknown question or outcome', () => {
    const bad = copyWith('licence-lost', (j) => {
      (j.rules as unknown[]).unshift({ if: { eq: { fact: 'nope', value: true } }, then: 'missing' });
    });
    expect(() => loadServiceCatalogue(bad)).toThrow(/licence-lost\.json: field rules\.0\.if\.eq\.fact: unknown question "nope"/);
    expect(() => loadServiceCatalogue(bad)).toThrow(/field rules\.0\.then: unknown outcome "missing"/);
  });

  it('rejects a pointer to a service that does not exist', () => {
    const bad = copyWith('licence-renewal', (j) => {
      (j.outcomes as Record<string, Record<string, unknown>>).cancelled!.service = 'licence-nowhere';
    });
    expect(() => loadServiceCatalogue(bad)).toThrow(/outcomes\.cancelled\.service: unknown service "licence-nowhere"/);
  });

  it('rejects a Chinese text longer than two SMS segments and English outside GSM-7', () => {
    const bad = copyWith('licence-lost', (j) => {
      const name = j.name as Record<string, string>;
      name['zh-CN'] = '长'.repeat(135);
      name.en = 'Lost licence “quoted”';
    });
    expect(() => loadServiceCatalogue(bad)).toThrow(/field name\.zh-CN: longer than 134/);
    expect(() => loadServiceCatalogue(bad)).toThrow(/field name\.en: characters outside GSM-7/);
  });

  it('rejects a placeholder that names no question, and an id that differs from the file name', () => {
    const bad = copyWith('licence-lost', (j) => {
      const outcome = (j.outcomes as Record<string, { text: Record<string, string> }>).eligible!;
      outcome.text.en = 'You have {points} points.';
      j.id = 'licence-found';
    });
    expect(() => loadServiceCatalogue(bad)).toThrow(/outcomes\.eligible\.text\.en: placeholder \{points\} names no question/);
    expect(() => loadServiceCatalogue(bad)).toThrow(/field id: "licence-found" differs from the file name/);
  });

  it('requires the last rule to be the unconditional default', () => {
    const bad = copyWith('licence-lost', (j) => {
      (j.rules as unknown[]).pop();
    });
    expect(() => loadServiceCatalogue(bad)).toThrow(/the last rule must have no condition/);
  });
});
