import type { ImportJourneyResult, JourneyClash } from '../../../shared/api/calls/exchange.ts';
import { documentOfFile, type JourneyFile } from '../../../shared/format/journeyFile.ts';
import { parseJourneyFile } from '../../../shared/format/parse.ts';
import { MAX_JOURNEY_FILE_BYTES } from '../../../shared/limits.ts';
import { freeName, renameReferences } from '../../../shared/format/resources.ts';
import { newId } from '../../../shared/util/ids.ts';
import type { Services } from '../services.ts';
import { planResources, writeResources } from './placeResources.ts';
import { readSource, type ReadableSource } from './readSource.ts';
import { names, workspaceResources } from './resourceRows.ts';
import { writeTransaction } from '../../store/database.ts';

export type ClashChoice = 'ask' | 'copy' | 'replace';

function clashesOf(services: Services, file: JourneyFile): JourneyClash[] {
  const clashes: JourneyClash[] = [];
  const byId = services.db.prepare('SELECT id, name FROM journeys WHERE id = ?').get(file.id) as { id: string; name: string } | undefined;
  if (byId) clashes.push({ journeyId: byId.id, name: byId.name, by: 'id' });
  const byName = services.journeys.findByName(file.name);
  if (byName && byName.id !== byId?.id) clashes.push({ journeyId: byName.id, name: byName.name, by: 'name' });
  return clashes;
}

/**
 * Imports a journey file: checks it whole first (schema, graph, references), then writes the journey and
 * the resources it needs in one transaction. Any problem, or a clash while the user has not chosen, and
 * nothing is written.
 */
export function importJourney(services: Services, source: ReadableSource, onClash: ClashChoice): ImportJourneyResult {
  const read = readSource(source, MAX_JOURNEY_FILE_BYTES);
  if (!read.ok) return { outcome: 'invalid', problems: [read.problem] };
  const parsed = parseJourneyFile(read.text, workspaceResources(services.db));
  if (!parsed.ok) return { outcome: 'invalid', problems: parsed.problems };
  const file = parsed.file;

  const clashes = clashesOf(services, file);
  if (clashes.length > 0 && onClash === 'ask') return { outcome: 'clash', name: file.name, clashes };

  return writeTransaction(services.db, (): ImportJourneyResult => {
    const at = services.now();
    const plan = planResources(services, file);
    writeResources(services, plan, at);
    const document = renameReferences(documentOfFile(file), plan.renames);

    const target = clashes.find((c) => c.by === 'id') ?? clashes[0];
    let journeyId: string;
    if (target && onClash === 'replace') {
      journeyId = target.journeyId;
      services.journeys.saveDraft(journeyId, document);
      services.journeys.rename(journeyId, file.name);
    } else {
      const id = clashes.some((c) => c.by === 'id') ? newId('j') : file.id;
      const name = clashes.length > 0 ? freeName(`${file.name} (copy)`, names(services.db, 'journeys')) : file.name;
      journeyId = services.journeys.create(name, document, id).id;
    }
    const { document: _document, ...journey } = services.journeys.get(journeyId);
    return {
      outcome: 'imported',
      journey,
      replaced: Boolean(target && onClash === 'replace'),
      migratedFrom: parsed.migratedFrom,
      notes: parsed.notes,
      templates: { reused: plan.templates.reuse, imported: plan.templates.write.map((t) => t.id) },
      segments: { reused: plan.segments.reuse, imported: plan.segments.write.map((s) => s.id) },
      snippets: { reused: plan.snippets.reuse, imported: plan.snippets.write.map((s) => s.name) },
    };
  })();
}
