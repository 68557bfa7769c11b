import { ApiError } from '../../../shared/api/errors.ts';
import type { Journey } from '../../../shared/api/calls/journeys.ts';
import { buildJourneyFile, serializeJourneyFile } from '../../../shared/format/canonical.ts';
import { journeyFileName } from '../../../shared/format/journeyFileName.ts';
import type { JourneyFile, SegmentEntry, TemplateEntry } from '../../../shared/format/journeyFile.ts';
import { closure, journeyReferences, segmentIdsInRule, snippetNamesOfTemplate } from '../../../shared/format/resources.ts';
import { snippetNamesIn } from '../../../shared/format/snippets.ts';
import type { Services } from '../services.ts';
import { readSegment, readSnippet } from './resourceRows.ts';

/** A journey by id, or else by its exact name (the CLI takes either). */
export function findJourney(services: Services, idOrName: string): Journey {
  try {
    return services.journeys.get(idOrName);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'not-found')) throw error;
  }
  const byName = services.journeys.findByName(idOrName);
  if (byName) return byName;
  throw new ApiError('not-found', `no journey with the id or name "${idOrName}"`);
}

/**
 * The journey with everything it refers to: its templates, the snippets those render (and the snippets
 * those render), its segments and the segments their rules name. A reference to something the workspace
 * does not have is left as it is; the importer reports it if the target workspace lacks it too.
 */
export function journeyFileOf(services: Services, journey: Journey): JourneyFile {
  const { db } = services;
  const refs = journeyReferences(journey.document);
  const known = services.templates.ids();
  const templates: TemplateEntry[] = refs.templateIds.filter((id) => known.has(id)).map((id) => services.templates.get(id));

  const segments = new Map<string, SegmentEntry>();
  closure(refs.segmentIds, (id) => {
    const segment = readSegment(db, id);
    if (!segment) return [];
    segments.set(id, segment);
    return segmentIdsInRule(segment.rule);
  });

  const snippets = closure(templates.flatMap(snippetNamesOfTemplate), (name) => {
    const snippet = readSnippet(db, name);
    return snippet ? snippetNamesIn(snippet.body) : [];
  })
    .map((name) => readSnippet(db, name))
    .filter((s) => s !== undefined);

  return buildJourneyFile({ id: journey.id, name: journey.name, document: journey.document, templates, snippets, segments: [...segments.values()] });
}

export function exportJourneyText(services: Services, id: string): { fileName: string; text: string } {
  const journey = findJourney(services, id);
  return { fileName: journeyFileName(journey.name), text: serializeJourneyFile(journeyFileOf(services, journey)) };
}
