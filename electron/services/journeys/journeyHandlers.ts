import type { Handlers } from '../../../shared/api/dispatch.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { describeProblem } from '../../../shared/journey/problems.ts';
import type { Services } from '../services.ts';
import { validationContext } from './validationContext.ts';

type JourneyHandlers = Pick<
  Handlers,
  | 'journeys.list'
  | 'journeys.get'
  | 'journeys.create'
  | 'journeys.rename'
  | 'journeys.saveDraft'
  | 'journeys.duplicate'
  | 'journeys.delete'
  | 'journeys.validate'
  | 'journeys.publish'
>;

export function journeyHandlers(services: Services): JourneyHandlers {
  const { journeys } = services;
  return {
    'journeys.list': ({ search }) => journeys.list(search),
    'journeys.get': ({ id }) => journeys.get(id),
    'journeys.create': ({ name, document }) => journeys.create(name, document),
    'journeys.rename': ({ id, name }) => journeys.rename(id, name),
    'journeys.saveDraft': ({ id, document }) => journeys.saveDraft(id, document),
    'journeys.duplicate': ({ id }) => journeys.duplicate(id),
    'journeys.delete': ({ id }) => {
      journeys.delete(id);
      return { deleted: true as const };
    },
    'journeys.validate': ({ document }) => validateJourney(document, validationContext(services)),
    'journeys.publish': ({ id }) => {
      const journey = journeys.get(id);
      const problems = validateJourney(journey.document, validationContext(services));
      if (problems.length > 0) {
        const first = problems.slice(0, 3).map(describeProblem).join('; ');
        const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
        throw new ApiError('refused', `"${journey.name}" cannot go live while it has ${problems.length} problem(s): ${first}${more}`);
      }
      const version = journeys.publish(id);
      return { version, journey: journeys.list().find((j) => j.id === id)! };
    },
  };
}
