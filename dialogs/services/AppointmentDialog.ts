// Window appointments: book a visit (office, then one of the next free slots, or a day the driver
// names), and cancel or move one by its reference ("取消预约 AB23CD", "改约 AB23CD") or from
// "我的预约". A slot that filled up meanwhile offers the next free ones. The confirmation is
// part of the reply; over SMS the appointment service's notifier also queues it as a notice.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { recogniseAppointmentCommand, type Appointment, type SlotView } from '../../src/services/appointments';
import { recognisePosition } from '../../src/services/conversation/choices';
import { normaliseInput } from '../../src/services/conversation/text';
import { parseDate } from '../../src/nlu/entities/date';
import { localeOf } from '../../src/bot/turnState';
import { ServicePrompt, serviceAsk, type Line } from './ServicePrompt';
import { APPOINTMENT_DIALOG, requesterOf, slotLabel, type ServiceDialogDeps } from './shared';
import { isAcknowledgement, looksLikeRequest } from './understand';
import type { Route } from '../types';

const FLOW = 'services.appointment.flow';
const INPUT = 'services.appointment.input';

export type AppointmentOptions =
  | { mode: 'book'; serviceId: string }
  | { mode: 'cancel' | 'reschedule'; ref?: string }
  | { mode: 'list' };

export interface AppointmentResult {
  route?: Route;
  /** The driver finished here (booked, cancelled, moved, or was told why not). */
  done?: boolean;
}

interface FlowState {
  stage: 'office' | 'slot' | 'pick' | 'action' | 'confirmCancel';
  mode: 'book' | 'cancel' | 'reschedule' | 'list';
  serviceId?: string;
  ref?: string;
  officeId?: string;
  /** What the numbered choices stand for: office ids, slot ids, refs, or actions. */
  choices: string[];
  /** The last slot offered, to page on from. */
  last?: { date: string; time: string };
  lines?: Line[];
}

export class AppointmentDialog extends ComponentDialog {
  constructor(private readonly deps: ServiceDialogDeps) {
    super(APPOINTMENT_DIALOG);
    this.addDialog(new ServicePrompt(INPUT, deps.say));
    this.addDialog(new WaterfallDialog(FLOW, [this.enter.bind(this), this.handle.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async enter(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as AppointmentOptions | { state: FlowState };
    if ('state' in options) return this.ask(step, options.state);
    return this.start(step, options);
  }

  private async start(step: WaterfallStepContext, options: AppointmentOptions): Promise<DialogTurnResult> {
    const ctx = step.context;
    const who = requesterOf(ctx);
    const { appointments } = this.deps;
    if (options.mode === 'book') {
      const service = this.deps.catalogue.byId.get(options.serviceId);
      const offices = service ? await appointments.officesFor(service) : [];
      if (offices.length === 0) return this.finish(step, 'services.appt.noOffice');
      const state: FlowState = { stage: 'office', mode: 'book', serviceId: options.serviceId, choices: offices.map((o) => o.id) };
      return offices.length === 1 ? this.offerSlots(step, { ...state, officeId: offices[0]!.id }) : this.prompt(step, state);
    }
    if ((options.mode === 'cancel' || options.mode === 'reschedule') && options.ref) return this.withRef(step, options.mode, options.ref);
    const upcoming = await appointments.upcoming(who);
    if (upcoming.length === 0) return this.finish(step, 'services.appt.none');
    if (upcoming.length === 1 && options.mode !== 'list') return this.withRef(step, options.mode, upcoming[0]!.ref);
    const lines: Line[] = upcoming.length > 3 ? [{ key: 'services.appt.listMore', vars: { count: upcoming.length } }] : [];
    return this.prompt(step, { stage: 'pick', mode: options.mode, choices: upcoming.slice(0, 3).map((a) => a.ref), lines });
  }

  /** Cancel or move one appointment of the driver's, after checking it may be changed. */
  private async withRef(step: WaterfallStepContext, mode: 'cancel' | 'reschedule', ref: string): Promise<DialogTurnResult> {
    const who = requesterOf(step.context);
    const { appointments } = this.deps;
    const checked = mode === 'cancel' ? await appointments.checkCancel(who, ref) : await appointments.checkReschedule(who, ref);
    if (!checked.ok) return this.finish(step, checked.reason === 'not-found' ? 'services.appt.notFound' : `services.appt.refused.${checked.reason}`, { ref });
    if (mode === 'cancel') {
      const lines: Line[] = [{ text: await this.short(step.context, checked.appointment) }];
      return this.prompt(step, { stage: 'confirmCancel', mode, ref, choices: ['yes', 'no'], lines });
    }
    return this.offerSlots(step, { stage: 'slot', mode, ref, officeId: checked.appointment.officeId, serviceId: checked.appointment.serviceId, choices: [] });
  }

  private async offerSlots(step: WaterfallStepContext, state: FlowState, from: { fromDate?: string; after?: { date: string; time: string } } = {}, lines: Line[] = []): Promise<DialogTurnResult> {
    const slots = await this.deps.appointments.freeSlots(state.officeId!, from);
    if (slots.length === 0) {
      if (from.fromDate || from.after) return this.prompt(step, { ...state, lines: [{ key: 'services.appt.noMoreSlots' }] });
      return this.finish(step, 'services.appt.noSlots');
    }
    return this.prompt(step, { ...state, stage: 'slot', choices: [...slots.map((s) => s.id), 'later'], last: slots[slots.length - 1], lines });
  }

  /** Shows the state's question: the flow restarts with it, so that the answer comes to handle(). */
  private prompt(step: WaterfallStepContext, state: FlowState): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { state });
  }

  private async ask(step: WaterfallStepContext, state: FlowState): Promise<DialogTurnResult> {
    const ctx = step.context;
    const lines = state.lines ?? [];
    switch (state.stage) {
      case 'office': {
        const offices = await this.deps.appointments.offices();
        const names = state.choices.map((id) => offices.find((o) => o.id === id)!);
        return step.prompt(INPUT, serviceAsk({ before: lines, lines: [{ key: 'services.appt.pickOffice' }], choices: names.map((o) => ({ data: o.name })) }));
      }
      case 'slot': {
        const office = await this.deps.appointments.office(state.officeId!);
        const choices: Line[] = state.choices.map((id) => (id === 'later' ? { key: 'services.appt.later' } : { text: slotLabel(this.deps.say, ctx, slotOf(id)) }));
        const question: Line = { key: 'services.appt.pickSlot', names: { office: office!.name } };
        return step.prompt(INPUT, serviceAsk({ before: lines, lines: [question], choices, footer: [{ key: 'services.appt.pickSlotFooter' }] }));
      }
      case 'pick': {
        const who = requesterOf(ctx);
        const mine = await this.deps.appointments.upcoming(who);
        const choices = state.choices.map((ref) => mine.find((a) => a.ref === ref)).filter((a): a is Appointment => a !== undefined);
        const labels: Line[] = await Promise.all(choices.map(async (a) => ({ text: await this.short(ctx, a) })));
        return step.prompt(INPUT, serviceAsk({ before: lines, lines: [{ key: `services.appt.pick.${state.mode}` }], choices: labels }));
      }
      case 'action':
        return step.prompt(INPUT, serviceAsk({ before: lines, lines: [{ key: 'services.appt.action', vars: { ref: state.ref! } }], choices: [{ key: 'services.appt.reschedule' }, { key: 'services.appt.cancel' }] }));
      case 'confirmCancel':
        return step.prompt(INPUT, serviceAsk({ before: lines, lines: [{ key: 'services.appt.confirmCancel' }], choices: [{ key: 'services.appt.yesCancel' }, { key: 'services.appt.keep' }] }));
    }
  }

  private async handle(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = (step.options as { state: FlowState }).state;
    const text = normaliseInput(step.result);
    const command = recogniseAppointmentCommand(text);
    if (command && command.kind !== 'book') return this.restart(step, { mode: command.kind, ...('ref' in command && command.ref ? { ref: command.ref } : {}) } as AppointmentOptions);
    const position = recognisePosition(text, state.choices.length);
    const choice = position === undefined ? undefined : state.choices[position - 1];
    if (choice === undefined) return this.notAChoice(step, state, text, position !== undefined);
    switch (state.stage) {
      case 'office':
        return this.offerSlots(step, { ...state, officeId: choice });
      case 'slot':
        if (choice === 'later') return this.offerSlots(step, state, { after: state.last });
        return this.take(step, state, choice);
      case 'pick':
        if (state.mode === 'list') return this.prompt(step, { ...state, stage: 'action', ref: choice, choices: ['reschedule', 'cancel'], lines: [] });
        return this.withRef(step, state.mode === 'cancel' ? 'cancel' : 'reschedule', choice);
      case 'action':
        return this.withRef(step, choice === 'cancel' ? 'cancel' : 'reschedule', state.ref!);
      case 'confirmCancel': {
        if (choice === 'no') return this.finish(step, 'services.appt.kept', { ref: state.ref! });
        const result = await this.deps.appointments.cancel(requesterOf(step.context), state.ref!);
        if (result.ok) return this.finish(step, 'services.appt.cancelled', { ref: state.ref! });
        return this.finish(step, result.reason === 'not-found' ? 'services.appt.notFound' : `services.appt.refused.${result.reason === 'full' ? 'not-active' : result.reason}`, { ref: state.ref! });
      }
    }
  }

  /** Books (or moves to) the chosen slot; a slot that filled up meanwhile offers the next ones. */
  private async take(step: WaterfallStepContext, state: FlowState, slotId: string): Promise<DialogTurnResult> {
    const ctx = step.context;
    const who = requesterOf(ctx);
    const { appointments } = this.deps;
    const result = state.mode === 'book' ? await appointments.book(who, state.serviceId!, slotId) : await appointments.reschedule(who, state.ref!, slotId);
    if (result.ok) {
      const key = state.mode === 'book' ? 'services.appt.booked' : 'services.appt.moved';
      await ctx.sendActivity(this.deps.say.message(ctx, await this.confirmation(ctx, key, result.appointment)));
      return step.endDialog({ done: true } satisfies AppointmentResult);
    }
    switch (result.reason) {
      case 'full':
        if (result.alternatives.length === 0) return this.finish(step, 'services.appt.noSlots');
        return this.prompt(step, { ...state, stage: 'slot', choices: [...result.alternatives.map((s: SlotView) => s.id), 'later'], last: result.alternatives[result.alternatives.length - 1], lines: [{ key: 'services.appt.full' }] });
      case 'already-booked':
        return this.finish(step, 'services.appt.already', { ref: result.existing });
      case 'too-many':
        return this.finish(step, 'services.appt.tooMany');
      case 'not-found':
        return this.finish(step, 'services.appt.notFound', { ref: state.ref ?? '' });
      case 'unknown-slot':
        return this.offerSlots(step, state, {}, [{ key: 'services.appt.slotGone' }]);
      default:
        return this.finish(step, `services.appt.refused.${result.reason}`, { ref: state.ref ?? '' });
    }
  }

  private async notAChoice(step: WaterfallStepContext, state: FlowState, text: string, wasNumber: boolean): Promise<DialogTurnResult> {
    if (state.stage === 'slot' && !wasNumber) {
      const day = parseDate(text, this.deps.now());
      if (day) return this.offerSlots(step, state, { fromDate: day.date });
    }
    if (!wasNumber && isAcknowledgement(text)) return step.endDialog({ done: true } satisfies AppointmentResult);
    if (!wasNumber && looksLikeRequest(text)) return step.endDialog({ route: { feature: 'faq', options: { text } } } satisfies AppointmentResult);
    return this.prompt(step, { ...state, lines: [{ key: 'services.appt.retry', vars: { max: state.choices.length } }] });
  }

  private restart(step: WaterfallStepContext, options: AppointmentOptions): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, options);
  }

  private async finish(step: WaterfallStepContext, key: string, vars?: Record<string, string | number>): Promise<DialogTurnResult> {
    await this.deps.say.send(step.context, key, vars);
    return step.endDialog({ done: true } satisfies AppointmentResult);
  }

  private async confirmation(ctx: TurnContext, key: string, a: Appointment): Promise<string> {
    const office = await this.deps.appointments.office(a.officeId);
    const service = this.deps.catalogue.byId.get(a.serviceId);
    const locale = localeOf(ctx);
    return this.deps.say.text(ctx, key, {
      ref: a.ref,
      slot: slotLabel(this.deps.say, ctx, a),
      office: office?.name[locale] ?? a.officeId,
      address: office?.address[locale] ?? '',
      service: service?.name[locale] ?? a.serviceId,
    });
  }

  /** "AB23CD 12月1日 周二 09:00 九江市车管所（演示）" */
  private async short(ctx: TurnContext, a: Appointment): Promise<string> {
    const office = await this.deps.appointments.office(a.officeId);
    const locale = localeOf(ctx);
    return this.deps.say.text(ctx, 'services.appt.short', { ref: a.ref, slot: slotLabel(this.deps.say, ctx, a), office: office?.name[locale] ?? a.officeId });
  }
}

/** A slot id is "<office>|<date>|<time>". */
function slotOf(id: string): { date: string; time: string } {
  const [, date = '', time = ''] = id.split('|');
  return { date, time };
}
