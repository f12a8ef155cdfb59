// A root dialog for ordering tests: counts the messages of a conversation in dialog state and
// answers "<count>:<text>" after a pause, so interleaved or lost turns show as wrong counts.
import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';

export class CounterDialog extends Dialog {
  constructor(private readonly pauseMs = 15) {
    super('counter');
  }
  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.bump(dc, dc.context);
  }
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.bump(dc, dc.context);
  }
  private async bump(dc: DialogContext, ctx: TurnContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as { count?: number };
    state.count = (state.count ?? 0) + 1;
    // Yield to the event loop so interleaved turns would really race.
    await new Promise((r) => setTimeout(r, this.pauseMs));
    await ctx.sendActivity(`${state.count}:${ctx.activity.text}`);
    return Dialog.EndOfTurn;
  }
}
