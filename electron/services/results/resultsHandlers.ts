import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { Services } from '../services.ts';
import { declareWinner } from './declareWinner.ts';

type ResultsHandlers = Pick<Handlers, 'results.journey' | 'results.nodes' | 'results.engagement' | 'results.declareWinner'>;

export function resultsHandlers(services: Services): ResultsHandlers {
  const { results, journeys } = services;
  return {
    'results.journey': (query) => results.journey(query),
    'results.nodes': ({ journeyId, from, to, attribution }) => results.nodes(journeyId, { from, to }, attribution),
    'results.engagement': ({ segmentId, fallbackTimezone }) => results.engagement(segmentId, fallbackTimezone),
    'results.declareWinner': ({ journeyId, splitNodeId, variantId }) => {
      const version = declareWinner(services, journeyId, splitNodeId, variantId);
      return { version, journey: journeys.list().find((j) => j.id === journeyId)! };
    },
  };
}
