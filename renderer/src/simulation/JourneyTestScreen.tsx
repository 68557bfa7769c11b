import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';
import { ForecastView } from './ForecastView.tsx';
import { SimulatorPanel } from './SimulatorPanel.tsx';

/** `#/journeys/<id>/test`: the simulator and the forecast for one journey, until the canvas hosts the panel. */
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
      <SimulatorPanel journeyId={journeyId} />
      <ForecastView journeyId={journeyId} />
    </section>
  );
}
