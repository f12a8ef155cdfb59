import fs from 'node:fs';
import path from 'node:path';
import { LOCALES_DIR, createTranslator, interpolate, loadLocaleFiles, normaliseLocale, placeholders } from '../../../src/i18n';

describe('locale files', () => {
  const zh = loadLocaleFiles(LOCALES_DIR, 'zh-CN');
  const en = loadLocaleFiles(LOCALES_DIR, 'en');

  it('zh-CN and en have the same files', () => {
    const files = (l: string) => fs.readdirSync(path.join(LOCALES_DIR, l)).sort();
    expect(files('en')).toEqual(files('zh-CN'));
  });

  it('zh-CN and en have the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('every key has the same placeholders in both languages', () => {
    const mismatched = [...zh.keys()].filter((k) => en.has(k) && placeholders(zh.get(k)!).join() !== placeholders(en.get(k)!).join());
    expect(mismatched).toEqual([]);
  });

  it('no sentence is empty, and English sentences use no Chinese punctuation', () => {
    expect([...zh.entries(), ...en.entries()].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const chinesePunctuation = [...en.entries()].filter(([, v]) => /[。，！？：；“”（）]/.test(v)).map(([k]) => k);
    expect(chinesePunctuation).toEqual([]);
  });

  it('no sentence carries a link (real traffic-police messages never do)', () => {
    const links = [...zh.entries(), ...en.entries()].filter(([, v]) => /https?:|www\./i.test(v)).map(([k]) => k);
    expect(links).toEqual([]);
  });
});

describe('translator', () => {
  const i18n = createTranslator();

  it('fills placeholders and prefers the .sms variant on SMS', () => {
    expect(interpolate('{n}.{title}', { n: 2, title: '查违法' })).toBe('2.查违法');
    expect(i18n.t('zh-CN', 'common.choice.line', { n: 1, title: '甲' })).toBe('1.甲');
    expect(i18n.t('zh-CN', 'common.help', {}, { sms: true })).toBe(i18n.t('zh-CN', 'common.help.sms'));
    expect(i18n.t('zh-CN', 'main.menu.faq', {}, { sms: true })).toBe(i18n.t('zh-CN', 'main.menu.faq'));
  });

  it('throws on a missing key rather than showing a key to a driver', () => {
    expect(() => i18n.t('en', 'main.nope')).toThrow(/missing key main.nope/);
  });

  it('maps client locale tags', () => {
    expect(normaliseLocale('en-US')).toBe('en');
    expect(normaliseLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(normaliseLocale('zh')).toBe('zh-CN');
    expect(normaliseLocale('fr-FR')).toBeUndefined();
    expect(normaliseLocale(42)).toBeUndefined();
  });
});
