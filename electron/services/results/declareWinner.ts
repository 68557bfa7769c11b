import type { Services } from '../services.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { describeProblem } from '../../../shared/journey/problems.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { withWinner } from '../../../shared/results/declareWinner.ts';
import { validationContext } from '../journeys/validationContext.ts';
import { writeTransaction } from '../../store/database.ts';

const logic = (d: JourneyDocument) => canonicalJson({ nodes: d.nodes, edges: d.edges, settings: d.settings });

/**
 * Declares an A/B split's winner: the live journey, with the winner at 100% and the others at 0%, becomes
 * the next published version, through the journeys store like any publish. Contacts already past the split
 * keep their variant (assignment is sticky and runs stay on their version); everyone arriving from now on
 * goes down the winner. Refused while the draft holds unpublished changes, which this must not publish
 * behind the marketer's back.
 */
export function declareWinner(services: Services, journeyId: string, splitNodeId: string, variantId: string): number {
  const { journeys, db } = services;
  const journey = journeys.get(journeyId);
  if (journey.status !== 'live' || journey.liveVersion === null) {
    throw new ApiError('refused', `"${journey.name}" is not live: publish it before declaring a winner`);
  }
  const live = journeys.version(journeyId, journey.liveVersion);
  if (logic(live) !== logic(journey.document)) {
    throw new ApiError('refused', `"${journey.name}" has unpublished changes: publish or undo them before declaring a winner`);
  }
  let document: JourneyDocument;
  try {
    document = withWinner(journey.document, splitNodeId, variantId);
  } catch (error) {
    throw new ApiError('invalid-input', (error as Error).message);
  }
  const problems = validateJourney(document, validationContext(services));
  if (problems.length > 0) throw new ApiError('refused', `the new version would not be valid: ${problems.slice(0, 3).map(describeProblem).join('; ')}`);
  return writeTransaction(db, () => {
    journeys.saveDraft(journeyId, document);
    return journeys.publish(journeyId);
  })();
}
