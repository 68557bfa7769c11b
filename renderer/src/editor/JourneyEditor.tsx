import { useEffect, useState } from 'react';
import type { Journey } from '../../../shared/api/calls/journeys.ts';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import { api } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';

/** A journey's page. The canvas issue replaces this read-only outline with the editor. */
export function JourneyEditor({ journeyId }: { journeyId: string }) {
  const go = useNavigation((s) => s.go);
  const [journey, setJourney] = useState<Journey | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api()['journeys.get']({ id: journeyId }).then(setJourney, (e: Error) => setError(e.message));
  }, [journeyId]);

  return (
    <section className="screen" aria-labelledby="journey-title">
      <button type="button" className="link" onClick={() => go({ screen: 'journeys' })}>
        ← All journeys
      </button>
      {error && <p role="alert" className="error-banner">{error}</p>}
      {journey && (
        <>
          <h1 id="journey-title">{journey.name}</h1>
          <ol aria-label="Steps">
            {journey.document.nodes.map((node) => (
              <li key={node.id}>
                {nodeKindInfo[node.kind].label}: {node.name}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
