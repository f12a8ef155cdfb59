import { mentionsAny, recogniseChoice, recognisePosition } from '../../../src/services/conversation/choices';

const menu = [
  { id: 'faq', words: ['问政策/办事流程', '政策', '流程', 'policy'] },
  { id: 'violations', words: ['查违法', '违法', '违章', 'violation'] },
  { id: 'licence', words: ['驾驶证业务', '驾驶证', '驾照', 'licence'] },
  { id: 'vehicle', words: ['车辆与号牌业务', '车牌', '号牌', 'plate'] },
  { id: 'agent', words: ['人工服务', '人工', 'agent'] },
];

describe('choice recognition', () => {
  it.each([
    ['1', 0], ['２', 1], ['3号', 2], ['选4', 3], ['第二个', 1], ['第三', 2], ['二', 1], ['五', 4],
    ['the second one', 1], ['second', 1], ['最后一个', 4], ['last', 4], ['4.', 3], ['第5个', 4],
  ])('by position: %s -> %i', (text, index) => {
    expect(recogniseChoice(text, menu)).toBe(index);
  });

  it.each([
    ['我要查违法', 1], ['我的车有没有违章', 1], ['驾照的事', 2], ['换个车牌', 3], ['找人工', 4],
    ['I want to check a violation', 1], ['licence please', 2],
  ])('by words inside a sentence: %s -> %i', (text, index) => {
    expect(recogniseChoice(text, menu)).toBe(index);
  });

  it('prefers the longer, more specific word', () => {
    expect(recogniseChoice('驾驶证业务办理', menu)).toBe(2);
  });

  it('recognises nothing for out-of-range numbers, unrelated text or ties', () => {
    expect(recogniseChoice('9', menu)).toBeUndefined();
    expect(recogniseChoice('0', menu)).toBeUndefined();
    expect(recogniseChoice('今天天气怎么样', menu)).toBeUndefined();
    expect(recogniseChoice('驾照和车牌', menu)).toBeUndefined();
    expect(recogniseChoice('licences', menu)).toBeUndefined();
  });

  it('does not take a number inside a sentence as a position', () => {
    expect(recognisePosition('我有2个违章', 5)).toBeUndefined();
    expect(recognisePosition('赣G12345', 5)).toBeUndefined();
  });
});

describe('mentionsAny', () => {
  it('finds Chinese words inside a sentence and Latin words only as whole words', () => {
    expect(mentionsAny('我扣了几分了', ['扣了几分'])).toBe(true);
    expect(mentionsAny('how many points do I have', ['points'])).toBe(true);
    expect(mentionsAny('my appointments', ['points'])).toBe(false);
    expect(mentionsAny('', ['points'])).toBe(false);
  });
});
