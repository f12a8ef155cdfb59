// Licence and vehicle services: the catalogue (data/services), the walkthrough dialogs for the
// two menu items, window appointments over MongoDB, and the records that personalise answers.
import { loadServiceCatalogue, type ServiceCatalogue } from '../knowledge/services';
import { AppointmentService } from '../services/appointments/service';
import { recogniseAppointmentCommand } from '../services/appointments/commands';
import { mongoAppointmentStore, mongoRecordsPort, seedOffices } from '../storage/repositories/appointments';
import type { Models } from '../storage/models';
import type { Logger } from '../observability/logger';
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
}

export function composeServices(deps: ServicesDeps): ServicesComposition {
  const catalogue = loadServiceCatalogue(deps.servicesDir);
  const appointments = new AppointmentService({ store: mongoAppointmentStore(deps.models), now: deps.now });
  const dialogDeps = { say: deps.say, catalogue, records: mongoRecordsPort(deps.models), appointments, now: deps.now };
  deps.logger.info({ services: catalogue.services.length }, 'service catalogue loaded');
  return {
    catalogue,
    appointments,
    licenceDialog: new ServiceDialog(LICENCE_DIALOG, 'licence', dialogDeps),
    vehicleDialog: new ServiceDialog(VEHICLE_DIALOG, 'vehicle', dialogDeps),
    router: {
      route(text) {
        const command = recogniseAppointmentCommand(text);
        return command && command.kind !== 'book' ? { feature: 'licence', options: { text } } : undefined;
      },
    },
    async seed() {
      const offices = await seedOffices(deps.models, deps.now());
      deps.logger.info({ offices }, 'demo offices seeded');
    },
  };
}
