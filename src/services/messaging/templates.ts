// Alibaba Cloud SMS is template based (reference/channels.md 2.5): an approved template with
// ${variables}, each 1-35 characters, never two variables side by side, never a template that is
// only variables. A reply is rendered through a logical template group of data/sms-templates.json:
// the text is cut into variable-sized chunks at natural breaks, and as many messages are sent as
// the text needs. Nothing is dropped: the chunks joined again give back the text (a space at a
// cut becomes the line break between variables).

export interface SmsTemplate {
  /** The approved TemplateCode of this deployment. */
  code: string;
  /** The approved template text, with ${name} variables. */
  text: string;
}

export interface TemplateGroup {
  /** Aliyun template type: notification or marketing (marketing must carry the opt-out line). */
  type: 'notification' | 'marketing';
  /** Per locale, templates with 1, 2, 3, ... variables. */
  templates: Record<string, SmsTemplate[]>;
}

export interface TemplateSet {
  variableMaxLength: number;
  groups: Record<string, TemplateGroup>;
}

export interface RenderedSms {
  code: string;
  /** TemplateParam: one string per variable. */
  params: Record<string, string>;
  /** The message as the driver reads it (without the signature). */
  text: string;
}

const VARIABLE = /\$\{(\w+)\}/g;

export function variablesOf(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((m) => m[1]);
}

/** Problems of a template set, as sentences for the operator; empty when it is usable. */
export function checkTemplateSet(set: TemplateSet): string[] {
  const problems: string[] = [];
  if (!(set.variableMaxLength >= 1 && set.variableMaxLength <= 35)) problems.push('variableMaxLength must be 1-35');
  for (const [name, group] of Object.entries(set.groups)) {
    for (const [locale, templates] of Object.entries(group.templates)) {
      if (templates.length === 0) problems.push(`${name}/${locale}: no templates`);
      templates.forEach((t, i) => {
        const where = `${name}/${locale}/${t.code}`;
        const vars = variablesOf(t.text);
        if (vars.length !== i + 1) problems.push(`${where}: template ${i + 1} must have ${i + 1} variable(s), has ${vars.length}`);
        if (new Set(vars).size !== vars.length) problems.push(`${where}: a variable is used twice`);
        if (/\}\$\{/.test(t.text)) problems.push(`${where}: two variables side by side`);
        if (t.text.replace(VARIABLE, '').trim() === '') problems.push(`${where}: only variables`);
        if (/[【】]/.test(t.text)) problems.push(`${where}: 【】 is not allowed in a template`);
        if (t.text.length > 500) problems.push(`${where}: longer than 500 characters`);
        if (group.type === 'marketing' && !/(拒收请回复R|回T退订|退订回T|Reply R to opt out)\s*$/.test(t.text)) {
          problems.push(`${where}: a marketing template must end with the opt-out line`);
        }
      });
    }
  }
  return problems;
}

// Preferred cut points inside a line, strongest first.
const BREAKS: RegExp[] = [/[。！？!?；;]/, /[，,、：:）)]/, /\s/];

/** Cuts one line into chunks of at most max characters, at a natural break when there is one. */
export function chunkLine(line: string, max: number): string[] {
  const chars = Array.from(line.trim());
  const chunks: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(chars.length, start + max);
    if (end < chars.length) {
      const floor = start + Math.floor(max / 2);
      outer: for (const pattern of BREAKS) {
        if (/\s/.test(chars[end]) && pattern.test(chars[end])) break outer;
        for (let i = end - 1; i >= floor; i--) {
          if (pattern.test(chars[i])) {
            end = i + 1;
            break outer;
          }
        }
      }
    }
    const chunk = chars.slice(start, end).join('').trim();
    if (chunk) chunks.push(chunk);
    start = end;
  }
  return chunks;
}

/** A variable value the platform accepts: no signature brackets, no control characters. */
function cleanValue(value: string): string {
  return value.replace(/【/g, '[').replace(/】/g, ']').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/**
 * Renders a text through a template group: one RenderedSms per message to send, in order.
 * Throws when the group or locale is missing (a configuration error, never a silent cut).
 */
export function renderTemplates(text: string, set: TemplateSet, groupName: string, locale: string): RenderedSms[] {
  const group = set.groups[groupName];
  if (!group) throw new Error(`sms templates: no group "${groupName}"`);
  const templates = group.templates[locale] ?? group.templates['zh-CN'];
  if (!templates?.length) throw new Error(`sms templates: group "${groupName}" has no templates for ${locale}`);
  const max = set.variableMaxLength;
  const chunks = text
    .split('\n')
    .flatMap((line) => chunkLine(cleanValue(line), max))
    .filter((c) => c.length > 0);
  const out: RenderedSms[] = [];
  for (let i = 0; i < chunks.length; i += templates.length) {
    const slice = chunks.slice(i, i + templates.length);
    const template = templates[slice.length - 1];
    const names = variablesOf(template.text);
    const params: Record<string, string> = {};
    names.forEach((name, k) => (params[name] = slice[k]));
    out.push({ code: template.code, params, text: template.text.replace(VARIABLE, (_w, name: string) => params[name]) });
  }
  return out;
}
