// SMS sent outside the conversation by the services feature: deadline reminders (stored with the
// driver's consent, sent by a worker through the outbox within 08:00-21:00) and appointment
// confirmations (a notice queued after a booking, move or cancellation made over SMS). Both go
// through messaging.send, which applies the opt-out rules and records refusals.
import type { Logger } from '../observability/logger';
import type { Translator } from '../i18n';
import type { Models } from '../storage/models';
import type { Messaging } from './messaging';
import { SMS_CHANNEL_IDS, type SmsChannelId } from '../channels/sms/types';
import { ReminderRepository } from '../storage/repositories/reminders';
import { asLocale, daysLeft, kindKey, longDay, slotVars, ReminderService, ReminderWorker, type Reminder, type SendReminder } from '../services/reminders';
import type { AppointmentNotifier, AppointmentService } from '../services/appointments/service';
import type { ServiceCatalogue } from '../knowledge/services';
import { maskPhone } from '../services/privacy/mask';

export interface RemindersDeps {
  models: Models;
  messaging: Messaging;
  i18n: Translator;
  logger: Logger;
  now: () => Date;
  /** How often the worker looks for due reminders (default one minute). */
  pollMs?: number;
}

export interface RemindersComposition {
  service: ReminderService;
  worker: ReminderWorker;
  repo: ReminderRepository;
}

function isSmsChannel(channel: string): channel is SmsChannelId {
  return (SMS_CHANNEL_IDS as readonly string[]).includes(channel);
}

/** The SMS of a reminder, in the driver's language, with the days left on the day it goes out. */
export function reminderText(i18n: Translator, r: Reminder, now: Date): string {
  const locale = asLocale(r.locale);
  return i18n.t(locale, `reminders.sms.${kindKey(r.kind)}`, { date: longDay(r.deadline, locale), days: daysLeft(r.deadline, now) }, { sms: true });
}

/** Reminders over the configured SMS channels; the worker runs while messaging runs. */
export function composeReminders(deps: RemindersDeps): RemindersComposition {
  const { models, messaging, i18n, now } = deps;
  const logger = deps.logger.child({ component: 'reminders' });
  const repo = new ReminderRepository(models.Reminder, models.Outbox);
  const service = new ReminderService({ store: repo, now, channels: messaging.enabled });
  const send: SendReminder = async (req) => {
    if (!isSmsChannel(req.channel)) return { accepted: false, reason: 'channel_off', ids: [] };
    return messaging.send({ ...req, channel: req.channel });
  };
  const worker = new ReminderWorker({ store: repo, send, text: (r, at) => reminderText(i18n, r, at), now, logger, pollMs: deps.pollMs });
  // An opt-out cancels what the number had scheduled: an opt-in later must not bring it back.
  messaging.consentService.whenOptedOut(async (phone) => service.cancelAll(phone));
  messaging.onStart(async () => worker.start());
  messaging.onStop(() => worker.stop());
  return { service, worker, repo };
}

/** Queues a confirmation SMS (kind notice) after an appointment change made over an SMS channel. */
export function appointmentNotifier(deps: {
  messaging: Messaging;
  i18n: Translator;
  logger: Logger;
  appointments: () => AppointmentService;
  catalogue: ServiceCatalogue;
}): AppointmentNotifier {
  const log = deps.logger.child({ component: 'appointment-notices' });
  return {
    async changed(kind, a, who) {
      const channel = who.channelId;
      if (!who.phone || !isSmsChannel(channel) || !deps.messaging.enabled.has(channel)) return;
      const locale = asLocale(who.locale ?? 'zh-CN');
      try {
        const office = await deps.appointments().office(a.officeId);
        const text = deps.i18n.t(
          locale,
          `services.appt.notice.${kind}`,
          {
            ref: a.ref,
            slot: deps.i18n.t(locale, 'services.appt.slot', slotVars(a, locale), { sms: true }),
            office: office?.name[locale] ?? a.officeId,
            address: office?.address[locale] ?? '',
            service: deps.catalogue.byId.get(a.serviceId)?.name[locale] ?? a.serviceId,
          },
          { sms: true },
        );
        const res = await deps.messaging.send({ channel, to: who.phone, text, kind: 'notice', locale });
        if (!res.accepted) log.info({ phone: maskPhone(who.phone), kind, reason: res.reason }, 'appointment notice refused');
      } catch (err) {
        // The change stands; the reply in the conversation already confirmed it.
        log.warn({ phone: maskPhone(who.phone), kind, err: (err as Error).message }, 'appointment notice not queued');
      }
    },
  };
}
