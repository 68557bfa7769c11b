import { lazy, Suspense, useEffect } from 'react';
import { api } from '../api/client.ts';
import { useNotice } from '../editor/notices.ts';
import { followHashChanges, formatRoute, useNavigation, type Route } from './navigation.ts';
import { JourneysScreen } from '../journeys/JourneysScreen.tsx';
import { JourneyEditor } from '../editor/JourneyEditor.tsx';
import { ExchangeHost } from '../exchange/ExchangeHost.tsx';

// The screens built on the code editor (CodeMirror) and the charts (recharts) load when first opened: the canvas,
// which opens first and most often, should not wait for libraries it never uses.
const TemplateEditor = lazy(() => import('../templates/TemplateEditor.tsx').then((m) => ({ default: m.TemplateEditor })));
const JourneyTestScreen = lazy(() => import('../simulation/JourneyTestScreen.tsx').then((m) => ({ default: m.JourneyTestScreen })));
const ResultsScreen = lazy(() => import('../results/ResultsScreen.tsx').then((m) => ({ default: m.ResultsScreen })));
// The other screens load when first opened too: a page opening on a journey or the journeys list parses and
// runs only what it shows.
const BackupScreen = lazy(() => import('../exchange/BackupScreen.tsx').then((m) => ({ default: m.BackupScreen })));
const ContactsScreen = lazy(() => import('../contacts/ContactsScreen.tsx').then((m) => ({ default: m.ContactsScreen })));
const ContactPage = lazy(() => import('../contacts/ContactPage.tsx').then((m) => ({ default: m.ContactPage })));
const SegmentsScreen = lazy(() => import('../segments/SegmentsScreen.tsx').then((m) => ({ default: m.SegmentsScreen })));
const ImportScreen = lazy(() => import('../import/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })));
const TemplatesScreen = lazy(() => import('../templates/TemplatesScreen.tsx').then((m) => ({ default: m.TemplatesScreen })));
const OutboxScreen = lazy(() => import('../outbox/OutboxScreen.tsx').then((m) => ({ default: m.OutboxScreen })));

/** The app shell: a sidebar of screens and the current screen. */
export function App() {
  const route = useNavigation((s) => s.route);
  useEffect(followHashChanges, []);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Journey Studio</div>
        <ul>
          <NavLink label="Journeys" route={{ screen: 'journeys' }} current={route.screen === 'journeys' || route.screen === 'journey'} />
          <NavLink label="Templates" route={{ screen: 'templates' }} current={route.screen === 'templates' || route.screen === 'template'} />
          <NavLink label="Contacts" route={{ screen: 'contacts' }} current={route.screen === 'contacts' || route.screen === 'contact'} />
          <NavLink label="Segments" route={{ screen: 'segments' }} current={route.screen === 'segments'} />
          <NavLink label="Import" route={{ screen: 'import' }} current={route.screen === 'import'} />
          <NavLink label="Outbox" route={{ screen: 'outbox' }} current={route.screen === 'outbox'} />
          <NavLink label="Backup" route={{ screen: 'backup' }} current={route.screen === 'backup'} />
          {(route.screen === 'journey' || route.screen === 'journey-test' || route.screen === 'results') && (
            <>
              <NavLink label="Results" route={{ screen: 'results', id: route.id }} current={route.screen === 'results'} />
              <NavLink label="Test this journey" route={{ screen: 'journey-test', id: route.id }} current={route.screen === 'journey-test'} />
            </>
          )}
        </ul>
      </nav>
      <main className="content">
        <Suspense fallback={<p role="status">Loading…</p>}>
          {route.screen === 'journeys' && <JourneysScreen />}
          {route.screen === 'journey' && <JourneyEditor key={route.id} journeyId={route.id} onCreateTemplate={() => void createTemplate()} />}
          {route.screen === 'backup' && <BackupScreen />}
          {route.screen === 'outbox' && <OutboxScreen />}
          {route.screen === 'contacts' && <ContactsScreen />}
          {route.screen === 'contact' && <ContactPage key={route.id} contactId={route.id} />}
          {route.screen === 'segments' && <SegmentsScreen />}
          {route.screen === 'import' && <ImportScreen />}
          {route.screen === 'templates' && <TemplatesScreen />}
          {route.screen === 'template' && <TemplateEditor key={route.id} templateId={route.id} />}
          {route.screen === 'journey-test' && <JourneyTestScreen key={route.id} journeyId={route.id} />}
          {route.screen === 'results' && <ResultsScreen key={route.id} journeyId={route.id} />}
        </Suspense>
      </main>
      <ExchangeHost />
    </div>
  );
}

/** 'New template…' from an email step: the draft is autosaved, so the template editor can take over. */
async function createTemplate() {
  try {
    await createAndOpenTemplate();
  } catch (error) {
    useNotice.getState().show((error as Error).message, 'error');
  }
}

async function createAndOpenTemplate() {
  const existing = new Set((await api()['templates.list']({})).map((t) => t.name));
  let name = 'New template';
  for (let n = 2; existing.has(name); n++) name = `New template ${n}`;
  const template = await api()['templates.create']({ name });
  useNavigation.getState().go({ screen: 'template', id: template.id });
}

function NavLink({ label, route, current }: { label: string; route: Route; current: boolean }) {
  const go = useNavigation((s) => s.go);
  return (
    <li>
      <a href={formatRoute(route)} aria-current={current ? 'page' : undefined} onClick={(e) => {
        e.preventDefault();
        go(route);
      }}>
        {label}
      </a>
    </li>
  );
}
