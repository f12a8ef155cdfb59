// One violation in full: when and where, what, fine and points, whether it can be processed
// online (and why not), then on request how to process and pay on the 12123 app with the
// deadline and the late fee so far, and how to object or appeal.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AskPrompt, askOptions } from '../common/AskPrompt';
import type { VehicleRef, ViolationItem } from '../../src/services/violations/provider';
import type { Assessment } from '../../src/services/violations/service';
import { IDS, choiceValidator, shanghaiParts, yuan, type ViolationDialogDeps } from './shared';
import words from '../../data/violations-words.json';

export interface DetailOptions {
  vehicle: VehicleRef;
  id: string;
  /** The record was shown already: only ask what next. */
  shown?: boolean;
}

const FLOW = 'violations.detail.flow';
const NEXT_PROMPT = 'violations.detail.prompt';
const NEXT = ['howTo', 'objection', 'back'] as const;
const NEXT_WORDS: Record<number, string[]> = Object.fromEntries(NEXT.map((n, i) => [i, words.detailNext[n]]));
/** Reasons that describe the record's own status are said by the status line already. */
const STATUS_REASONS = new Set(['alreadyProcessed', 'alreadyPaid']);

export class ViolationDetailDialog extends ComponentDialog {
  constructor(private readonly deps: ViolationDialogDeps) {
    super(IDS.detail);
    this.addDialog(new AskPrompt(NEXT_PROMPT, deps.say, choiceValidator(deps.say, () => NEXT_WORDS)));
    this.addDialog(new WaterfallDialog(FLOW, [this.show.bind(this), this.act.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async load(options: DetailOptions): Promise<{ item: ViolationItem; assessment: Assessment } | undefined> {
    const overview = await this.deps.service.vehicleOverview(options.vehicle);
    const item = overview.items.find((i) => i.id === options.id);
    return item && { item, assessment: this.deps.service.assess(item, overview.licencePoints) };
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as DetailOptions;
    const found = await this.load(options);
    if (!found) {
      await this.deps.say.send(step.context, 'violations.detail.gone');
      return step.endDialog();
    }
    if (!options.shown) await this.send(step.context, this.details(step.context, found.item, found.assessment));
    return step.prompt(
      NEXT_PROMPT,
      askOptions({
        question: { key: 'violations.detail.next' },
        choices: NEXT.map((n) => ({ key: `violations.detail.next.${n}` })),
      }),
    );
  }

  private async act(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as DetailOptions;
    const choice = NEXT[Number(step.result)];
    if (choice === 'back' || choice === undefined) return step.endDialog();
    const found = await this.load(options);
    if (!found) {
      await this.deps.say.send(step.context, 'violations.detail.gone');
      return step.endDialog();
    }
    const lines = choice === 'howTo' ? this.howTo(step.context, found.item, found.assessment) : this.objection(step.context, found.item);
    await this.send(step.context, lines);
    return step.replaceDialog(FLOW, { ...options, shown: true } satisfies DetailOptions);
  }

  private async send(ctx: TurnContext, lines: string[]): Promise<void> {
    await ctx.sendActivity(this.deps.say.message(ctx, lines.join('\n')));
  }

  private details(ctx: TurnContext, item: ViolationItem, { eligibility, fee }: Assessment): string[] {
    const t = (key: string, vars?: Record<string, string | number>) => this.deps.say.text(ctx, key, vars);
    const { date, time } = shanghaiParts(item.occurredAt);
    const lines = [
      t('violations.detail.when', { date, time, place: item.location }),
      t('violations.detail.what', { behaviour: item.description, code: item.code }),
      t('violations.detail.penalty', {
        fine: item.fineYuan,
        points: item.points,
        source: t(`violations.source.${item.source}`),
        status: t(`violations.status.${item.status}`),
      }),
    ];
    if (item.status === 'unprocessed') {
      const reasons = eligibility.ok ? [] : eligibility.reasons.filter((r) => !STATUS_REASONS.has(r));
      // Each reason is a whole sentence saying it cannot be processed online and why.
      lines.push(reasons.length === 0 ? t('violations.detail.online') : reasons.map((r) => t(`violations-rules.reason.${r}`)).join(''));
    }
    if (fee.deadline !== null) lines.push(this.feeLine(ctx, item, fee));
    return lines;
  }

  private feeLine(ctx: TurnContext, item: ViolationItem, fee: Assessment['fee']): string {
    if (fee.daysLate === 0) return this.deps.say.text(ctx, 'violations.fee.dueBy', { deadline: fee.deadline ?? '' });
    return this.deps.say.text(ctx, fee.capped ? 'violations.fee.overdueCapped' : 'violations.fee.overdue', {
      deadline: fee.deadline ?? '',
      days: fee.daysLate,
      lateFee: yuan(fee.lateFeeYuan),
      total: yuan(fee.totalFen / 100),
      fine: item.fineYuan,
    });
  }

  private howTo(ctx: TurnContext, item: ViolationItem, { eligibility, fee }: Assessment): string[] {
    const t = (key: string) => this.deps.say.text(ctx, key);
    const lines: string[] = [];
    if (item.status === 'processed') lines.push(t('violations.howTo.pay'));
    else if (eligibility.ok) lines.push(t('violations.howTo.online'));
    else lines.push(t('violations.howTo.window'));
    lines.push(fee.deadline === null ? t('violations.howTo.afterDecision') : this.feeLine(ctx, item, fee));
    return lines;
  }

  private objection(ctx: TurnContext, item: ViolationItem): string[] {
    const t = (key: string) => this.deps.say.text(ctx, key);
    return [t(item.source === 'electronic' ? 'violations.objection.camera' : 'violations.objection.onsite'), t('violations.objection.appeal')];
  }
}
