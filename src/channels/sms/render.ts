// Turns a bot activity into the plain text a feature phone shows: no markup, choices as a
// numbered list (unless the text already numbers them), attachments flattened to their titles.
import type { Activity, CardAction } from 'botbuilder';

export function stripMarkup(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((?:[^)]+)\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\r\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function actionTitle(a: CardAction): string {
  return String(a.title ?? a.value ?? '').trim();
}

/** The SMS text of one activity, or '' when it carries nothing a person reads. */
export function renderSmsText(activity: Partial<Activity>): string {
  if (activity.type && activity.type !== 'message') return '';
  const parts: string[] = [];
  if (activity.text) parts.push(stripMarkup(activity.text));
  for (const att of activity.attachments ?? []) {
    const content = att.content as { title?: string; text?: string; buttons?: CardAction[] } | undefined;
    if (content?.title) parts.push(stripMarkup(content.title));
    if (content?.text) parts.push(stripMarkup(content.text));
    const buttons = (content?.buttons ?? []).map(actionTitle).filter(Boolean);
    if (buttons.length) parts.push(buttons.map((b, i) => `${i + 1}.${b}`).join('\n'));
  }
  const actions = (activity.suggestedActions?.actions ?? []).map(actionTitle).filter(Boolean);
  const alreadyNumbered = actions.length > 0 && /(^|\n)\s*1[.、．)]/.test(parts.join('\n'));
  if (actions.length && !alreadyNumbered) parts.push(actions.map((t, i) => `${i + 1}.${t}`).join('\n'));
  return parts.filter(Boolean).join('\n');
}
