// The shared verification step: a vehicle (plate) or a licence (number) is shown only to its
// owner. An SMS from the registered phone passes at once; anyone else gives a code (the VIN's or
// engine number's last 6 characters, or the licence's first-issue date). An unknown plate and a
// wrong code get the same answer; too many failures lock further tries with a clear message.
// Ends with the verified value (VehicleRef[] or the licence number), or undefined.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AskPrompt, askOptions, type Ask } from '../common/AskPrompt';
import { normaliseCode, normaliseIssueDate, type Access } from '../../src/services/violations/service';
import type { Subject } from '../../src/services/violations/security';
import { IDS, requesterOf, shanghaiParts, type ViolationDialogDeps } from './shared';
import { markSecretInput } from '../../src/bot/turnState';

export interface VerifyOptions {
  subject: Subject;
  /** The last code did not match: ask again, saying so. */
  failed?: boolean;
}

const FLOW = 'violations.verify.flow';
const CODE_PROMPT = 'violations.verify.code';

function kindKey(subject: Subject): 'vehicle' | 'licence' {
  return subject.kind;
}

export class VerifyDialog extends ComponentDialog {
  constructor(private readonly deps: ViolationDialogDeps) {
    super(IDS.verify);
    this.addDialog(
      new AskPrompt(CODE_PROMPT, deps.say, async (prompt) => {
        const ask = prompt.options.validations as Ask & { kind: 'vehicle' | 'licence' };
        const text = prompt.recognized.value ?? '';
        const ok = ask.kind === 'vehicle' ? normaliseCode(text) !== undefined : normaliseIssueDate(text) !== undefined;
        if (!ok) ask.retry = { key: `violations.verify.${ask.kind}.invalid` };
        return ok;
      }),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.start.bind(this), this.check.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as VerifyOptions;
    const kind = kindKey(options.subject);
    if (!options.failed) {
      const access = await this.begin(step, options.subject);
      if (access.status === 'granted') return step.endDialog(access.value);
      if (access.status === 'locked') return this.locked(step, access);
    }
    const vars: Record<string, string> = options.subject.kind === 'vehicle' ? { plate: options.subject.plate } : {};
    const ask: Ask & { kind: string } = {
      question: { key: options.failed ? `violations.verify.${kind}.mismatch` : `violations.verify.${kind}.ask`, vars },
      kind,
    };
    return step.prompt(CODE_PROMPT, askOptions(ask));
  }

  private async check(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as VerifyOptions;
    const { service } = this.deps;
    const requester = requesterOf(step.context);
    const answer = String(step.result ?? '');
    markSecretInput(step.context);
    const subject = options.subject;
    const access: Access<unknown> =
      subject.kind === 'vehicle'
        ? await service.verifyVehicle(requester, { plate: subject.plate, plateType: subject.plateType }, answer)
        : await service.verifyLicence(requester, subject.number, answer);
    if (access.status === 'granted') return step.endDialog(access.value);
    if (access.status === 'locked') return this.locked(step, access);
    return step.replaceDialog(FLOW, { subject, failed: true } satisfies VerifyOptions);
  }

  private async begin(step: WaterfallStepContext, subject: Subject): Promise<Access<unknown>> {
    const requester = requesterOf(step.context);
    if (subject.kind === 'vehicle') {
      return this.deps.service.startVehicle(requester, { plate: subject.plate, plateType: subject.plateType });
    }
    return (await this.deps.service.startLicence(requester, subject.number)) ?? { status: 'needCode' };
  }

  private async locked(step: WaterfallStepContext, access: { scope: 'requester' | 'subject'; until: Date }): Promise<DialogTurnResult> {
    const { date, time } = shanghaiParts(access.until);
    await this.deps.say.send(step.context, `violations.verify.locked.${access.scope}`, { date, time });
    return step.endDialog(undefined);
  }
}
