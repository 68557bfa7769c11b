import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { ContactPick } from '../../../shared/api/calls/simulation.ts';
import type { CountKey } from '../../../shared/simulation/forecast.ts';
import type { Services } from '../services.ts';
import { resolveJourney } from './journeySource.ts';
import { simulate } from './simulationService.ts';
import type { Db } from '../../store/database.ts';

type SimulationHandlers = Pick<
  Handlers,
  | 'simulation.run'
  | 'simulation.findContacts'
  | 'simulation.forecastStart'
  | 'simulation.forecastStatus'
  | 'simulation.forecastCancel'
  | 'simulation.forecastContacts'
>;

const pickColumns = `id, email, TRIM(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')) AS name`;

function picks(db: Db, ids: ReadonlyArray<number | string>): ContactPick[] {
  const rows = db.prepare(`SELECT ${pickColumns} FROM contacts WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ContactPick[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(Number(id)) ?? []);
}

export function simulationHandlers(services: Services): SimulationHandlers {
  const { db, forecasts } = services;
  return {
    'simulation.run': (request) => simulate(services, request),
    'simulation.findContacts': ({ search, limit }) => {
      const like = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db
        .prepare(
          `SELECT ${pickColumns} FROM contacts
           WHERE email LIKE @like ESCAPE '\\' OR first_name LIKE @like ESCAPE '\\' OR last_name LIKE @like ESCAPE '\\'
           ORDER BY email LIMIT @limit`,
        )
        .all({ like, limit }) as ContactPick[];
    },
    'simulation.forecastStart': ({ journeyId, version, days, sample, seed, start, compareWith }) => {
      const journey = resolveJourney(services, journeyId, version);
      const other = compareWith === undefined ? undefined : resolveJourney(services, journeyId, compareWith);
      const jobId = forecasts.start(journey, { start: start ? Date.parse(start) : services.now(), days, seed, sample }, other);
      return { jobId };
    },
    'simulation.forecastStatus': ({ jobId }) => forecasts.status(jobId),
    'simulation.forecastCancel': ({ jobId }) => ({ cancelled: forecasts.cancel(jobId) }),
    'simulation.forecastContacts': ({ jobId, which, nodeId, count, offset, limit }) => {
      const ids = forecasts.contactsBehind(jobId, which, nodeId, count as CountKey);
      return { total: ids.length, contacts: picks(db, ids.slice(offset, offset + limit)) };
    },
  };
}
