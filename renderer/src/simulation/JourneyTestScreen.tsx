import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';
import { ForecastView } from './ForecastView.tsx';

/** `#/journeys/<id>/test`: the audience forecast for one journey (one contact is tested beside the canvas). */
export function JourneyTestScreen({ journeyId }: { journeyId: string }) {
  const go = useNavigation((s) => s.go);
  const [name, setName] = useState('');
  useEffect(() => {
    api()['journeys.get']({ id: journeyId }).then((j) => setName(j.name), () => setName(journeyId));
  }, [journeyId]);
  return (
    <section className="screen" aria-labelledby="test-title">
      <button type="button" className="link" onClick={() => go({ screen: 'journey', id: journeyId })}>
        ← Back to the journey
      </button>
      <h1 id="test-title">Test: {name}</h1>
      <p className="muted">To test one contact, open the journey and choose Test beside the canvas: the path they take shows on the steps.</p>
      <ForecastView journeyId={journeyId} />
    </section>
  );
}
