import path from 'node:path';
import { createEnNormalizer, createZhNormalizer, loadSynonymTable } from '../../../src/nlu/synonyms';
import { createEnTokenizer } from '../../../src/nlu/tokenizers/en';
import { charGrams, createZhTokenizer } from '../../../src/nlu/tokenizers/zh';

const nluDir = path.join(__dirname, '..', '..', '..', 'data', 'nlu');
const zhNorm = createZhNormalizer(loadSynonymTable('zh-CN', nluDir));
const enNorm = createEnNormalizer(loadSynonymTable('en', nluDir));

describe('Chinese tokenizers', () => {
  it('char: unigrams and bigrams of Han runs, ASCII runs whole', () => {
    expect(charGrams('换证a1')).toEqual(['换', '换证', '证', 'a1']);
  });

  it('char: normalises synonyms first and drops stop words', () => {
    const tokens = createZhTokenizer('char', zhNorm, nluDir).tokenize('请问驾照咋换？');
    expect(tokens).toEqual(['驾', '驾驶', '驶', '驶证', '证', '证怎', '怎', '怎么', '么换', '换']);
    expect(tokens).not.toContain('请');
  });

  it('char: drops single stop characters as unigrams only', () => {
    const tokens = createZhTokenizer('char', zhNorm, nluDir).tokenize('需要吗');
    expect(tokens).toEqual(['需', '需要', '要', '要吗']);
  });

  it('keepStops keeps the words the intent classifier needs', () => {
    const tokens = createZhTokenizer('char', zhNorm, nluDir, { keepStops: true }).tokenize('我要办');
    expect(tokens).toEqual(['我', '我要', '要', '要办', '办']);
  });

  it('jieba keeps domain words whole thanks to the dictionary', () => {
    const tokens = createZhTokenizer('jieba', zhNorm, nluDir).tokenize('绿本丢了怎么补办');
    expect(tokens).toEqual(expect.arrayContaining(['登记证书', '遗失', '补领']));
  });

  it('jieba+char prefixes words so they do not collide with bigrams', () => {
    const tokens = createZhTokenizer('jieba+char', zhNorm, nluDir).tokenize('年检');
    expect(tokens).toEqual(['w:检验', '检', '检验', '验']);
  });
});

describe('English tokenizer', () => {
  const en = createEnTokenizer(enNorm);
  it('lower-cases, drops stop words and stems', () => {
    expect(en.tokenize('How do I renew my Driving Licence?')).toEqual(['how', 'renew', 'licenc']);
  });
  it('maps spelling variants and casual words to one form', () => {
    expect(en.tokenize("my driver's license")).toEqual(en.tokenize('driving licence'));
    expect(en.tokenize('pay a ticket')).toEqual(en.tokenize('pay a fine'));
    expect(en.tokenize('license plate')).toEqual(['plate']);
  });
});

describe('synonym normalisation', () => {
  it.each([
    ['驾照', '驾驶证'],
    ['罚单', '违法罚款'],
    ['违章', '违法'],
    ['车牌', '号牌'],
    ['年审', '检验'],
    ['年检', '检验'],
    ['科一', '科目一'],
    ['绿本', '登记证书'],
    ['行驶本', '行驶证'],
    ['咋', '怎么'],
    ['驾驶证', '驾驶证'],
  ])('zh: %s -> %s', (from, to) => {
    expect(zhNorm.normalize(from)).toBe(to);
  });

  it('zh: one pass, longest variant first, full-width folded', () => {
    expect(zhNorm.normalize('驾照年审')).toBe('驾驶证审验');
    expect(zhNorm.normalize('Ａ１驾照')).toBe('a1驾驶证');
  });

  it('en: whole words only, longest phrase first', () => {
    expect(enNorm.normalize('License plate')).toBe('plate');
    expect(enNorm.normalize('licensed')).toBe('licensed');
    expect(enNorm.normalize('got a ticket')).toBe('got a fine');
  });

  it('rejects a table where one variant has two canonical forms', () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const os = jest.requireActual<typeof import('node:os')>('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syn-'));
    fs.writeFileSync(path.join(dir, 'synonyms.en.json'), JSON.stringify({ groups: { fine: ['ticket'], plate: ['ticket'] } }));
    expect(() => loadSynonymTable('en', dir)).toThrow(/"ticket" is listed under both "fine" and "plate"/);
  });
});
