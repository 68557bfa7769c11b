import { useEffect } from 'react';
import { followHashChanges, useNavigation } from './navigation.ts';
import { JourneysScreen } from '../journeys/JourneysScreen.tsx';
import { JourneyEditor } from '../editor/JourneyEditor.tsx';
import { TemplatesScreen } from '../templates/TemplatesScreen.tsx';
import { TemplateEditor } from '../templates/TemplateEditor.tsx';

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
          <li>
            <a href="#/templates" aria-current={route.screen === 'templates' || route.screen === 'template' ? 'page' : undefined} onClick={(e) => {
              e.preventDefault();
              go({ screen: 'templates' });
            }}>
              Templates
            </a>
          </li>
        </ul>
      </nav>
      <main className="content">
        {route.screen === 'journeys' && <JourneysScreen />}
        {route.screen === 'journey' && <JourneyEditor key={route.id} journeyId={route.id} />}
        {route.screen === 'templates' && <TemplatesScreen />}
        {route.screen === 'template' && <TemplateEditor key={route.id} templateId={route.id} />}
      </main>
    </div>
  );
}
