import type { Handlers } from '../../../shared/api/dispatch.ts';
import { schemaVersion } from '../../store/database.ts';
import { loadSample } from '../sample/loadSample.ts';
import type { Services } from '../services.ts';

export function workspaceHandlers(services: Services): Pick<Handlers, 'workspace.summary' | 'workspace.loadSample'> {
  const count = (table: string) => services.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  return {
    'workspace.summary': () => ({
      databasePath: services.databasePath,
      schemaVersion: schemaVersion(services.db),
      journeys: count('journeys'),
      contacts: count('contacts'),
      events: count('events'),
      templates: count('templates'),
      segments: count('segments'),
    }),
    'workspace.loadSample': ({ contacts, seed }) => loadSample(services.db, { contacts, seed, now: services.now() }),
  };
}
