// What the service dialogs share: who is asking, dialog ids and dependencies, and how days and
// time slots are shown.
import type { TurnContext } from 'botbuilder';
import type { ServiceCatalogue } from '../../src/knowledge/services';
import type { Locale } from '../../src/knowledge/faq';
import type { AppointmentService, Requester } from '../../src/services/appointments/service';
import type { RecordsPort } from '../../src/services/appointments/records';
import { segmentCount } from '../../src/services/messaging/segments';
import { slotVars, type ReminderService } from '../../src/services/reminders';
import { isSmsTurn, localeOf } from '../../src/bot/turnState';
import type { Say } from '../common/say';

export interface ServiceDialogDeps {
  say: Say;
  catalogue: ServiceCatalogue;
  records: RecordsPort;
  appointments: AppointmentService;
  now: () => Date;
  /** Deadline reminders by SMS; absent, none are offered. */
  reminders?: ReminderService;
}

export const APPOINTMENT_DIALOG = 'services.appointment';
export const REMINDER_DIALOG = 'services.reminder';

const E164 = /^\+[1-9]\d{7,14}$/;

/** The person asking. Only an SMS channel vouches for a phone number (the sender's). */
export function requesterOf(ctx: TurnContext): Requester {
  const userId = ctx.activity.from?.id ?? 'unknown';
  const channelId = ctx.activity.channelId ?? 'unknown';
  const locale = localeOf(ctx);
  return isSmsTurn(ctx) && E164.test(userId) ? { userId, channelId, phone: userId, locale } : { userId, channelId, locale };
}

/** "12月1日 周二 09:00" / "Tue 1 Dec 09:00", through the locale's slot sentence. */
export function slotLabel(say: Say, ctx: TurnContext, slot: { date: string; time: string }): string {
  return say.text(ctx, 'services.appt.slot', slotVars(slot, localeOf(ctx)));
}

/** Replies are kept within three SMS segments; chat gets the same size so both read alike. */
export const MAX_SEGMENTS = 3;

/** Packs texts into as few messages as fit MAX_SEGMENTS each, keeping their order. */
export function pack(texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts.filter((x) => x.length > 0)) {
    const last = out[out.length - 1];
    if (last !== undefined && segmentCount(`${last}\n${t}`) <= MAX_SEGMENTS) out[out.length - 1] = `${last}\n${t}`;
    else out.push(t);
  }
  return out;
}
