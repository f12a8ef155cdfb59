// A verified vehicle's outstanding violations with totals, a page at a time (3 over SMS, 5 in
// chat): date, place, behaviour, fine, points. A number opens one record; the last choice turns
// the page. Records are fetched again on every page, so a record paid meanwhile drops out.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AskPrompt, askOptions, type Ask, type Phrase } from '../common/AskPrompt';
import { isSmsTurn } from '../../src/bot/turnState';
import type { VehicleRef, ViolationItem } from '../../src/services/violations/provider';
import { IDS, choiceValidator, clip, shanghaiParts, shortPlace, type ViolationDialogDeps } from './shared';
import { ViolationDetailDialog, type DetailOptions } from './ViolationDetailDialog';
import words from '../../data/violations-words.json';

export interface ListOptions {
  vehicle: VehicleRef;
  /** 0-based page. */
  page: number;
}

type Action = { kind: 'item'; id: string } | { kind: 'page'; page: number };

const FLOW = 'violations.list.flow';
const LIST_PROMPT = 'violations.list.prompt';
export const SMS_PAGE_SIZE = 3;
export const CHAT_PAGE_SIZE = 5;

const NAV_WORDS = words.listNav;

type ListAsk = Ask & { nav?: { index: number; kind: 'next' | 'first' } };

function itemPhrase(item: ViolationItem, sms: boolean): Phrase {
  const { date, short } = shanghaiParts(item.occurredAt);
  const vars = {
    date: sms ? short : date,
    place: sms ? clip(shortPlace(item.location), 10) : item.location,
    behaviour: sms ? clip(item.description, 12) : item.description,
    fine: item.fineYuan,
    points: item.points,
  };
  return { key: item.status === 'processed' ? 'violations.list.itemUnpaid' : 'violations.list.item', vars };
}

export class ViolationListDialog extends ComponentDialog {
  constructor(private readonly deps: ViolationDialogDeps) {
    super(IDS.list);
    this.addDialog(
      new AskPrompt(
        LIST_PROMPT,
        deps.say,
        choiceValidator(deps.say, (ask) => {
          const nav = (ask as ListAsk).nav;
          return nav ? { [nav.index]: NAV_WORDS[nav.kind] } : {};
        }),
      ),
    );
    // Children live in the component that begins them: a reprompt (language switch) looks them up there.
    this.addDialog(new ViolationDetailDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.show.bind(this), this.pick.bind(this), this.again.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { vehicle, page: asked } = step.options as ListOptions;
    const overview = await this.deps.service.vehicleOverview(vehicle);
    if (overview.items.length === 0) {
      await this.deps.say.send(step.context, 'violations.list.none', { plate: vehicle.plate });
      return step.endDialog();
    }
    const sms = isSmsTurn(step.context);
    const size = sms ? SMS_PAGE_SIZE : CHAT_PAGE_SIZE;
    const pages = Math.ceil(overview.items.length / size);
    const page = Math.min(Math.max(0, asked), pages - 1);
    const shown = overview.items.slice(page * size, (page + 1) * size);
    const choices: Phrase[] = shown.map((item) => itemPhrase(item, sms));
    const actions: Action[] = shown.map((item) => ({ kind: 'item', id: item.id }));
    const ask: ListAsk = {
      question: {
        key: pages > 1 ? 'violations.list.headerPaged' : 'violations.list.header',
        vars: {
          plate: vehicle.plate,
          count: overview.totals.count,
          fine: overview.totals.fineYuan,
          points: overview.totals.points,
          page: page + 1,
          pages,
        },
      },
      choices,
    };
    if (page < pages - 1) {
      ask.nav = { index: choices.length, kind: 'next' };
      choices.push({ key: 'violations.list.next' });
      actions.push({ kind: 'page', page: page + 1 });
    } else if (pages > 1) {
      ask.nav = { index: choices.length, kind: 'first' };
      choices.push({ key: 'violations.list.first' });
      actions.push({ kind: 'page', page: 0 });
    }
    (step.values as { actions: Action[]; page: number }).actions = actions;
    (step.values as { actions: Action[]; page: number }).page = page;
    return step.prompt(LIST_PROMPT, askOptions(ask));
  }

  private async pick(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { vehicle } = step.options as ListOptions;
    const { actions } = step.values as { actions: Action[] };
    const action = actions[Number(step.result)];
    if (!action) return step.endDialog();
    if (action.kind === 'page') return step.replaceDialog(FLOW, { vehicle, page: action.page } satisfies ListOptions);
    return step.beginDialog(IDS.detail, { vehicle, id: action.id } satisfies DetailOptions);
  }

  private async again(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { vehicle } = step.options as ListOptions;
    const { page } = step.values as { page: number };
    return step.replaceDialog(FLOW, { vehicle, page } satisfies ListOptions);
  }
}
