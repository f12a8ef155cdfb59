// How dialogs speak: every sentence comes from locales/ through the translator, in the turn's
// locale, with the SMS variant on SMS channels. Choices are always numbered in the text, so
// they read the same on a feature phone; chat channels that can show buttons get them too.
import { ActivityTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { supportsSuggestedActions } from 'botbuilder-dialogs';
import type { Translator, Vars } from '../../src/i18n';
import { isSmsTurn, localeOf } from '../../src/bot/turnState';

export class Say {
  constructor(readonly i18n: Translator) {}

  text(ctx: TurnContext, key: string, vars?: Vars): string {
    return this.i18n.t(localeOf(ctx), key, vars, { sms: isSmsTurn(ctx) });
  }

  async send(ctx: TurnContext, key: string, vars?: Vars): Promise<void> {
    await ctx.sendActivity(this.message(ctx, this.text(ctx, key, vars)));
  }

  message(ctx: TurnContext, text: string): Partial<Activity> {
    return { type: ActivityTypes.Message, text, locale: ctx.activity.locale };
  }

  /** A question followed by numbered choices and optional footer lines: "问题\n1.甲\n2.乙\n回复数字". */
  choices(ctx: TurnContext, question: string, titles: string[], footer: string[] = []): Partial<Activity> {
    const lines = titles.map((title, i) => this.text(ctx, 'common.choice.line', { n: i + 1, title }));
    const text = [question, ...lines, ...footer].join('\n');
    if (!isSmsTurn(ctx) && supportsSuggestedActions(ctx.activity.channelId, titles.length)) {
      const activity = MessageFactory.suggestedActions(
        titles.map((title, i) => ({ type: 'imBack', title: `${i + 1}. ${title}`, value: String(i + 1) })),
        text,
      );
      activity.locale = ctx.activity.locale;
      return activity;
    }
    return this.message(ctx, text);
  }
}
