// What the pipeline tells the dialogs about the current turn, kept in TurnContext.turnState.
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../config';

const LOCALE = Symbol('jiaoguan.locale');
const SMS = Symbol('jiaoguan.sms');
const SECRET_INPUT = Symbol('jiaoguan.secretInput');

export const SMS_CHANNELS = new Set(['sms', 'sms-twilio', 'sms-aliyun', 'sms-cli', 'twilio-sms']);

export function isSmsChannel(channelId: string | undefined): boolean {
  return channelId !== undefined && SMS_CHANNELS.has(channelId);
}

export function setTurnLocale(ctx: TurnContext, locale: Locale): void {
  ctx.turnState.set(LOCALE, locale);
  // Prompts pick their culture from the activity's locale.
  ctx.activity.locale = locale === 'en' ? 'en-US' : 'zh-CN';
}

export function localeOf(ctx: TurnContext): Locale {
  return (ctx.turnState.get(LOCALE) as Locale | undefined) ?? 'zh-CN';
}

export function setTurnSms(ctx: TurnContext, sms: boolean): void {
  ctx.turnState.set(SMS, sms);
}

/** True when replies of this turn are read as plain SMS text. */
export function isSmsTurn(ctx: TurnContext): boolean {
  return ctx.turnState.get(SMS) === true;
}

/** The driver's message this turn is a secret (a verification code): transcripts must not keep it. */
export function markSecretInput(ctx: TurnContext): void {
  ctx.turnState.set(SECRET_INPUT, true);
}

export function isSecretInput(ctx: TurnContext): boolean {
  return ctx.turnState.get(SECRET_INPUT) === true;
}
