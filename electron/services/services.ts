import type { Db } from '../store/database.ts';
import { JourneyStore } from './journeys/journeyStore.ts';
import { TemplateStore } from './templates/templateStore.ts';
import { ResultsService } from './results/resultsService.ts';
import { EnvironmentSecretStore, type SecretStore } from './engine/secretStore.ts';

/** What the handlers need, built once per open database. Tests build it on a temporary file. */
export interface Services {
  db: Db;
  databasePath: string;
  now: () => number;
  journeys: JourneyStore;
  templates: TemplateStore;
  results: ResultsService;
  /** Where the SMTP password lives; the desktop app swaps in its keychain-backed store. */
  secrets: SecretStore;
}

export function createServices(db: Db, databasePath: string, now: () => number = Date.now): Services {
  return {
    db,
    databasePath,
    now,
    journeys: new JourneyStore(db, now),
    templates: new TemplateStore(db, now),
    results: new ResultsService(db, new JourneyStore(db, now), now),
    secrets: new EnvironmentSecretStore(),
  };
}
