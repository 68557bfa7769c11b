import { useEffect, useState } from 'react';
import type { RunView } from '../../../shared/api/calls/engine.ts';
import { api } from '../api/client.ts';

/** The journeys a contact is in or has left, from the live engine: where they are, and why. */
export function ContactJourneys({ contactId }: { contactId: number }) {
  const [runs, setRuns] = useState<RunView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api()['engine.whereIs']({ contactId }).then(setRuns, (e: Error) => setError(e.message));
  }, [contactId]);

  return (
    <section aria-labelledby="journeys-title">
      <h2 id="journeys-title">Journeys</h2>
      {error && <p role="alert" className="error-banner">{error}</p>}
      {runs?.length === 0 && <p className="muted">Not in any journey.</p>}
      {runs && runs.length > 0 && (
        <ul className="plain-list" aria-label="Journeys of this contact">
          {runs.map((run) => (
            <li key={run.runId}>
              <a href={`#/journeys/${run.journeyId}`}>{run.journeyName}</a> (version {run.version}, {run.status === 'active' ? 'in the journey' : 'left'}): {run.summary}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
