// Whole-message commands, arbitrated in one place before any dialog sees the message.
// Compliance keywords (opt-out / opt-in on SMS) win over dialog commands; a prompt that expects
// free text may suspend the softer dialog commands, but 取消 and 菜单 always work, so a driver
// can never get stuck.
import type { Locale } from '../../config';
import vocabulary from '../../../data/commands.json';
import { commandForm } from './text';

export type Command =
  | { kind: 'optOut' }
  | { kind: 'optIn' }
  | { kind: 'help' }
  | { kind: 'menu' }
  | { kind: 'cancel' }
  | { kind: 'agent' }
  | { kind: 'language'; locale: Locale };

export interface ArbitrationContext {
  /** The message came over SMS, where carrier opt-out keywords are binding. */
  sms: boolean;
  /** The number is currently opted out (then YES opts back in). */
  optedOut: boolean;
  /** The active prompt expects free text: help, agent and language words are taken as input. */
  suspendDialogCommands?: boolean;
}

const set = (words: string[]) => new Set(words.map((w) => w.toLowerCase()));
const OPT_OUT = set(vocabulary.optOut.sms);
const OPT_IN = set(vocabulary.optIn.sms);
const OPT_IN_WHILE_OUT = set(vocabulary.optIn.whileOptedOut);
const HELP = set(vocabulary.help);
const MENU = set(vocabulary.menu);
const CANCEL = set(vocabulary.cancel);
const AGENT = set(vocabulary.agent);
const TO_EN = set(vocabulary.language.en);
const TO_ZH = set(vocabulary.language['zh-CN']);

export function arbitrate(text: unknown, ctx: ArbitrationContext): Command | null {
  const w = commandForm(text);
  if (!w) return null;
  if (ctx.sms) {
    if (OPT_OUT.has(w)) return { kind: 'optOut' };
    if (OPT_IN.has(w) || (ctx.optedOut && OPT_IN_WHILE_OUT.has(w))) return { kind: 'optIn' };
    // HELP is also a carrier keyword: it is always answered on SMS.
    if (HELP.has(w)) return { kind: 'help' };
  }
  if (MENU.has(w)) return { kind: 'menu' };
  if (CANCEL.has(w)) return { kind: 'cancel' };
  if (ctx.suspendDialogCommands) return null;
  if (HELP.has(w)) return { kind: 'help' };
  if (AGENT.has(w)) return { kind: 'agent' };
  if (TO_EN.has(w)) return { kind: 'language', locale: 'en' };
  if (TO_ZH.has(w)) return { kind: 'language', locale: 'zh-CN' };
  return null;
}
