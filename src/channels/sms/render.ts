// Turns a bot activity into the plain text a feature phone shows: no markup, choices as a
// numbered list (unless the text already numbers them), attachments flattened to their titles.
// The values behind the numbers are returned too, so that the next "2" can be resolved.
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

function actionValue(a: CardAction): string {
  const v = a.value ?? a.title ?? '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export interface SmsReply {
  text: string;
  /** What each numbered choice stands for (the value a button would have sent), in order. */
  choices: string[];
}

/** The SMS text of one activity and its numbered choices; text '' when nothing is readable. */
export function renderSmsReply(activity: Partial<Activity>): SmsReply {
  if (activity.type && activity.type !== 'message') return { text: '', choices: [] };
  const parts: string[] = [];
  const buttonLists: string[][] = [];
  if (activity.text) parts.push(stripMarkup(activity.text));
  for (const att of activity.attachments ?? []) {
    const content = att.content as { title?: string; text?: string; buttons?: CardAction[] } | undefined;
    if (content?.title) parts.push(stripMarkup(content.title));
    if (content?.text) parts.push(stripMarkup(content.text));
    const buttons = (content?.buttons ?? []).filter((b) => actionTitle(b));
    if (buttons.length) {
      parts.push(buttons.map((b, i) => `${i + 1}.${actionTitle(b)}`).join('\n'));
      buttonLists.push(buttons.map(actionValue));
    }
  }
  const actions = (activity.suggestedActions?.actions ?? []).filter((a) => actionTitle(a));
  const alreadyNumbered = actions.length > 0 && /(^|\n)\s*1[.、．)]/.test(parts.join('\n'));
  if (actions.length && !alreadyNumbered) parts.push(actions.map((a, i) => `${i + 1}.${actionTitle(a)}`).join('\n'));
  // A number means something only when one numbered list was shown.
  const choices = actions.length ? actions.map(actionValue) : buttonLists.length === 1 ? buttonLists[0] : [];
  return { text: parts.filter(Boolean).join('\n'), choices };
}

/** The SMS text of one activity, or '' when it carries nothing a person reads. */
export function renderSmsText(activity: Partial<Activity>): string {
  return renderSmsReply(activity).text;
}
