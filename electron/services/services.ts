import type { Db } from '../store/database.ts';
import { JourneyStore } from './journeys/journeyStore.ts';
import { TemplateStore } from './templates/templateStore.ts';
import { ContactStore } from './contacts/contactStore.ts';
import { SegmentStore } from './segments/segmentStore.ts';
import { ImportManager } from './import/importManager.ts';

/** What the handlers need, built once per open database. Tests build it on a temporary file. */
export interface Services {
  db: Db;
  databasePath: string;
  now: () => number;
  journeys: JourneyStore;
  templates: TemplateStore;
  contacts: ContactStore;
  segments: SegmentStore;
  imports: ImportManager;
}

export function createServices(db: Db, databasePath: string, now: () => number = Date.now): Services {
  return {
    db,
    databasePath,
    now,
    journeys: new JourneyStore(db, now),
    templates: new TemplateStore(db, now),
    contacts: new ContactStore(db, now),
    segments: new SegmentStore(db, now),
    imports: new ImportManager(db, databasePath, now),
  };
}
