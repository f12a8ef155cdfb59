// A text prompt that stores what to say as locale keys, not as rendered text, and renders it at
// the moment it is shown. A driver who switches language mid-dialog gets the question again in
// the new language; a retry can say why the last answer did not fit.
import type { TurnContext } from 'botbuilder';
import { TextPrompt, type PromptOptions, type PromptValidator } from 'botbuilder-dialogs';
import type { Vars } from '../../src/i18n';
import type { Say } from './say';

/** A sentence from locales/ (rendered in the current language), or a text taken from data. */
export type Phrase = { key: string; vars?: Vars } | { text: string };

function render(say: Say, ctx: TurnContext, phrase: Phrase): string {
  return 'text' in phrase ? phrase.text : say.text(ctx, phrase.key, phrase.vars);
}

export interface Ask {
  /** The question (or the intro line above the choices). */
  question: Phrase;
  /** Numbered choices shown below the question. */
  choices?: Phrase[];
  /** Lines below the choices (how to answer, a feedback question). */
  footer?: Phrase[];
  /** Said instead of the question when the last answer did not fit. */
  retry?: Phrase;
}

export function askOptions(ask: Ask): PromptOptions {
  return { validations: ask };
}

export class AskPrompt extends TextPrompt {
  constructor(id: string, private readonly say: Say, validator?: PromptValidator<string>) {
    super(id, validator);
  }

  protected override async onPrompt(ctx: TurnContext, _state: unknown, options: PromptOptions, isRetry: boolean): Promise<void> {
    const ask = options.validations as Ask | undefined;
    if (!ask) return super.onPrompt(ctx, _state, options, isRetry);
    const phrase = isRetry && ask.retry ? ask.retry : ask.question;
    const question = render(this.say, ctx, phrase);
    if (ask.choices?.length) {
      const titles = ask.choices.map((c) => render(this.say, ctx, c));
      const footer = (ask.footer ?? []).map((f) => render(this.say, ctx, f));
      await ctx.sendActivity(this.say.choices(ctx, question, titles, footer));
    } else {
      const lines = [question, ...(ask.footer ?? []).map((f) => render(this.say, ctx, f))];
      await ctx.sendActivity(this.say.message(ctx, lines.join('\n')));
    }
  }
}
