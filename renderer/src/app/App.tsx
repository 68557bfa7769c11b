import { useEffect } from 'react';
import { followHashChanges, useNavigation } from './navigation.ts';
import { JourneysScreen } from '../journeys/JourneysScreen.tsx';
import { JourneyEditor } from '../editor/JourneyEditor.tsx';
import { ResultsScreen } from '../results/ResultsScreen.tsx';

/** The app shell: a sidebar of screens and the current screen. */
export function App() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  useEffect(followHashChanges, []);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Journey Studio</div>
        <ul>
          <li>
            <a href="#/journeys" aria-current={route.screen === 'journeys' || route.screen === 'journey' ? 'page' : undefined} onClick={(e) => {
              e.preventDefault();
              go({ screen: 'journeys' });
            }}>
              Journeys
            </a>
          </li>
          {(route.screen === 'journey' || route.screen === 'results') && (
            <li>
              <a href={`#/journeys/${route.id}/results`} aria-current={route.screen === 'results' ? 'page' : undefined} onClick={(e) => {
                e.preventDefault();
                go({ screen: 'results', id: route.id });
              }}>
                Results
              </a>
            </li>
          )}
        </ul>
      </nav>
      <main className="content">
        {route.screen === 'journeys' && <JourneysScreen />}
        {route.screen === 'journey' && <JourneyEditor key={route.id} journeyId={route.id} />}
        {route.screen === 'results' && <ResultsScreen key={route.id} journeyId={route.id} />}
      </main>
    </div>
  );
}
