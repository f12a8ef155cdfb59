// Every collection of the app. A feature adds its models here, so that indexes are created at
// start for all of them (connectDatabase ensures the indexes of every model defined below).
import type { Connection } from 'mongoose';
import { defineCoreModels } from './core';
import { defineMessagingModels } from './messaging';
import { defineRecordModels } from './records';
import { defineViolationSecurityModels } from './violationSecurity';
import { defineFaqModels } from './faq';
import { defineAppointmentModels } from './appointments';
import { defineReminderModels } from './reminders';

export function defineModels(conn: Connection) {
  return {
    ...defineCoreModels(conn),
    ...defineMessagingModels(conn),
    ...defineRecordModels(conn),
    ...defineViolationSecurityModels(conn),
    ...defineFaqModels(conn),
    ...defineAppointmentModels(conn),
    ...defineReminderModels(conn),
  };
}

export type Models = ReturnType<typeof defineModels>;
