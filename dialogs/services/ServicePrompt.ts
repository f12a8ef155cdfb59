// The walkthrough's prompt: an AskPrompt whose lines may also be texts from the service data
// ({ "zh-CN", "en" } pairs, with {placeholders}). Everything is rendered when the prompt is
// shown, so a driver who switches language mid-walkthrough is asked again in the new language.
import type { TurnContext } from 'botbuilder';
import type { PromptOptions } from 'botbuilder-dialogs';
import type { LocalisedText } from '../../src/knowledge/services';
import { fillText } from '../../src/services/catalogue';
import { segmentCount } from '../../src/services/messaging/segments';
import { isSmsTurn, localeOf } from '../../src/bot/turnState';
import { AskPrompt, type Ask, type Phrase } from '../common/AskPrompt';
import type { Say } from '../common/say';
import { MAX_SEGMENTS, pack } from './shared';

/**
 * A locale key, a fixed text, a data text (both languages) with placeholder values, or a locale
 * key whose placeholders include data texts (`names`, picked in the language shown).
 */
export type Line =
  | Phrase
  | { data: LocalisedText; vars?: Record<string, string | number> }
  | { key: string; vars?: Record<string, string | number>; names: Record<string, LocalisedText> };

export interface ServiceAsk {
  /** What comes before the question (an answer, a note, why the last reply did not fit). */
  before?: Line[];
  /** The question and its hint. */
  lines: Line[];
  choices?: Line[];
  footer?: Line[];
  /** On SMS, list the choices on one line ("1.材料 2.费用 3.预约") to save segments. */
  inline?: boolean;
}

export function renderLine(say: Say, ctx: TurnContext, line: Line): string {
  if ('data' in line) return fillText(line.data, line.vars ?? {}, localeOf(ctx));
  if ('text' in line) return line.text;
  if ('names' in line) {
    const locale = localeOf(ctx);
    const names = Object.fromEntries(Object.entries(line.names).map(([k, v]) => [k, v[locale]]));
    return say.text(ctx, line.key, { ...line.vars, ...names });
  }
  return say.text(ctx, line.key, line.vars);
}

export function serviceAsk(ask: ServiceAsk): PromptOptions {
  return { validations: ask };
}

export class ServicePrompt extends AskPrompt {
  constructor(id: string, private readonly speaker: Say) {
    super(id, speaker);
  }

  /**
   * One message when everything fits in MAX_SEGMENTS; otherwise what comes before the question
   * goes first, in as few messages as fit, and the question follows on its own.
   */
  protected override async onPrompt(ctx: TurnContext, state: unknown, options: PromptOptions, isRetry: boolean): Promise<void> {
    const ask = options.validations as ServiceAsk;
    const render = (ls: Line[] | undefined) => (ls ?? []).map((l) => renderLine(this.speaker, ctx, l)).filter((t) => t.length > 0);
    const before = render(ask.before);
    const lines = render(ask.lines);
    const choices = render(ask.choices);
    const footer = render(ask.footer);
    const inline = ask.inline === true && isSmsTurn(ctx) && choices.length > 0;
    const numbered = choices.map((title, i) => this.speaker.text(ctx, 'common.choice.line', { n: i + 1, title }));
    const main = inline ? [...lines, numbered.join(' '), ...footer] : [...lines, ...numbered, ...footer];
    let head = before;
    if (before.length > 0 && segmentCount([...before, ...main].join('\n')) > MAX_SEGMENTS) {
      for (const text of pack(before)) await ctx.sendActivity(this.speaker.message(ctx, text));
      head = [];
    }
    if (inline) {
      await ctx.sendActivity(this.speaker.message(ctx, [...head, ...main].join('\n')));
      return;
    }
    const rendered: Ask = {
      question: { text: [...head, ...lines].join('\n') },
      choices: choices.map((text) => ({ text })),
      footer: footer.map((text) => ({ text })),
    };
    return super.onPrompt(ctx, state, { ...options, validations: rendered }, isRetry);
  }
}
