import path from 'node:path';
import { loadFaqKnowledgeBase } from '../../../src/knowledge/faq';
import { createNlu, knowledgeBaseTexts } from '../../../src/nlu';
import { HomophoneCorrector } from '../../../src/nlu/homophones';
import { defaultNluDir } from '../../../src/nlu/synonyms';
import { createZhSegmenter } from '../../../src/nlu/tokenizers/zh';

const segment = createZhSegmenter(path.join(defaultNluDir(), 'jieba.dict.txt'));
const general = ['的', '了', '吗', '是', '会', '我', '在'];

describe('pinyin slips (HomophoneCorrector)', () => {
  const kbTexts = [
    '驾照丢了怎么补办', '驾照过期了怎么换', '驾照到期去哪换', '年检预约怎么弄', '年检过期了', '年检要带什么材料',
    '违章怎么处理', '违章在哪查', '违章能网上处理吗', '买车以后怎么上牌', '买车要交什么税', '买车带什么材料',
    '卖车给别人要办过户吗',
  ];
  const corrector = new HomophoneCorrector(kbTexts, ['今天天气怎么样'], { segment, generalChars: general });

  it('restores a domain word typed with the wrong same-sounding characters', () => {
    expect(corrector.correct('驾找丢了怎么办')).toBe('驾照丢了怎么办');
    expect(corrector.correct('车子年减过期了')).toBe('车子年检过期了');
    expect(corrector.correct('违张怎么交')).toBe('违章怎么交');
  });

  it('leaves real words, function characters and pairs the knowledge base writes alone', () => {
    // 卖车 is written in the knowledge base: not a slip for 买车, though it sounds the same.
    expect(corrector.correct('卖车要交什么税')).toBe('卖车要交什么税');
    // 证 belongs to 驾驶证: no pair of single characters to correct.
    expect(corrector.correct('驾驶证是河南的')).toBe('驾驶证是河南的');
    expect(corrector.correct('今天天气怎么样')).toBe('今天天气怎么样');
    expect(corrector.correct('english only')).toBe('english only');
  });

  it('changes no question, alternate or answer of the real knowledge base', () => {
    const kb = loadFaqKnowledgeBase();
    const texts = knowledgeBaseTexts(kb.entries('zh-CN'));
    const full = new HomophoneCorrector(texts, [], { segment, generalChars: general });
    expect(full.size).toBeGreaterThan(300);
    expect(texts.filter((t) => full.correct(t) !== t)).toEqual([]);
  });

  it('a question with a slip is understood like the one without', () => {
    const nlu = createNlu(loadFaqKnowledgeBase());
    for (const [slip, right] of [['驾找丢了怎么补', '驾照丢了怎么补'], ['罚宽交晚了有滞纳金吗', '罚款交晚了有滞纳金吗']] as const) {
      const a = nlu.understand(slip, 'zh-CN');
      const b = nlu.understand(right, 'zh-CN');
      expect({ slip, top: a.faq.candidates[0]?.id, intent: a.intent }).toEqual({ slip, top: b.faq.candidates[0]?.id, intent: b.intent });
    }
    // prepare() readies the same index ahead of time; calling it again changes nothing.
    nlu.prepare();
    nlu.prepare();
    expect(nlu.understand('驾找丢了怎么补', 'zh-CN').faq.candidates[0]?.id).toBe(nlu.understand('驾照丢了怎么补', 'zh-CN').faq.candidates[0]?.id);
    const off = createNlu(loadFaqKnowledgeBase(), { homophones: false });
    expect(off.understand('驾找丢了怎么补', 'zh-CN').intent).not.toBe('faq');
  });
});
