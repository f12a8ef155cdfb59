// The common ground of the adapters that deliver plain text and keep nothing they can edit later
// (SMS, the in-process LocalAdapter): a sent message cannot be changed or taken back, and a
// proactive turn starts from a "continue" event built from the conversation reference.
import { ActivityTypes, BotAdapter, TurnContext, type ConversationReference } from 'botbuilder';

export abstract class TextAdapter extends BotAdapter {
  /** What the messages are, for the errors ("An SMS", "A local message"). */
  protected abstract readonly medium: string;

  async updateActivity(): Promise<void> {
    throw new Error(`${this.medium} cannot be changed once sent`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`${this.medium} cannot be deleted once sent`);
  }

  /** The turn context of a proactive turn: a "continue" event addressed by the reference. */
  protected continueContext(reference: Partial<ConversationReference>): TurnContext {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    return new TurnContext(this, activity);
  }
}
