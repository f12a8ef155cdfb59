import { checkTemplateSet, chunkLine, renderTemplates, type TemplateSet } from '../../../src/services/messaging/templates';
import { loadSmsTemplates } from '../../../src/composition/messaging';

const set = loadSmsTemplates();

describe('Aliyun template rendering', () => {
  it('ships a template set that follows the platform rules', () => {
    expect(checkTemplateSet(set)).toEqual([]);
  });

  it('finds broken templates: adjacent variables, only variables, 【】, a marketing template without the opt-out line', () => {
    const broken: TemplateSet = {
      variableMaxLength: 35,
      groups: {
        g: { type: 'notification', templates: { 'zh-CN': [{ code: 'A', text: '${a}' }, { code: 'B', text: '【X】${a}${b}' }] } },
        m: { type: 'marketing', templates: { 'zh-CN': [{ code: 'C', text: '优惠${a}' }] } },
      },
    };
    const problems = checkTemplateSet(broken).join('\n');
    expect(problems).toMatch(/A: only variables/);
    expect(problems).toMatch(/B: two variables side by side/);
    expect(problems).toMatch(/B: 【】/);
    expect(problems).toMatch(/C: a marketing template must end with the opt-out line/);
  });

  it('renders a short reply through the one-variable template', () => {
    const [sms] = renderTemplates('您好', set, 'reply', 'zh-CN');
    expect(sms.params).toEqual({ a: '您好' });
    expect(sms.text).toBe('交管助手：您好');
  });

  it('puts each line of a numbered menu in its own variable', () => {
    const menu = '请回复数字选择服务：\n1.问政策/办事流程\n2.查违法\n3.驾驶证业务';
    const [sms, ...rest] = renderTemplates(menu, set, 'reply', 'zh-CN');
    expect(rest).toEqual([]);
    expect(Object.values(sms.params)).toEqual(['请回复数字选择服务：', '1.问政策/办事流程', '2.查违法', '3.驾驶证业务']);
    expect(sms.text).toBe(`交管助手：${menu}`);
  });

  it('keeps every variable within 35 characters and sends as many messages as needed, never truncating', () => {
    const long = '逾期未处理的交通违法记录，可以在交管12123 App或者违法行为发生地的处理窗口办理，罚款逾期每日按罚款数额的百分之三加处罚款。'.repeat(5);
    const rendered = renderTemplates(long, set, 'reply', 'zh-CN');
    expect(rendered.length).toBeGreaterThan(1);
    const values = rendered.flatMap((r) => Object.values(r.params));
    for (const v of values) {
      expect(Array.from(v).length).toBeGreaterThanOrEqual(1);
      expect(Array.from(v).length).toBeLessThanOrEqual(35);
    }
    // A space at a cut becomes the line break between two variables; no other character changes.
    expect(values.join('').replace(/\s/g, '')).toBe(long.replace(/\s/g, ''));
  });

  it('cuts a line at a clause break rather than in the middle of a word', () => {
    const chunks = chunkLine('Your licence expires on 20 December 2026, renew it in the 12123 app before then.', 35);
    expect(chunks.every((c) => c.length <= 35)).toBe(true);
    expect(chunks[0]).toBe('Your licence expires on 20 December');
  });

  it('renders English with the English templates and campaigns with the opt-out line', () => {
    expect(renderTemplates('Hello', set, 'reply', 'en')[0].text).toBe('Traffic assistant: Hello');
    expect(renderTemplates('请及时换证', set, 'campaign', 'zh-CN')[0].text).toMatch(/拒收请回复R$/);
  });

  it('replaces signature brackets inside a value', () => {
    expect(renderTemplates('【通知】请换证', set, 'reply', 'zh-CN')[0].params.a).toBe('[通知]请换证');
  });
});
