// "违法记分查询": the points on a licence in its current 12-month cycle, with the same
// verification as vehicles: an SMS from the licence's registered phone passes (and needs no
// number when that phone holds one licence); anyone else gives the number and the first-issue
// date printed on the licence.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AskPrompt, askOptions, type Ask } from '../common/AskPrompt';
import { extractLicenceNumber } from '../../src/services/violations/service';
import { FULL_POINTS } from '../../src/services/violations/rules';
import { IDS, requesterOf, type ViolationDialogDeps } from './shared';
import { VerifyDialog, type VerifyOptions } from './VerifyDialog';

export interface PointsOptions {
  /** The message that asked, possibly carrying the licence number. */
  text?: string;
}

const FLOW = 'violations.points.flow';
const NUMBER_PROMPT = 'violations.points.numberPrompt';
/** From this many points on, the driver is warned that 12 is close. */
const NEAR_FULL = 9;

type Found = { verified: string } | { number: string };

export class PointsDialog extends ComponentDialog {
  constructor(private readonly deps: ViolationDialogDeps) {
    super(IDS.points);
    this.addDialog(
      new AskPrompt(NUMBER_PROMPT, deps.say, async (prompt) => {
        const number = extractLicenceNumber(prompt.recognized.value ?? '');
        if (number === undefined) {
          (prompt.options.validations as Ask).retry = { key: 'violations.points.number.retry' };
          return false;
        }
        prompt.recognized.value = number;
        return true;
      }),
    );
    this.addDialog(new VerifyDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.number.bind(this), this.verify.bind(this), this.show.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async number(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as PointsOptions;
    const number = extractLicenceNumber(typeof options.text === 'string' ? options.text : '');
    if (number !== undefined) return step.next({ number } satisfies Found);
    const access = await this.deps.service.startLicence(requesterOf(step.context), undefined);
    if (access?.status === 'granted') return step.next({ verified: access.value } satisfies Found);
    return step.prompt(NUMBER_PROMPT, askOptions({ question: { key: 'violations.points.number.ask' } }));
  }

  private async verify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const found: Found = typeof step.result === 'string' ? { number: step.result } : (step.result as Found);
    if ('verified' in found) return step.next(found.verified);
    return step.beginDialog(IDS.verify, { subject: { kind: 'licence', number: found.number } } satisfies VerifyOptions);
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const number = step.result as string | undefined;
    if (number === undefined) return step.endDialog();
    const ctx = step.context;
    const { say, service } = this.deps;
    const overview = await service.licenceOverview(number);
    if (!overview) {
      await say.send(ctx, 'violations.points.unavailable');
      return step.endDialog();
    }
    const { licence, cycle, remaining } = overview;
    const lines = [
      say.text(ctx, 'violations.points.summary', {
        tail: licence.number.slice(-4),
        class: licence.class,
        start: cycle.start,
        end: cycle.end,
        points: licence.points,
        remaining,
      }),
    ];
    if (licence.points >= FULL_POINTS) lines.push(say.text(ctx, 'violations.points.full'));
    else if (licence.points >= NEAR_FULL) lines.push(say.text(ctx, 'violations.points.near', { remaining }));
    else if (licence.points > 0) lines.push(say.text(ctx, 'violations.points.reduction'));
    if (licence.status !== 'valid') lines.push(say.text(ctx, `violations.points.status.${licence.status}`));
    await ctx.sendActivity(say.message(ctx, lines.join('\n')));
    return step.endDialog();
  }
}
