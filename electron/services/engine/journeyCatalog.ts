import type { Db } from '../../store/database.ts';
import { JourneyDocument } from '../../../shared/journey/journey.ts';
import { triggerOf } from '../../../shared/journey/triggerOf.ts';
import type { Trigger } from '../../../shared/journey/triggers.ts';

export interface LiveJourney {
  id: string;
  name: string;
  version: number;
  document: JourneyDocument;
  trigger: Trigger;
  /** When the live version was published: older events and memberships do not admit anyone. */
  liveSince: number;
}

/** Published journey versions, parsed once and kept (a published version never changes). */
export class JourneyCatalog {
  private readonly db: Db;
  private readonly documents = new Map<string, JourneyDocument>();
  private readonly names = new Map<string, string>();

  constructor(db: Db) {
    this.db = db;
  }

  document(journeyId: string, version: number): JourneyDocument {
    const key = `${journeyId}@${version}`;
    let document = this.documents.get(key);
    if (!document) {
      const text = this.db.prepare('SELECT document FROM journey_versions WHERE journey_id = ? AND version = ?').pluck().get(journeyId, version) as string | undefined;
      if (text === undefined) throw new Error(`journey ${journeyId} has no version ${version}`);
      document = JourneyDocument.parse(JSON.parse(text));
      this.documents.set(key, document);
    }
    return document;
  }

  name(journeyId: string): string {
    let name = this.names.get(journeyId);
    if (name === undefined) {
      name = (this.db.prepare('SELECT name FROM journeys WHERE id = ?').pluck().get(journeyId) as string | undefined) ?? journeyId;
      this.names.set(journeyId, name);
    }
    return name;
  }

  /** Journeys that admit contacts now. */
  live(): LiveJourney[] {
    const rows = this.db
      .prepare(`
        SELECT j.id, j.name, j.live_version AS version, v.published_at AS liveSince
        FROM journeys j JOIN journey_versions v ON v.journey_id = j.id AND v.version = j.live_version
        WHERE j.status = 'live' ORDER BY j.id`)
      .all() as Array<{ id: string; name: string; version: number; liveSince: number }>;
    return rows.map((row) => {
      const document = this.document(row.id, row.version);
      return { ...row, document, trigger: triggerOf(document) };
    });
  }
}
