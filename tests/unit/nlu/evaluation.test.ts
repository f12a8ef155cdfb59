import { applyLabelCorrections, parseEvalLines, unusedFixes, type LabelCorrections } from '../../../src/nlu/evaluation';

const lines = parseEvalLines(
  'dev.jsonl',
  [
    '{"q":"能帮我转一下客服吗","faq":"contact.human"}',
    '{"q":"电子驾照有用吗","faq":"app.e.licence"}',
    '{"q":"人工客服几点上班","faq":"contact.human"}',
    '{"q":"明天下雨吗","intent":"out_of_scope"}',
  ].join('\n'),
);

const corrections: LabelCorrections = {
  renames: new Map([['app.e.licence', 'licence.electronic.apply']]),
  fixes: [{ q: '能帮我转一下客服吗', from: 'faq:contact.human', to: 'intent:handoff' }],
};

describe('dev label corrections', () => {
  it('applies a label fix by question and written label, and renames merged entries', () => {
    const { lines: out, fixed } = applyLabelCorrections(lines, corrections);
    expect(fixed).toBe(1);
    expect(out).toEqual([
      { q: '能帮我转一下客服吗', intent: 'handoff' },
      { q: '电子驾照有用吗', intent: 'faq', faq: 'licence.electronic.apply' },
      { q: '人工客服几点上班', intent: 'faq', faq: 'contact.human' },
      { q: '明天下雨吗', intent: 'out_of_scope' },
    ]);
  });

  it('leaves a line alone when the fix names another label, and reports the fix as stale', () => {
    const stale: LabelCorrections = { renames: new Map(), fixes: [{ q: '人工客服几点上班', from: 'faq:contact.hotline', to: 'intent:handoff' }] };
    expect(applyLabelCorrections(lines, stale).lines[2]).toEqual({ q: '人工客服几点上班', intent: 'faq', faq: 'contact.human' });
    expect(unusedFixes([lines], stale)).toEqual(['人工客服几点上班']);
    expect(unusedFixes([lines], corrections)).toEqual([]);
  });
});
