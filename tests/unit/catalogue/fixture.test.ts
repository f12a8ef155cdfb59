import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadServiceCatalogue } from '../../../src/knowledge/services';
import { answer, fillText, nextStep, recogniseService, startWalkthrough, type WalkthroughState } from '../../../src/services/catalogue';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A service that exists nowhere in data/: adding its file must be enough to walk it. */
const fixture = {
  id: 'parking-permit',
  category: 'vehicle',
  name: t('残疾人停车证明', 'Disabled parking permit'),
  synonyms: { 'zh-CN': ['残疾人停车证明', '无障碍停车证'], en: ['disabled parking permit', 'accessible parking'] },
  audience: t('持C5驾驶证的驾驶人。', 'C5 licence holders.'),
  questions: [
    { id: 'holder', type: 'yesno', prompt: t('您持有C5驾驶证吗？', 'Do you hold a C5 licence?') },
    { id: 'cars', type: 'number', min: 0, max: 5, prompt: t('名下有几辆车？', 'How many cars are in your name?') },
    { id: 'since', type: 'date', range: 'past', prompt: t('驾驶证哪天领的？', 'When did you get the licence?') },
    { id: 'colour', type: 'choice', prompt: t('车是什么颜色？', 'What colour is the car?'), options: [
      { value: 'blue', label: t('蓝色', 'Blue') }, { value: 'green', label: t('绿色', 'Green') }] },
  ],
  rules: [
    { if: { eq: { fact: 'holder', value: false } }, then: 'no' },
    { if: { num: { fact: 'cars', eq: 0 } }, then: 'no-car' },
    { if: { daysSince: { fact: 'since', lt: 30 } }, then: 'wait' },
    { if: { not: { eq: { fact: 'colour', value: 'green' } } }, then: 'ok' },
    { then: 'ok-green' },
  ],
  outcomes: {
    no: { kind: 'not-possible', text: t('仅限C5驾驶人。', 'C5 holders only.') },
    'no-car': { kind: 'other-service', service: 'parking-permit-help', text: t('先登记车辆。', 'Register a car first.') },
    wait: { kind: 'not-yet', when: { fact: 'since', addDays: 30 }, text: t('{when}后再来。', 'Come back from {when}.') },
    ok: { kind: 'eligible', text: t('可以申请，驾驶证已领{since.daysSince}天。', 'You can apply; licence held {since.daysSince} days.') },
    'ok-green': { kind: 'window', text: t('绿牌车请到窗口。', 'Green plates: go to a window.') },
  },
  materials: [t('身份证。', 'ID card.')],
  fees: [{ item: t('证明', 'Permit'), amount: t('免费', 'Free'), local: false }],
  timeLimits: [],
  appSteps: [t('打开APP申请。', 'Apply in the app.')],
  window: { needed: 'no', why: t('网上办理。', 'Online.') },
  processing: t('1个工作日。', '1 working day.'),
  sources: [{ title: '测试数据', articles: ['第1条'] }],
  checked: '2026-11-27',
};
const helper = {
  ...fixture,
  id: 'parking-permit-help',
  name: t('停车证明帮助', 'Parking permit help'),
  synonyms: { 'zh-CN': ['停车帮助'], en: ['parking help'] },
  questions: [],
  rules: [{ then: 'ok' }],
  outcomes: { ok: { kind: 'eligible', text: t('好的。', 'Fine.') } },
};

function writeCatalogue(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'services-fixture-'));
  for (const [name, json] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(json, null, 2));
  return dir;
}

describe('a new service file works with no code change', () => {
  const catalogue = loadServiceCatalogue(writeCatalogue({ 'parking-permit.json': fixture, 'parking-permit-help.json': helper }));
  const s = catalogue.byId.get('parking-permit')!;
  const now = new Date('2026-11-27T09:00:00+08:00');

  it('is recognised from its synonyms', () => {
    expect(recogniseService(catalogue, '我想办无障碍停车证', 'zh-CN')[0]?.id).toBe('parking-permit');
    expect(recogniseService(catalogue, 'how to get a disabled parking permit', 'en')[0]?.id).toBe('parking-permit');
  });

  it('is walked question by question to its outcome', () => {
    let state: WalkthroughState = startWalkthrough(s);
    const replies = [{ kind: 'yes' }, { kind: 'number', value: 1 }, { kind: 'date', date: '2026-01-10' }, { kind: 'choice', index: 1 }] as const;
    const asked: string[] = [];
    for (const reply of replies) {
      const step = nextStep(s, state, now);
      if (step.type !== 'question') throw new Error('expected a question');
      asked.push(`${step.number}:${step.question.id}`);
      const r = answer(s, state, reply, now);
      if (!r.ok) throw new Error(r.error);
      state = r.state;
    }
    expect(asked).toEqual(['1:holder', '2:cars', '3:since', '4:colour']);
    const end = nextStep(s, state, now);
    if (end.type !== 'conclusion') throw new Error('expected a conclusion');
    expect(end.conclusion.kind).toBe('eligible');
    expect(fillText(end.conclusion.text, end.conclusion.vars, 'en')).toBe('You can apply; licence held 321 days.');
  });

  it('stops early and points to another service from the data', () => {
    let state = startWalkthrough(s);
    for (const reply of [{ kind: 'yes' }, { kind: 'number', value: 0 }] as const) {
      const r = answer(s, state, reply, now);
      if (!r.ok) throw new Error(r.error);
      state = r.state;
    }
    expect(nextStep(s, state, now)).toMatchObject({ type: 'conclusion', conclusion: { kind: 'other-service', serviceId: 'parking-permit-help' } });
  });

  it('resolves a not-yet date from the data', () => {
    let state = startWalkthrough(s);
    for (const reply of [{ kind: 'yes' }, { kind: 'number', value: 2 }, { kind: 'date', date: '2026-11-20' }] as const) {
      const r = answer(s, state, reply, now);
      if (!r.ok) throw new Error(r.error);
      state = r.state;
    }
    const step = nextStep(s, state, now);
    if (step.type !== 'conclusion') throw new Error('expected a conclusion');
    expect(step.conclusion.when).toBe('2026-12-20');
    expect(fillText(step.conclusion.text, step.conclusion.vars, 'zh-CN')).toBe('2026年12月20日后再来。');
  });

  it('fails to load when the other service it points to is missing', () => {
    expect(() => loadServiceCatalogue(writeCatalogue({ 'parking-permit.json': fixture }))).toThrow(/unknown service "parking-permit-help"/);
  });
});
