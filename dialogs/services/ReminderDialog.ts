// "提醒我" after a conclusion with a deadline: asks for consent in so many words (what will be
// sent, when, and how to stop), then stores the reminders; "取消提醒" cancels them. Reminders go
// out by SMS only, to the number the driver is texting from.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { consentAnswer, dayList, daysLeft, kindKey, longDay, recogniseReminderCommand, type Deadline, type ReminderService } from '../../src/services/reminders';
import { normaliseInput } from '../../src/services/conversation/text';
import { localeOf } from '../../src/bot/turnState';
import { ServicePrompt, renderLine, serviceAsk, type Line } from './ServicePrompt';
import { REMINDER_DIALOG, requesterOf, type ServiceDialogDeps } from './shared';
import { looksLikeRequest } from './understand';
import type { AppointmentResult } from './AppointmentDialog';

const FLOW = 'services.reminder.flow';
const INPUT = 'services.reminder.input';

export type ReminderOptions = { mode: 'offer'; deadline?: Deadline } | { mode: 'cancel' };

interface FlowState {
  deadline: Deadline;
  lines?: Line[];
}

export class ReminderDialog extends ComponentDialog {
  constructor(private readonly deps: ServiceDialogDeps) {
    super(REMINDER_DIALOG);
    this.addDialog(new ServicePrompt(INPUT, deps.say));
    this.addDialog(new WaterfallDialog(FLOW, [this.enter.bind(this), this.handle.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async enter(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as ReminderOptions | { state: FlowState };
    if ('state' in options) {
      const ask = { before: options.state.lines ?? [], lines: [this.consentLine(step.context, options.state.deadline)], choices: [{ key: 'reminders.choice.yes' }, { key: 'reminders.choice.no' }] };
      return step.prompt(INPUT, serviceAsk(ask));
    }
    const service = this.usable(step.context);
    if (!service) return this.finish(step, 'reminders.needSms');
    const phone = requesterOf(step.context).phone!;
    if (options.mode === 'cancel') {
      const count = await service.cancelAll(phone);
      return this.finish(step, count > 0 ? 'reminders.cancelled' : 'reminders.noneToCancel', { count });
    }
    if (!options.deadline) return this.finish(step, 'reminders.noDeadline');
    if (service.plan(options.deadline).length === 0) return this.finish(step, 'reminders.tooClose', { days: daysLeft(options.deadline.date, this.deps.now()) });
    return this.prompt(step, { deadline: options.deadline });
  }

  private async handle(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const state = (step.options as { state: FlowState }).state;
    const text = normaliseInput(step.result);
    const answer = recogniseReminderCommand(text) === 'cancel' ? 'no' : consentAnswer(text);
    if (answer === 'no') return this.finish(step, 'reminders.declined');
    if (answer === undefined) {
      if (looksLikeRequest(text)) return step.endDialog({ route: { feature: 'faq', options: { text } } } satisfies AppointmentResult);
      return this.prompt(step, { ...state, lines: [{ key: 'reminders.consentRetry' }] });
    }
    const service = this.usable(ctx);
    if (!service) return this.finish(step, 'reminders.needSms');
    const who = requesterOf(ctx);
    const result = await service.schedule({
      phone: who.phone!,
      channel: who.channelId,
      locale: localeOf(ctx),
      deadline: state.deadline,
      consentText: renderLine(this.deps.say, ctx, this.consentLine(ctx, state.deadline)),
      source: `dialog:${state.deadline.serviceId}`,
    });
    if (!result.ok) {
      if (result.reason === 'channel') return this.finish(step, 'reminders.needSms');
      return this.finish(step, 'reminders.tooClose', { days: daysLeft(state.deadline.date, this.deps.now()) });
    }
    return this.finish(step, 'reminders.set', this.vars(ctx, state.deadline, result.reminders.map((r) => r.dueAt)));
  }

  /** The reminder service when this conversation can receive reminders (an SMS channel that sends, a phone). */
  private usable(ctx: TurnContext): ReminderService | undefined {
    const service = this.deps.reminders;
    const who = requesterOf(ctx);
    return service && who.phone && service.canSendOn(who.channelId) ? service : undefined;
  }

  private consentLine(ctx: TurnContext, deadline: Deadline): Line {
    const planned = this.deps.reminders?.plan(deadline) ?? [];
    return { key: 'reminders.consent', vars: this.vars(ctx, deadline, planned.map((p) => p.dueAt)) };
  }

  private vars(ctx: TurnContext, deadline: Deadline, dueAt: Date[]): Record<string, string> {
    const locale = localeOf(ctx);
    return {
      dates: dayList(dueAt, locale, this.deps.say.text(ctx, 'reminders.list.and')),
      what: this.deps.say.text(ctx, `reminders.what.${kindKey(deadline.kind)}`),
      date: longDay(deadline.date, locale),
    };
  }

  private prompt(step: WaterfallStepContext, state: FlowState): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { state });
  }

  private async finish(step: WaterfallStepContext, key: string, vars?: Record<string, string | number>): Promise<DialogTurnResult> {
    await this.deps.say.send(step.context, key, vars);
    return step.endDialog({ done: true } satisfies AppointmentResult);
  }
}
