// Licence and vehicle services: the catalogue (data/services), the walkthrough dialogs for the
// two menu items, window appointments over MongoDB, the records that personalise answers, and
// (when messaging is given) SMS deadline reminders and appointment confirmations.
import { loadServiceCatalogue, type ServiceCatalogue } from '../knowledge/services';
import { AppointmentService, type AppointmentNotifier } from '../services/appointments/service';
import { recogniseAppointmentCommand } from '../services/appointments/commands';
import { mongoAppointmentStore, mongoRecordsPort, seedOffices } from '../storage/repositories/appointments';
import type { Models } from '../storage/models';
import type { Logger } from '../observability/logger';
import type { Translator } from '../i18n';
import type { Messaging } from './messaging';
import { appointmentNotifier, composeReminders, type RemindersComposition } from './reminders';
import { recogniseReminderCommand } from '../services/reminders';
import { ServiceDialog, LICENCE_DIALOG, VEHICLE_DIALOG } from '../../dialogs/services/ServiceDialog';
import type { Say } from '../../dialogs/common/say';
import type { Router } from '../../dialogs/types';

export interface ServicesComposition {
  catalogue: ServiceCatalogue;
  appointments: AppointmentService;
  licenceDialog: ServiceDialog;
  vehicleDialog: ServiceDialog;
  /**
   * Routes appointment messages ("取消预约 AB23CD", "改约 AB23CD", "我的预约") that arrive with no
   * dialog active, e.g. an SMS reply days after the booking; put it before the language router.
   */
  router: Router;
  /** Deadline reminders; absent without messaging. */
  reminders?: RemindersComposition;
  /** Loads the demo offices (data/seed/offices.json) and creates their slots. */
  seed(): Promise<void>;
}

export interface ServicesDeps {
  say: Say;
  models: Models;
  logger: Logger;
  now: () => Date;
  /** Another catalogue folder (tests add a service this way); default data/services. */
  servicesDir?: string;
  /** Outbound SMS: reminders and appointment confirmations go through it. */
  messaging?: Messaging;
  i18n?: Translator;
}

export function composeServices(deps: ServicesDeps): ServicesComposition {
  const catalogue = loadServiceCatalogue(deps.servicesDir);
  const { messaging } = deps;
  const i18n = deps.i18n ?? deps.say.i18n;
  const notifier: AppointmentNotifier | undefined = messaging
    ? appointmentNotifier({ messaging, i18n, logger: deps.logger, appointments: (): AppointmentService => appointments, catalogue })
    : undefined;
  const appointments: AppointmentService = new AppointmentService({ store: mongoAppointmentStore(deps.models), now: deps.now, notifier });
  const reminders = messaging ? composeReminders({ models: deps.models, messaging, i18n, logger: deps.logger, now: deps.now }) : undefined;
  const dialogDeps = { say: deps.say, catalogue, records: mongoRecordsPort(deps.models), appointments, now: deps.now, reminders: reminders?.service };
  deps.logger.info({ services: catalogue.services.length }, 'service catalogue loaded');
  return {
    catalogue,
    appointments,
    licenceDialog: new ServiceDialog(LICENCE_DIALOG, 'licence', dialogDeps),
    vehicleDialog: new ServiceDialog(VEHICLE_DIALOG, 'vehicle', dialogDeps),
    reminders,
    router: {
      route(text) {
        const command = recogniseAppointmentCommand(text);
        if (command && command.kind !== 'book') return { feature: 'licence', options: { text } };
        // "取消提醒" days after the reminder was set.
        return recogniseReminderCommand(text) === 'cancel' ? { feature: 'licence', options: { text } } : undefined;
      },
    },
    async seed() {
      const offices = await seedOffices(deps.models, deps.now());
      deps.logger.info({ offices }, 'demo offices seeded');
    },
  };
}
