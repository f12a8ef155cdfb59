// The bot: loads conversation and user state, resolves the driver's language, arbitrates
// whole-message commands, runs the dialog stack, and saves state. Runs inside TurnPipeline.
import {
  ActivityTypes,
  ConversationState,
  UserState,
  type Storage,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../config';
import type { Logger } from '../observability/logger';
import { normaliseLocale } from '../i18n';
import { toSimplifiedChinese } from '../nlu/script';
import { arbitrate, type Command } from '../services/conversation/commands';
import type { Say } from '../../dialogs/common/say';
import { isSmsChannel, setTurnLocale, setTurnSms } from './turnState';

export interface UserProfile {
  /** The language the driver asked for with English/中文; wins over the client's locale. */
  locale?: Locale;
  localeExplicit?: boolean;
}

export interface BotDeps {
  storage: Storage;
  say: Say;
  logger: Logger;
  defaultLocale: Locale;
  /** The root dialog; it is begun with `{ greet, text }` options when nothing is active. */
  rootDialog: Dialog;
  /** Hooks for the compliance keywords (opt-out / opt-in); without them the words are plain text. */
  consent?: {
    optOut(ctx: TurnContext): Promise<void>;
    optIn(ctx: TurnContext): Promise<void>;
    /** Whether the sender's number is opted out now (the consent record is the one truth). */
    isOptedOut(ctx: TurnContext): Promise<boolean>;
  };
}

export class Bot {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: BotDeps) {
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.profile = this.userState.createProperty<UserProfile>('profile');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.rootDialog);
  }

  async run(ctx: TurnContext): Promise<void> {
    try {
      // Both states are read at once (two keys, two documents), not one after the other.
      await Promise.all([this.conversationState.load(ctx), this.userState.load(ctx)]);
      await this.turn(ctx);
    } finally {
      await Promise.all([this.conversationState.saveChanges(ctx, false), this.userState.saveChanges(ctx, false)]);
    }
  }

  private async turn(ctx: TurnContext): Promise<void> {
    const profile = await this.profile.get(ctx, {});
    const sms = isSmsChannel(ctx.activity.channelId);
    setTurnSms(ctx, sms);
    setTurnLocale(ctx, this.resolveLocale(ctx, profile));
    const dc = await this.dialogs.createContext(ctx);
    const root = this.deps.rootDialog.id;

    if (ctx.activity.type === ActivityTypes.ConversationUpdate) {
      const joined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient?.id);
      if (joined && !dc.activeDialog) await dc.beginDialog(root, { greet: true });
      return;
    }
    if (ctx.activity.type !== ActivityTypes.Message) return;

    // Dialogs, prompts and recognisers read the activity: they all get simplified characters.
    const text = typeof ctx.activity.text === 'string' ? toSimplifiedChinese(ctx.activity.text) : '';
    if (typeof ctx.activity.text === 'string') ctx.activity.text = text;
    const command = await this.arbitrate(ctx, text, sms);
    if (command && (await this.command(command, ctx, profile))) return;

    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.beginDialog(root, { greet: true, text });
    }
  }

  /**
   * The command a message is, if any. YES opts back in only while the number is opted out, so the
   * consent record is read for such a message alone, not on every turn.
   */
  private async arbitrate(ctx: TurnContext, text: string, sms: boolean): Promise<Command | null> {
    const command = arbitrate(text, { sms, optedOut: false });
    if (command || !sms || !this.deps.consent) return command;
    const ifOptedOut = arbitrate(text, { sms, optedOut: true });
    return ifOptedOut?.kind === 'optIn' && (await this.deps.consent.isOptedOut(ctx)) ? ifOptedOut : null;
  }

  /** Handles a whole-message command; false when it should be treated as ordinary input. */
  private async command(command: Command, ctx: TurnContext, profile: UserProfile): Promise<boolean> {
    const { say } = this.deps;
    const dc = await this.dialogs.createContext(ctx);
    const root = this.deps.rootDialog.id;
    switch (command.kind) {
      case 'optOut':
      case 'optIn': {
        const hook = this.deps.consent?.[command.kind];
        if (!hook) return false;
        await hook(ctx);
        return true;
      }
      case 'language': {
        profile.locale = command.locale;
        profile.localeExplicit = true;
        setTurnLocale(ctx, command.locale);
        await say.send(ctx, 'common.language.switched');
        if (dc.activeDialog) await dc.repromptDialog();
        else await dc.beginDialog(root, {});
        return true;
      }
      case 'help': {
        await say.send(ctx, 'common.help');
        if (dc.activeDialog) await dc.repromptDialog();
        else await dc.beginDialog(root, {});
        return true;
      }
      case 'cancel': {
        await dc.cancelAllDialogs();
        await say.send(ctx, 'common.cancelled');
        await dc.beginDialog(root, {});
        return true;
      }
      case 'menu': {
        await dc.cancelAllDialogs();
        await dc.beginDialog(root, {});
        return true;
      }
      case 'agent': {
        await dc.cancelAllDialogs();
        await dc.beginDialog(root, { feature: 'agent' });
        return true;
      }
    }
  }

  /** The driver's explicit choice, else the client's locale, else what we saw before, else the default. */
  private resolveLocale(ctx: TurnContext, profile: UserProfile): Locale {
    if (profile.localeExplicit && profile.locale) return profile.locale;
    const fromActivity = normaliseLocale(ctx.activity.locale);
    if (fromActivity) {
      profile.locale = fromActivity;
      return fromActivity;
    }
    return profile.locale ?? this.deps.defaultLocale;
  }
}
