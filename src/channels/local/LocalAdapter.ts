// Runs turns in-process, without HTTP: the terminal chat (`npm run chat`), tests and the bench use
// it to talk to exactly the same pipeline as the webhooks do. Replies are collected per turn.
import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { TextAdapter } from '../textAdapter';

const REPLIES = Symbol('local.replies');

export class LocalAdapter extends TextAdapter {
  protected readonly medium = 'A local message';

  async sendActivities(ctx: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const bucket = ctx.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    return activities.map((a) => {
      if (a.type === ActivityTypes.Message && bucket) bucket.push(a);
      return { id: randomUUID() };
    });
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(this.continueContext(reference), logic);
  }

  /** Runs one inbound activity and returns the message activities the bot sent during it. */
  async process(activity: Partial<Activity>, logic: (ctx: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    const ctx = new TurnContext(this, activity);
    ctx.turnState.set(REPLIES, replies);
    await this.runMiddleware(ctx, logic);
    return replies;
  }
}
