// Questions and answers. The driver asks in their own words; the dialog answers from the
// knowledge base in SMS-sized text, offers related questions as numbered choices, asks now and
// then whether the answer helped, and says plainly when it cannot answer (offering a person).
// A question that is really a request (查违法, 办换证, 转人工) ends the dialog with a route that
// the main dialog follows.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { FaqEntry } from '../../src/knowledge/faq';
import type { FaqService } from '../../src/services/faq/FaqService';
import type { Understanding } from '../../src/nlu';
import { recogniseAfterAnswer } from '../../src/services/faq/replies';
import { recognisePosition } from '../../src/services/conversation/choices';
import { localeOf } from '../../src/bot/turnState';
import { AskPrompt, askOptions, type Ask, type Phrase } from '../common/AskPrompt';
import type { Say } from '../common/say';
import type { Route } from '../types';

export const FAQ_DIALOG = 'faq';
const FLOW = 'faq.flow';
const INPUT = 'faq.input';

export interface FaqDialogOptions {
  /** A question to answer straight away. */
  text?: string;
  /** How the router understood `text` (so it is not understood twice in one turn). */
  understanding?: Understanding;
  /** An entry to show straight away. */
  entryId?: string;
  /** Internal: what to ask next, the numbered entries on offer, and the answer to rate. */
  ask?: Ask;
  offered?: string[];
  lastAnswer?: { id: string; question: string };
  answers?: number;
}

/** The result the main dialog acts on. */
export interface FaqDialogResult {
  route?: Route;
}

/** Feedback is asked after the first answer and then after every third. */
const FEEDBACK_EVERY = 3;

/** The guided walkthrough that helps with what an FAQ entry is about, if there is one. */
export interface Walkthrough {
  /** The service's name in the asked language. */
  name: string;
  route: Route;
}

/** Offered choices are FAQ ids, or a walkthrough marked with this prefix and its index. */
const WALK = 'walkthrough:';

export class FaqDialog extends ComponentDialog {
  constructor(
    private readonly say: Say,
    private readonly faq: FaqService,
    private readonly routeOf: (text: string, u: ReturnType<FaqService['understand']>) => Route | undefined,
    private readonly walkthroughOf: (entryId: string, locale: 'zh-CN' | 'en') => Walkthrough | undefined = () => undefined,
  ) {
    super(FAQ_DIALOG);
    this.addDialog(new AskPrompt(INPUT, say));
    this.addDialog(new WaterfallDialog(FLOW, [this.prompt.bind(this), this.handle.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async prompt(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FaqDialogOptions;
    (step.values as { options?: FaqDialogOptions }).options = options;
    if (options.entryId) return step.next({ entryId: options.entryId });
    if (options.text) return step.next(options.text);
    return step.prompt(INPUT, askOptions(options.ask ?? { question: { key: 'faq.ask' } }));
  }

  private async handle(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const locale = localeOf(ctx);
    const options = (step.values as { options?: FaqDialogOptions }).options ?? {};
    const answers = options.answers ?? 0;
    const channel = ctx.activity.channelId ?? 'unknown';

    if (typeof step.result === 'object' && step.result && 'entryId' in step.result) {
      const entry = this.faq.entry(locale, String((step.result as { entryId: string }).entryId));
      if (entry) return this.answerWith(step, entry, answers);
    }
    const text = typeof step.result === 'string' ? step.result : '';

    // A number picks one of the questions on offer.
    const position = options.offered?.length ? recognisePosition(text, options.offered.length) : undefined;
    if (position !== undefined && options.offered) {
      const id = options.offered[position - 1];
      if (id?.startsWith(WALK) && options.lastAnswer) {
        const walk = this.walkthroughOf(options.lastAnswer.id, locale);
        if (walk) return step.endDialog({ route: walk.route } satisfies FaqDialogResult);
      }
      const entry = id ? this.faq.entry(locale, id) : undefined;
      if (entry) return this.answerWith(step, entry, answers);
      return step.replaceDialog(FLOW, { ...options, text: undefined, entryId: undefined, ask: { ...(options.ask ?? { question: { key: 'faq.ask' } }), retry: { key: 'faq.pickAgain' } } });
    }

    // Feedback on, or more detail about, the last answer.
    const after = options.lastAnswer ? recogniseAfterAnswer(text) : undefined;
    if (after && options.lastAnswer) {
      const last = options.lastAnswer;
      if (after === 'more') {
        const entry = this.faq.entry(locale, last.id);
        await this.say.send(ctx, entry?.detail ? 'faq.detail' : 'faq.noDetail', { detail: entry?.detail ?? '' });
      } else {
        await this.faq.feedback(last.id, locale, after === 'helpful', channel, last.question);
        await this.say.send(ctx, after === 'helpful' ? 'faq.thanksFeedback' : 'faq.sorryFeedback');
      }
      return this.next(step, { ...options, lastAnswer: after === 'more' ? last : undefined });
    }

    const reply = this.faq.reply(text, locale, text === options.text ? options.understanding : undefined);
    switch (reply.kind) {
      case 'answer':
        return this.answerWith(step, reply.entry, answers, text);
      case 'clarify': {
        const ask: Ask = {
          question: { key: 'faq.clarify' },
          choices: reply.entries.map((e) => ({ text: e.question })),
          footer: [{ key: 'faq.clarifyFooter' }],
        };
        return step.replaceDialog(FLOW, { answers, ask, offered: reply.entries.map((e) => e.id) } satisfies FaqDialogOptions);
      }
      case 'route': {
        const route = this.routeOf(text, reply.understanding);
        if (route) return step.endDialog({ route } satisfies FaqDialogResult);
        break;
      }
      case 'unknown':
        break;
    }
    await this.faq.unanswered(text, locale, 'none', channel);
    await this.say.send(ctx, 'faq.unknown');
    return this.next(step, { answers });
  }

  private async answerWith(step: WaterfallStepContext, entry: FaqEntry, answers: number, asked?: string): Promise<DialogTurnResult> {
    const ctx = step.context;
    const locale = localeOf(ctx);
    const { followUps } = this.faq.answer(locale, entry);
    await ctx.sendActivity(this.say.message(ctx, entry.answer));
    const count = answers + 1;
    // The walkthrough for what the answer is about comes first: it is what a driver does next.
    const walk = this.walkthroughOf(entry.id, locale);
    const choices: Phrase[] = [
      ...(walk ? [{ key: 'faq.walkthrough', vars: { name: walk.name } }] : []),
      ...followUps.map((e) => ({ text: e.question })),
    ];
    const footer: Phrase[] = [
      ...(entry.detail ? [{ key: 'faq.moreHint' }] : []),
      { key: choices.length ? 'faq.followUpsFooter' : 'faq.nextFooter' },
      ...(count % FEEDBACK_EVERY === 1 ? [{ key: 'faq.feedbackQuestion' }] : []),
    ];
    const ask: Ask = choices.length
      ? { question: { key: followUps.length ? 'faq.followUps' : 'faq.walkthroughOnly' }, choices, footer }
      : { question: footer[0], footer: footer.slice(1) };
    return step.replaceDialog(FLOW, {
      answers: count,
      ask,
      offered: [...(walk ? [`${WALK}${walk.route.feature}`] : []), ...followUps.map((e) => e.id)],
      lastAnswer: { id: entry.id, question: asked ?? entry.question },
    } satisfies FaqDialogOptions);
  }

  private async next(step: WaterfallStepContext, options: FaqDialogOptions): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { ...options, text: undefined, entryId: undefined, ask: { question: { key: 'faq.nextFooter' } } });
  }
}
