import { openDatabase } from '../../store/database.ts';
import { createServices, type Services } from '../services.ts';

/** Opens the database at `path` (migrating it) and builds the services over it. */
export function openWorkspace(path: string, now?: () => number): Services {
  return createServices(openDatabase(path), path, now);
}
