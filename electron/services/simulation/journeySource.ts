import { ApiError } from '../../../shared/api/errors.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { describeProblem } from '../../../shared/journey/problems.ts';
import type { JourneySource } from '../../../shared/simulation/input.ts';
import type { Db } from '../../store/database.ts';
import type { JourneyStore } from '../journeys/journeyStore.ts';
import type { TemplateStore } from '../templates/templateStore.ts';
import { validationContext } from '../journeys/validationContext.ts';

/**
 * The part of the services a journey is resolved with. Not the whole Services type: the services hold the forecast
 * jobs, which take a ResolvedJourney, and importing them here would close a circle.
 */
type JourneyServices = { journeys: JourneyStore; db: Db; templates: Pick<TemplateStore, 'ids'> };

export interface ResolvedJourney {
  journeyId: string;
  name: string;
  document: JourneyDocument;
  /** What the marketer asked for: the draft or a version number. */
  version: 'draft' | number;
  /** The version runs are keyed on: a draft runs as version 0 (it has never been published). */
  runVersion: number;
}

/**
 * The document to simulate: the draft, the live version or a published one. The interpreter expects a
 * valid journey (published versions always are), so a draft with problems is refused with the problems listed.
 */
export function resolveJourney(services: JourneyServices, journeyId: string, source: JourneySource): ResolvedJourney {
  const journey = services.journeys.get(journeyId);
  if (source === 'draft') {
    const problems = validateJourney(journey.document, validationContext(services));
    if (problems.length > 0) {
      throw new ApiError('refused', `the draft of "${journey.name}" cannot be simulated yet: ${problems.map(describeProblem).join('; ')}`);
    }
    return { journeyId, name: journey.name, document: journey.document, version: 'draft', runVersion: 0 };
  }
  const version = source === 'live' ? journey.liveVersion : source;
  if (version === null) throw new ApiError('not-found', `"${journey.name}" has no live version yet: simulate its draft`);
  return { journeyId, name: journey.name, document: services.journeys.version(journeyId, version), version, runVersion: version };
}

/** A journey given as a document (the CLI's journey.json): validated the same way. */
export function journeyFromDocument(services: JourneyServices, document: JourneyDocument, journeyId = 'j_file'): ResolvedJourney {
  const problems = validateJourney(document, validationContext(services));
  if (problems.length > 0) throw new ApiError('refused', `the journey cannot be simulated: ${problems.map(describeProblem).join('; ')}`);
  return { journeyId, name: journeyId, document, version: 'draft', runVersion: 0 };
}
