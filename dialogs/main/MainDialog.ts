// The main menu and router. It greets, shows the numbered menu, recognises a choice by number,
// ordinal or words in a sentence, hands free text to the language router, and starts the
// feature's dialog. Features not built yet are announced honestly with the others offered.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import menuWords from '../../data/menu.json';
import { AskPrompt, askOptions } from '../common/AskPrompt';
import { recogniseChoice, recognisePosition, type ChoiceSpec } from '../../src/services/conversation/choices';
import { localeOf } from '../../src/bot/turnState';
import { MENU_FEATURES, type MainDialogDeps, type MenuFeature, type Route } from '../types';

export const MAIN_DIALOG = 'main';
const FLOW = 'main.flow';
const MENU_PROMPT = 'main.menuPrompt';

export interface MainDialogOptions {
  /** Greet before the menu (first contact). */
  greet?: boolean;
  /** The message that started the conversation: routed directly when it asks for something. */
  text?: string;
  /** Jump straight to a menu feature. */
  feature?: MenuFeature;
  /** Shown after a feature finished: "anything else?" instead of the welcome. */
  again?: boolean;
  /** The last input was not understood. */
  retry?: boolean;
  /** Go straight to where another feature routed the driver. */
  route?: Route;
}

interface FlowState {
  options: MainDialogOptions;
}

export class MainDialog extends ComponentDialog {
  private readonly choiceSpecs: ChoiceSpec[];

  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.choiceSpecs = MENU_FEATURES.map((feature) => ({
      id: feature,
      words: [
        ...(menuWords[feature] ?? []),
        deps.say.i18n.t('zh-CN', `main.menu.${feature}`),
        deps.say.i18n.t('en', `main.menu.${feature}`),
      ],
    }));
    this.addDialog(new AskPrompt(MENU_PROMPT, deps.say));
    for (const dialog of Object.values(deps.features)) if (dialog) this.addDialog(dialog);
    this.addDialog(
      new WaterfallDialog(FLOW, [this.showMenu.bind(this), this.route.bind(this), this.loop.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async showMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as MainDialogOptions;
    (step.values as FlowState).options = options;
    if (options.feature) return step.next(options.feature);
    if (options.route) return step.next(options.route);
    if (options.text) {
      const route = this.understand(options.text, step);
      if (route && route.feature !== 'greeting' && route.feature !== 'thanks') return step.next(route);
    }
    const intro = options.retry
      ? 'main.menu.notUnderstood'
      : options.again
        ? 'main.menu.again'
        : options.greet
          ? 'main.greeting'
          : 'main.menu.title';
    return step.prompt(
      MENU_PROMPT,
      askOptions({ question: { key: intro }, choices: MENU_FEATURES.map((f) => ({ key: `main.menu.${f}` })) }),
    );
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const picked = step.result as MenuFeature | Route | string | undefined;
    let route: Route | undefined;
    if (typeof picked === 'object' && picked) route = picked;
    else if (typeof picked === 'string' && (MENU_FEATURES as readonly string[]).includes(picked)) route = { feature: picked as MenuFeature };
    else if (typeof picked === 'string') route = this.understand(picked, step);

    if (!route) return step.replaceDialog(FLOW, { retry: true });
    if (route.feature === 'greeting') return step.replaceDialog(FLOW, { greet: true });
    if (route.feature === 'thanks') {
      await this.deps.say.send(ctx, 'main.thanks');
      return step.endDialog();
    }
    const dialog = this.deps.features[route.feature];
    if (!dialog) {
      await this.deps.say.send(ctx, `main.unavailable.${route.feature}`);
      return step.replaceDialog(FLOW, { again: true });
    }
    return step.beginDialog(dialog.id, route.options ?? {});
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // A feature that found the driver asking for something else hands over a route.
    const route = (step.result as { route?: Route } | undefined)?.route;
    if (route) return step.replaceDialog(FLOW, { route } satisfies MainDialogOptions);
    return step.replaceDialog(FLOW, { again: true });
  }

  /** A menu choice first (number, ordinal, words); otherwise the language router. */
  private understand(text: string, step: WaterfallStepContext): Route | undefined {
    if (recognisePosition(text, this.choiceSpecs.length) !== undefined) {
      const index = recogniseChoice(text, this.choiceSpecs);
      return index === undefined ? undefined : { feature: MENU_FEATURES[index] };
    }
    const index = recogniseChoice(text, this.choiceSpecs);
    const routed = this.deps.router?.route(text, localeOf(step.context));
    // A confident answer to a specific question beats a menu word inside it ("驾照到期怎么换").
    if (routed && (index === undefined || routed.feature === 'faq' || routed.feature === 'greeting')) return routed;
    if (index !== undefined) {
      const feature = MENU_FEATURES[index];
      // The sentence may carry what the feature needs ("查违章 赣G12345"); a bare topic word for
      // questions or a person does not.
      return feature === 'faq' || feature === 'agent' ? { feature } : { feature, options: { text } };
    }
    return routed;
  }
}
