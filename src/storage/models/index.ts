// Every collection of the app. A feature adds its models here, so that indexes are created at
// start for all of them (connectDatabase ensures the indexes of every model defined below).
import type { Connection } from 'mongoose';
import { defineCoreModels } from './core';

export function defineModels(conn: Connection) {
  return {
    ...defineCoreModels(conn),
  };
}

export type Models = ReturnType<typeof defineModels>;
