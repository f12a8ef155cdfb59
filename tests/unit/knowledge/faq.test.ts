import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkParity,
  FaqValidationError,
  loadFaqKnowledgeBase,
  parseFaqFile,
  type FaqEntry,
} from '../../../src/knowledge/faq';

const fixtures = path.join(__dirname, '..', 'nlu', 'fixtures', 'faq');
type FaqJson = { locale: string; entries: Array<Record<string, unknown>> };
const read = (locale: string): FaqJson => JSON.parse(readFileSync(path.join(fixtures, `${locale}.json`), 'utf8')) as FaqJson;

function writeKb(zh: FaqJson, en: FaqJson): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faq-'));
  writeFileSync(path.join(dir, 'zh-CN.json'), JSON.stringify(zh));
  writeFileSync(path.join(dir, 'en.json'), JSON.stringify(en));
  return dir;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FaqValidationError);
    return (err as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('loadFaqKnowledgeBase', () => {
  it('loads both locales, sorted by id, with get() and topics()', () => {
    const kb = loadFaqKnowledgeBase(fixtures);
    const ids = kb.entries('zh-CN').map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    expect(kb.entries('en')).toHaveLength(ids.length);
    expect(kb.get('en', 'licence.replace.lost')?.topic).toBe('licence');
    expect(kb.get('zh-CN', 'no.such.entry')).toBeUndefined();
    expect(kb.topics()).toEqual(expect.arrayContaining(['licence', 'scam', 'fine']));
  });

  it('names the entry and the field when an answer is too long for two SMS segments', () => {
    const zh = read('zh-CN');
    zh.entries[1]!.answer = '长'.repeat(135);
    const msg = messageOf(() => loadFaqKnowledgeBase(writeKb(zh, read('en'))));
    expect(msg).toMatch(/entry licence\.replace\.lost \(#2\): field answer: 135 characters, the limit is 134/);
  });

  it('rejects a missing source and too few alternates, naming each field', () => {
    const en = read('en');
    delete en.entries[0]!.source;
    en.entries[2]!.alternates = ['only one'];
    const msg = messageOf(() => parseFaqFile('en.json', 'en', en));
    expect(msg).toMatch(/entry licence\.renewal\.window \(#1\): field source/);
    expect(msg).toMatch(/entry inspection\.booking \(#3\): field alternates: needs at least 4/);
  });

  it('rejects English answers with characters outside GSM-7 and answers with links', () => {
    const en = read('en');
    en.entries[0]!.answer = 'Use the app \u201cnow\u201d.';
    en.entries[1]!.answer = 'See https://example.org for details.';
    const msg = messageOf(() => parseFaqFile('en.json', 'en', en));
    expect(msg).toMatch(/licence\.renewal\.window.*field answer: characters outside GSM-7/);
    expect(msg).toMatch(/licence\.replace\.lost.*field answer: links are not allowed/);
  });

  it('rejects a followUp that points to no entry, and a duplicate id', () => {
    const zh = read('zh-CN');
    zh.entries[0]!.followUps = ['licence.nothing'];
    zh.entries.push({ ...zh.entries[2]! });
    const msg = messageOf(() => parseFaqFile('zh-CN.json', 'zh-CN', zh));
    expect(msg).toMatch(/field followUps: unknown id licence\.nothing/);
    expect(msg).toMatch(/field id: duplicate id/);
  });

  it('rejects a file whose locale field does not match its name', () => {
    expect(messageOf(() => parseFaqFile('en.json', 'en', read('zh-CN')))).toMatch(/field locale is zh-CN, expected en/);
  });

  it('fails when an id exists in one locale only or the topics differ', () => {
    const zh = read('zh-CN');
    const en = read('en');
    en.entries = en.entries.filter((e) => e.id !== 'scam.sms');
    en.entries[0]!.topic = 'exam';
    const msg = messageOf(() => loadFaqKnowledgeBase(writeKb(zh, en)));
    expect(msg).toMatch(/entry scam\.sms: present in zh-CN, missing in en/);
    expect(msg).toMatch(/entry licence\.renewal\.window: field topic is licence in zh-CN, exam in en/);
  });

  it('reports parity problems as a list (empty when both locales match)', () => {
    const kb = loadFaqKnowledgeBase(fixtures);
    const byLocale = { 'zh-CN': kb.entries('zh-CN') as FaqEntry[], en: kb.entries('en') as FaqEntry[] };
    expect(checkParity(byLocale)).toEqual([]);
    expect(checkParity({ ...byLocale, en: byLocale.en.slice(1) })).toHaveLength(1);
  });

  it('says which file is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'faq-'));
    expect(messageOf(() => loadFaqKnowledgeBase(dir))).toMatch(/zh-CN\.json: cannot be read/);
  });
});
