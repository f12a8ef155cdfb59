import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { createNlu } from '../../../src/nlu';
import { extractPlate } from '../../../src/nlu/entities/plate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toSimplifiedChinese } from '../../../src/nlu/script';
import { traditionalOnlyChars } from '../../../src/nlu/traditionalChars';

describe('traditional Chinese input', () => {
  it('converts traditional characters and leaves simplified text and ASCII alone', () => {
    expect(toSimplifiedChinese('駕駛證過期了怎麼辦')).toBe('驾驶证过期了怎么办');
    expect(toSimplifiedChinese('粵B12345 罰單')).toBe('粤B12345 罚单');
    expect(toSimplifiedChinese('驾驶证过期了怎么办')).toBe('驾驶证过期了怎么办');
    expect(toSimplifiedChinese('How do I pay a fine? 12123')).toBe('How do I pay a fine? 12123');
  });

  it('never rewrites simplified text, not even the characters the traditional table also knows (么, 里, 才)', () => {
    for (const text of ['咋么办', '么', '车停在小区里', '刚才被拍了', '群众举报']) expect(toSimplifiedChinese(text)).toBe(text);
    expect(toSimplifiedChinese('怎麼辦，車停在社區裏')).toBe('怎么办，车停在社区里');
  });

  it('data/nlu/traditional-chars.json is in step with OpenCC (npm run gen:traditional)', () => {
    const file = path.resolve(__dirname, '../../../data/nlu/traditional-chars.json');
    expect((JSON.parse(readFileSync(file, 'utf8')) as { chars: string }).chars).toBe(traditionalOnlyChars());
  });

  it('leaves every simplified question, alternate and answer of the knowledge base unchanged', () => {
    const kb = loadFaqKnowledgeBase();
    const changed = kb
      .entries('zh-CN')
      .flatMap((e) => [e.question, ...e.alternates, e.answer])
      .filter((s) => toSimplifiedChinese(s) !== s);
    expect(changed).toEqual([]);
  });

  it('a question typed in traditional characters is understood like its simplified twin', () => {
    const nlu = createNlu(loadFaqKnowledgeBase());
    const pairs: Array<[string, string]> = [
      ['罰單不交會怎樣', '罚单不交会怎样'],
      ['駕照丟了怎麼補辦', '驾照丢了怎么补办'],
      ['車輛年檢要帶什麼', '车辆年检要带什么'],
    ];
    for (const [traditional, simplified] of pairs) {
      const a = nlu.understand(traditional, 'zh-CN');
      const b = nlu.understand(simplified, 'zh-CN');
      expect({ q: traditional, intent: a.intent, top: a.faq.candidates[0]?.id }).toEqual({ q: traditional, intent: b.intent, top: b.faq.candidates[0]?.id });
      expect(a.intent).toBe('faq');
    }
  });

  it('a plate written with a traditional province character is read once converted', () => {
    expect(extractPlate(toSimplifiedChinese('粵B12345'))).toMatchObject({ ok: true, plate: '粤B12345' });
  });
});
