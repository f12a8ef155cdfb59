// Licence and vehicle services, walked from data: one generic dialog, begun as 'licence' or
// 'vehicle' (the category decides the numbered list it offers). It recognises the service in the
// driver's words or lets them pick it, asks the service's questions one at a time (skipping what
// the driver's records already say), concludes, and then offers the service's facts page by page
// and a window appointment where a visit is needed; over SMS, a conclusion with a future deadline
// also offers a reminder ("提醒我", see ReminderDialog). Route options: { text?, serviceId? }.
// A new question mid-walkthrough ends the dialog with a route that the main dialog follows.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Section, ServiceCategory, ServiceDefinition } from '../../src/knowledge/services';
import { LOCALES } from '../../src/knowledge/faq';
import { answer, interpretText, nextStep, startWalkthrough, type AnswerInput, type Conclusion, type WalkthroughState } from '../../src/services/catalogue';
import { recogniseAppointmentCommand, type DriverRecords } from '../../src/services/appointments';
import { findDeadline, needsRecords, recogniseReminderCommand, type Deadline } from '../../src/services/reminders';
import { recogniseChoice, recognisePosition, type ChoiceSpec } from '../../src/services/conversation/choices';
import { normaliseInput } from '../../src/services/conversation/text';
import { parseDate } from '../../src/nlu/entities/date';
import { localeOf } from '../../src/bot/turnState';
import { AppointmentDialog, type AppointmentOptions, type AppointmentResult } from './AppointmentDialog';
import { ReminderDialog, type ReminderOptions } from './ReminderDialog';
import { ServicePrompt, renderLine, serviceAsk, type Line, type ServiceAsk } from './ServicePrompt';
import { hasContent, sectionPage } from './sections';
import { conclusionLines, personalLine } from './conclusion';
import { answerErrorLine, questionAsk } from './questions';
import { decideService, isAcknowledgement, isDontKnow, looksLikeRequest } from './understand';
import { APPOINTMENT_DIALOG, REMINDER_DIALOG, requesterOf, type ServiceDialogDeps } from './shared';
import type { Route } from '../types';
import dialogWords from '../../data/service-dialog-words.json';
import { displayDay } from '../../src/services/catalogue/dates';

export const LICENCE_DIALOG = 'licence';
export const VEHICLE_DIALOG = 'vehicle';
const FLOW = 'services.flow';
const INPUT = 'services.input';
const MENU_PAGE = 6;

/** What a numbered choice stands for. */
type Choice = `service:${string}` | `other:${string}` | Section | 'book' | 'next' | 'more' | 'mine' | 'list';

interface FlowState {
  stage: 'pick' | 'question' | 'after';
  choices: Choice[];
  /** Lines shown above the question this time (a note, the reason an answer did not fit). */
  lines?: Line[];
  menuPage?: number;
  clarify?: boolean;
  walk?: WalkthroughState;
  personal?: Omit<DriverRecords, 'facts'>;
  /** The section being paged through and where its next page starts. */
  page?: { section: Section; next: number };
  /** The conclusion's future deadline, and whether an SMS reminder of it is on offer. */
  deadline?: Deadline;
  remind?: boolean;
}

export interface ServiceDialogOptions {
  text?: string;
  serviceId?: string;
  state?: FlowState;
}

export interface ServiceDialogResult {
  route?: Route;
}

const SECTION_WORDS: Record<string, string[]> = dialogWords.sections;

export class ServiceDialog extends ComponentDialog {
  constructor(
    id: typeof LICENCE_DIALOG | typeof VEHICLE_DIALOG,
    private readonly category: ServiceCategory,
    private readonly deps: ServiceDialogDeps,
  ) {
    super(id);
    this.addDialog(new ServicePrompt(INPUT, deps.say));
    this.addDialog(new AppointmentDialog(deps));
    this.addDialog(new ReminderDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.enter.bind(this), this.handle.bind(this), this.resume.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async enter(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ServiceDialogOptions;
    if (options.state) return step.prompt(INPUT, serviceAsk(this.ask(options.state)));
    if (options.serviceId && this.deps.catalogue.byId.has(options.serviceId)) return this.startService(step, options.serviceId);
    if (options.text) return step.next(options.text);
    return this.menu(step, 0);
  }

  private async handle(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = ((step.options ?? {}) as ServiceDialogOptions).state;
    const text = normaliseInput(step.result);
    const command = recogniseAppointmentCommand(text);
    if (command && command.kind !== 'book') return this.appointment(step, state, { mode: command.kind, ref: 'ref' in command ? command.ref : undefined });
    const reminder = recogniseReminderCommand(text);
    if (reminder === 'cancel') return this.reminder(step, state, { mode: 'cancel' });
    if (reminder === 'remind' && (!state || state.stage === 'after')) return this.reminder(step, state, { mode: 'offer', deadline: state?.deadline });
    if (!state) return this.fromText(step, text, true);
    switch (state.stage) {
      case 'pick':
        return this.onPick(step, state, text);
      case 'question':
        return this.onAnswer(step, state, text);
      case 'after':
        return this.onAfter(step, state, text, command?.kind === 'book');
    }
  }

  /** Back from the appointment dialog: follow its route, finish, or show the menu we came from. */
  private async resume(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = (step.result ?? {}) as AppointmentResult;
    if (result.route) return step.endDialog({ route: result.route } satisfies ServiceDialogResult);
    const back = (step.values as { back?: FlowState }).back;
    // A walkthrough interrupted by "我的预约" carries on; after a conclusion, done means done.
    if (!back || (result.done && back.stage !== 'question')) return step.endDialog();
    return step.replaceDialog(FLOW, { state: { ...back, lines: undefined } } satisfies ServiceDialogOptions);
  }

  // ---- picking a service ------------------------------------------------------------------

  private menu(step: WaterfallStepContext, page: number, lines: Line[] = []): Promise<DialogTurnResult> {
    const services = this.deps.catalogue.services.filter((s) => s.category === this.category);
    const pages = Math.max(1, Math.ceil(services.length / MENU_PAGE));
    const p = ((page % pages) + pages) % pages;
    const choices: Choice[] = services.slice(p * MENU_PAGE, (p + 1) * MENU_PAGE).map((s) => `service:${s.id}` as const);
    if (pages > 1) choices.push('more');
    choices.push('mine');
    return step.replaceDialog(FLOW, { state: { stage: 'pick', choices, menuPage: p, lines } } satisfies ServiceDialogOptions);
  }

  private async fromText(step: WaterfallStepContext, text: string, initial: boolean): Promise<DialogTurnResult> {
    const decision = decideService(this.deps.catalogue, text, localeOf(step.context));
    if (decision.kind === 'start') return this.startService(step, decision.id);
    if (decision.kind === 'clarify') {
      const choices: Choice[] = [...decision.ids.map((id) => `service:${id}` as const), 'list'];
      return step.replaceDialog(FLOW, { state: { stage: 'pick', choices, clarify: true } } satisfies ServiceDialogOptions);
    }
    if (!initial && looksLikeRequest(text)) return this.leave(step, text);
    return this.menu(step, 0, text ? [{ key: 'services.pick.notFound' }] : []);
  }

  private async onPick(step: WaterfallStepContext, state: FlowState, text: string): Promise<DialogTurnResult> {
    const position = recognisePosition(text, state.choices.length);
    if (position !== undefined) {
      const choice = state.choices[position - 1];
      if (!choice) return this.retry(step, state, [{ key: 'services.pick.retry', vars: { max: state.choices.length } }]);
      if (choice === 'more') return this.menu(step, (state.menuPage ?? 0) + 1);
      if (choice === 'list') return this.menu(step, 0);
      if (choice === 'mine') return this.appointment(step, state, { mode: 'list' });
      if (choice.startsWith('service:')) return this.startService(step, choice.slice('service:'.length));
    }
    return this.fromText(step, text, false);
  }

  // ---- the walkthrough --------------------------------------------------------------------

  private async startService(step: WaterfallStepContext, serviceId: string, lines: Line[] = []): Promise<DialogTurnResult> {
    const service = this.service(serviceId);
    const who = requesterOf(step.context);
    const records = who.phone ? await this.deps.records.knownFacts(who.phone) : { facts: {} };
    const walk = startWalkthrough(service, records.facts);
    const personal = { licence: records.licence, vehicle: records.vehicle };
    return this.advance(step, walk, personal, [...lines, { key: 'services.walk.intro', names: { name: service.name } }]);
  }

  private async advance(step: WaterfallStepContext, walk: WalkthroughState, personal: FlowState['personal'], lines: Line[]): Promise<DialogTurnResult> {
    const service = this.service(walk.serviceId);
    const next = nextStep(service, walk, this.deps.now());
    if (next.type === 'question') {
      return step.replaceDialog(FLOW, { state: { stage: 'question', choices: [], walk, personal, lines } } satisfies ServiceDialogOptions);
    }
    return this.conclude(step, service, walk, personal, next.conclusion, lines);
  }

  private async onAnswer(step: WaterfallStepContext, state: FlowState, text: string): Promise<DialogTurnResult> {
    const ctx = step.context;
    const walk = state.walk!;
    const service = this.service(walk.serviceId);
    const now = this.deps.now();
    const next = nextStep(service, walk, now);
    if (next.type !== 'question') return this.advance(step, walk, state.personal, []);
    const q = next.question;
    const notes: Line[] = [];
    let input: AnswerInput | undefined;
    if (q.type === 'date') {
      const parsed = parseDate(text, now);
      if (parsed?.precision === 'year') return this.retry(step, state, [{ key: 'services.answer.datePrecision' }]);
      if (parsed) {
        input = { kind: 'date', date: parsed.date };
        if (parsed.precision === 'month') notes.push({ key: 'services.answer.monthOnly', vars: { date: displayDay(parsed.date, localeOf(ctx)) } });
      }
    } else {
      input = interpretText(q, text, localeOf(ctx)) ?? LOCALES.map((l) => interpretText(q, text, l)).find((i) => i !== undefined);
    }
    if (!input) {
      if (isDontKnow(text)) return this.retry(step, state, [{ key: q.hint ? 'services.answer.dontKnowHint' : 'services.answer.dontKnow' }]);
      const decision = decideService(this.deps.catalogue, text, localeOf(ctx), { strict: true });
      if (decision.kind === 'start' && decision.id !== service.id) {
        return this.startService(step, decision.id, [{ key: 'services.walk.switched', names: { name: this.service(decision.id).name } }]);
      }
      if (looksLikeRequest(text)) return this.leave(step, text);
      return this.retry(step, state, [answerErrorLine(q, 'wrong-kind')]);
    }
    const result = answer(service, walk, input, now);
    if (!result.ok) return this.retry(step, state, [answerErrorLine(q, result.error)]);
    return this.advance(step, result.state, state.personal, notes);
  }

  private async conclude(
    step: WaterfallStepContext,
    service: ServiceDefinition,
    walk: WalkthroughState,
    personal: FlowState['personal'],
    conclusion: Conclusion,
    lines: Line[],
  ): Promise<DialogTurnResult> {
    const said = walk.prefilled.length > 0 ? personalLine(service, personal, this.deps.now(), localeOf(step.context)) : undefined;
    // With no question asked, the conclusion opens with the service's name instead of the intro.
    const before = lines.map((l) => ('key' in l && l.key === 'services.walk.intro' ? { ...l, key: 'services.walk.title' } : l));
    const shown: Line[] = [...before, ...(said ? [said] : []), ...conclusionLines(conclusion)];
    const choices: Choice[] = conclusion.show.filter((s) => hasContent(service, s));
    if (conclusion.serviceId && this.deps.catalogue.byId.has(conclusion.serviceId)) choices.unshift(`other:${conclusion.serviceId}`);
    if (await this.bookable(service, conclusion)) choices.push('book');
    if (choices.length === 0) {
      for (const line of shown) await step.context.sendActivity(this.deps.say.message(step.context, renderLine(this.deps.say, step.context, line)));
      return step.endDialog();
    }
    const deadline = await this.deadline(step, service, walk, conclusion);
    const state: FlowState = { stage: 'after', choices, walk, personal, lines: shown, deadline, remind: deadline !== undefined && this.canRemind(step, deadline) };
    return step.replaceDialog(FLOW, { state } satisfies ServiceDialogOptions);
  }

  /** The future deadline of a conclusion (licence expiry, inspection due, medical proof), if reminders exist. */
  private async deadline(step: WaterfallStepContext, service: ServiceDefinition, walk: WalkthroughState, conclusion: Conclusion): Promise<Deadline | undefined> {
    if (!this.deps.reminders) return undefined;
    const phone = requesterOf(step.context).phone;
    const records = phone && needsRecords(service.id, conclusion.outcomeId) ? (await this.deps.records.knownFacts(phone)).facts : undefined;
    const input = { serviceId: service.id, outcomeId: conclusion.outcomeId, questions: service.questions, answers: walk.answers, records };
    return findDeadline(input, this.deps.now());
  }

  /** A reminder is offered over an SMS channel that sends, to a known phone, when one is still ahead. */
  private canRemind(step: WaterfallStepContext, deadline: Deadline): boolean {
    const who = requesterOf(step.context);
    const reminders = this.deps.reminders;
    return reminders !== undefined && who.phone !== undefined && reminders.canSendOn(who.channelId) && reminders.plan(deadline).length > 0;
  }

  /** A window visit is on offer when the outcome sends the driver there or the service may need one. */
  private async bookable(service: ServiceDefinition, conclusion: Conclusion): Promise<boolean> {
    const visit = conclusion.kind === 'window' || (conclusion.kind === 'eligible' && service.window.needed !== 'no');
    return visit && (await this.deps.appointments.officesFor(service)).length > 0;
  }

  // ---- after the conclusion ---------------------------------------------------------------

  private async onAfter(step: WaterfallStepContext, state: FlowState, text: string, book: boolean): Promise<DialogTurnResult> {
    const ctx = step.context;
    const service = this.service(state.walk!.serviceId);
    const choice = book && state.choices.includes('book') ? 'book' : this.afterChoice(state, text);
    const position = recognisePosition(text, state.choices.length);
    if (choice === undefined && position !== undefined) {
      return this.retry(step, { ...state, lines: undefined }, [{ key: 'services.pick.retry', vars: { max: state.choices.length } }]);
    }
    if (choice === undefined) {
      if (isAcknowledgement(text)) return step.endDialog();
      return this.fromTextAfter(step, text);
    }
    if (choice === 'book') return this.appointment(step, state, { mode: 'book', serviceId: service.id });
    if (choice.startsWith('other:')) return this.startService(step, choice.slice('other:'.length));
    const section = (choice === 'next' ? state.page?.section : choice) as Section | undefined;
    if (!section) return this.retry(step, state, []);
    const page = sectionPage(this.deps.say, ctx, service, section, choice === 'next' ? (state.page?.next ?? 0) : 0);
    const choices: Choice[] = state.choices.filter((c) => c !== 'next');
    if (page.next !== undefined) choices.push('next');
    const next: FlowState = { ...state, choices, lines: [{ text: page.text }], page: page.next !== undefined ? { section, next: page.next } : undefined };
    return step.replaceDialog(FLOW, { state: next } satisfies ServiceDialogOptions);
  }

  private afterChoice(state: FlowState, text: string): Choice | undefined {
    const position = recognisePosition(text, state.choices.length);
    if (position !== undefined) return state.choices[position - 1];
    const specs: ChoiceSpec[] = state.choices.map((c) => ({ id: c, words: SECTION_WORDS[c] ?? [] }));
    const index = recogniseChoice(text, specs);
    return index === undefined ? undefined : state.choices[index];
  }

  private async fromTextAfter(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
    const decision = decideService(this.deps.catalogue, text, localeOf(step.context));
    if (decision.kind === 'none') return this.leave(step, text);
    return this.fromText(step, text, false);
  }

  // ---- shared -----------------------------------------------------------------------------

  private ask(state: FlowState): ServiceAsk {
    const before = state.lines ?? [];
    const choices = state.choices.map((c) => this.choiceLine(c));
    switch (state.stage) {
      case 'pick':
        return {
          before,
          lines: [{ key: state.clarify ? 'services.pick.didYouMean' : `services.pick.${this.category}` }],
          choices,
          footer: state.clarify ? [] : [{ key: 'services.pick.footer' }],
        };
      case 'question': {
        const walk = state.walk!;
        const next = nextStep(this.service(walk.serviceId), walk, this.deps.now());
        if (next.type !== 'question') return { before, lines: [{ key: 'services.after.question' }] };
        return { before, ...questionAsk(next.question) };
      }
      case 'after':
        return {
          before,
          lines: [{ key: 'services.after.question' }],
          choices,
          footer: [{ key: 'services.after.footer' }, ...(state.remind ? [{ key: 'reminders.offer' }] : [])],
          inline: true,
        };
    }
  }

  private choiceLine(choice: Choice): Line {
    if (choice.startsWith('service:') || choice.startsWith('other:')) {
      const id = choice.slice(choice.indexOf(':') + 1);
      return { data: this.service(id).name };
    }
    return { key: `services.choice.${choice}` };
  }

  private retry(step: WaterfallStepContext, state: FlowState, lines: Line[]): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { state: { ...state, lines } } satisfies ServiceDialogOptions);
  }

  /** The driver asked something else: hand it to the question-answering feature, which routes on. */
  private leave(step: WaterfallStepContext, text: string): Promise<DialogTurnResult> {
    return step.endDialog({ route: { feature: 'faq', options: { text } } } satisfies ServiceDialogResult);
  }

  private appointment(step: WaterfallStepContext, state: FlowState | undefined, options: AppointmentOptions): Promise<DialogTurnResult> {
    (step.values as { back?: FlowState }).back = state;
    return step.beginDialog(APPOINTMENT_DIALOG, options);
  }

  private reminder(step: WaterfallStepContext, state: FlowState | undefined, options: ReminderOptions): Promise<DialogTurnResult> {
    (step.values as { back?: FlowState }).back = state;
    return step.beginDialog(REMINDER_DIALOG, options);
  }

  private service(id: string): ServiceDefinition {
    const service = this.deps.catalogue.byId.get(id);
    if (!service) throw new Error(`unknown service ${id}`);
    return service;
  }
}

