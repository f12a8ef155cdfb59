// "查违法": which lookup (a vehicle's violations, or a licence's points), the plate (taken from
// the message when it carries one), verification, the plate type when one plate number covers
// several vehicles, then the list. Route options: { plate?, text?, mode?: 'points' | 'vehicle' }.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AskPrompt, askOptions, type Ask } from '../common/AskPrompt';
import { extractPlate, parsePlate, plateErrorKey, type PlateResult } from '../../src/nlu/entities/plate';
import type { VehicleRef } from '../../src/services/violations/provider';
import { IDS, choiceValidator, type ViolationDialogDeps } from './shared';
import { VerifyDialog, type VerifyOptions } from './VerifyDialog';
import { ViolationListDialog, type ListOptions } from './ViolationListDialog';
import { PointsDialog, type PointsOptions } from './PointsDialog';
import { mentionsAny } from '../../src/services/conversation/choices';
import words from '../../data/violations-words.json';

export interface ViolationOptions {
  plate?: string;
  text?: string;
  mode?: 'points' | 'vehicle';
}

const FLOW = 'violations.flow';
const MODE_PROMPT = 'violations.modePrompt';
const PLATE_PROMPT = 'violations.platePrompt';
const TYPE_PROMPT = 'violations.typePrompt';

const MODE_WORDS: Record<number, string[]> = { 0: words.lookupChoice.vehicle, 1: words.lookupChoice.points };
/** Words drivers use for plate types (号牌种类): colours and sizes. */
const TYPE_WORDS: Record<string, string[]> = words.plateTypes;
type TypeAsk = Ask & { types?: string[] };

/** The retry sentence for a plate answer that is not a plate: the plate's own error, or a hint. */
function plateRetry(result: PlateResult | null): Ask['retry'] {
  if (result === null || result.ok) return { key: 'violations.plate.retry' };
  return { key: `plate.${plateErrorKey(result)}`, vars: { ...result.hint } };
}

export class ViolationDialog extends ComponentDialog {
  constructor(private readonly deps: ViolationDialogDeps) {
    super(IDS.root);
    const { say } = deps;
    const modeChoice = choiceValidator(say, () => MODE_WORDS);
    this.addDialog(
      new AskPrompt(MODE_PROMPT, say, async (prompt) => {
        // A plate instead of a choice means "this vehicle's violations".
        const found = extractPlate(prompt.recognized.value ?? '');
        if (found?.ok) {
          prompt.recognized.value = `plate:${found.plate}`;
          return true;
        }
        if (await modeChoice(prompt)) {
          prompt.recognized.value = prompt.recognized.value === '1' ? 'points' : 'vehicle';
          return true;
        }
        (prompt.options.validations as Ask).retry = found ? plateRetry(found) : { key: 'violations.mode.retry' };
        return false;
      }),
    );
    this.addDialog(
      new AskPrompt(PLATE_PROMPT, say, async (prompt) => {
        const found = extractPlate(prompt.recognized.value ?? '');
        if (found?.ok) {
          prompt.recognized.value = found.plate;
          return true;
        }
        (prompt.options.validations as Ask).retry = plateRetry(found);
        return false;
      }),
    );
    this.addDialog(
      new AskPrompt(
        TYPE_PROMPT,
        say,
        choiceValidator(say, (ask) =>
          Object.fromEntries(((ask as TypeAsk).types ?? []).map((code, i) => [i, TYPE_WORDS[code] ?? []])),
        ),
      ),
    );
    this.addDialog(new VerifyDialog(deps));
    this.addDialog(new ViolationListDialog(deps));
    this.addDialog(new PointsDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.chooseMode.bind(this),
        this.askPlate.bind(this),
        this.verify.bind(this),
        this.pickType.bind(this),
        this.list.bind(this),
        this.finish.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async chooseMode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ViolationOptions;
    const text = typeof options.text === 'string' ? options.text : '';
    if (options.mode === 'points') return step.next('points');
    const given = typeof options.plate === 'string' ? parsePlate(options.plate) : extractPlate(text);
    if (given?.ok) return step.next(`plate:${given.plate}`);
    // "违法记分查询" names both: points words win, a plate would have been taken above.
    if (options.mode !== 'vehicle' && mentionsAny(text, words.lookupCue.points)) return step.next('points');
    if (options.mode === 'vehicle' || mentionsAny(text, words.lookupCue.vehicle)) return step.next('vehicle');
    return step.prompt(
      MODE_PROMPT,
      askOptions({
        question: { key: 'violations.mode.question' },
        choices: [{ key: 'violations.mode.vehicle' }, { key: 'violations.mode.points' }],
      }),
    );
  }

  private async askPlate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const picked = String(step.result);
    if (picked === 'points') {
      const options = (step.options ?? {}) as ViolationOptions;
      return step.replaceDialog(IDS.points, { text: options.text } satisfies PointsOptions);
    }
    if (picked.startsWith('plate:')) return step.next(picked.slice('plate:'.length));
    return step.prompt(PLATE_PROMPT, askOptions({ question: { key: 'violations.plate.ask' } }));
  }

  private async verify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const plate = String(step.result);
    return step.beginDialog(IDS.verify, { subject: { kind: 'vehicle', plate } } satisfies VerifyOptions);
  }

  private async pickType(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const vehicles = step.result as VehicleRef[] | undefined;
    if (!vehicles || vehicles.length === 0) return step.endDialog();
    (step.values as { vehicles: VehicleRef[] }).vehicles = vehicles;
    if (vehicles.length === 1) return step.next('0');
    // Asked only after verification: before it, the question would tell a stranger the plate exists.
    const ask: TypeAsk = {
      question: { key: 'violations.plateType.question', vars: { plate: vehicles[0]!.plate } },
      choices: vehicles.map((v) => this.typePhrase(v.plateType)),
      types: vehicles.map((v) => v.plateType),
    };
    return step.prompt(TYPE_PROMPT, askOptions(ask));
  }

  private async list(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const vehicles = (step.values as { vehicles: VehicleRef[] }).vehicles;
    const vehicle = vehicles[Number(step.result)] ?? vehicles[0]!;
    return step.beginDialog(IDS.list, { vehicle, page: 0 } satisfies ListOptions);
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private typePhrase(code: string): { key: string; vars?: Record<string, string> } {
    const key = `violations.plateType.${code}`;
    return this.deps.say.i18n.has('zh-CN', key) ? { key } : { key: 'violations.plateType.other', vars: { code } };
  }
}

