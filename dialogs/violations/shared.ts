// What the violation dialogs share: who is asking, the dependencies they get injected, dialog
// ids, a choice validator for AskPrompt, and the locale-neutral formatting of record values.
import type { TurnContext } from 'botbuilder';
import type { PromptValidator } from 'botbuilder-dialogs';
import type { Ask, Phrase } from '../common/AskPrompt';
import type { Say } from '../common/say';
import { isSmsTurn } from '../../src/bot/turnState';
import { recogniseChoice, type ChoiceSpec } from '../../src/services/conversation/choices';
import type { ViolationService } from '../../src/services/violations/service';
import type { Requester } from '../../src/services/violations/security';

export interface ViolationDialogDeps {
  say: Say;
  service: ViolationService;
}

export const IDS = {
  root: 'violations',
  verify: 'violations.verify',
  list: 'violations.list',
  detail: 'violations.detail',
  points: 'violations.points',
} as const;

const E164 = /^\+[1-9]\d{7,14}$/;

/** The person asking. Only an SMS channel vouches for a phone number (the sender's). */
export function requesterOf(ctx: TurnContext): Requester {
  const userId = ctx.activity.from?.id ?? 'unknown';
  const channel = ctx.activity.channelId ?? 'unknown';
  return isSmsTurn(ctx) && E164.test(userId) ? { channel, userId, phone: userId } : { channel, userId };
}

/**
 * Accepts the number of a choice, or words of its title (in either language, plus `extra`
 * synonyms by choice index); the recognised value becomes the 0-based index as text.
 */
export function choiceValidator(say: Say, extra: (ask: Ask) => Record<number, string[]> = () => ({})): PromptValidator<string> {
  return async (prompt) => {
    const ask = prompt.options.validations as Ask;
    const choices = ask.choices ?? [];
    const more = extra(ask);
    const specs: ChoiceSpec[] = choices.map((c: Phrase, i) => ({
      id: String(i),
      words: [
        ...('text' in c ? [c.text] : [say.i18n.t('zh-CN', c.key, c.vars), say.i18n.t('en', c.key, c.vars)]),
        ...(more[i] ?? []),
      ],
    }));
    const index = recogniseChoice(prompt.recognized.value ?? '', specs);
    if (index === undefined) return false;
    prompt.recognized.value = String(index);
    return true;
  };
}

const SHANGHAI_MS = 8 * 3_600_000;

/** "2026-10-03" and "08:15" of an instant, in Asia/Shanghai. */
export function shanghaiParts(instant: Date | string): { date: string; time: string; short: string } {
  const iso = new Date(new Date(instant).getTime() + SHANGHAI_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), short: iso.slice(5, 10) };
}

/** Cuts data text for SMS lists; the details show it whole. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The place without the city in front ("九江市 长江大道与浔阳路口" -> "长江大道与浔阳路口"). */
export function shortPlace(location: string): string {
  const parts = location.trim().split(/\s+/);
  return parts.length > 1 ? parts.slice(1).join(' ') : location;
}

/** Yuan with jiao/fen only when present: 138 -> "138", 1.5 -> "1.50". */
export function yuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}
