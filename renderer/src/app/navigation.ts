import { create } from 'zustand';

/** Screens without parameters; each lives at '#/<screen>'. */
const plainScreens = ['journeys', 'contacts', 'segments', 'import', 'templates', 'outbox', 'backup'] as const;
type PlainScreen = (typeof plainScreens)[number];

export type Route =
  | { screen: PlainScreen }
  | { screen: 'journey'; id: string }
  | { screen: 'journey-test'; id: string }
  | { screen: 'results'; id: string }
  | { screen: 'contact'; id: number }
  | { screen: 'template'; id: string };

const isId = (text: string | undefined): text is string => !!text && /^[A-Za-z0-9_-]+$/.test(text);

/** '#/journeys/<id>[/test|/results]', '#/contacts/<id>', '#/templates/<id>' or '#/<screen>'; anything else is the journeys list. */
export function parseRoute(hash: string): Route {
  const [, first = '', second, third] = hash.replace(/^#/, '').split('/');
  if (first === 'journeys' && isId(second) && third === 'test') return { screen: 'journey-test', id: second };
  if (first === 'journeys' && isId(second) && third === 'results') return { screen: 'results', id: second };
  if (first === 'journeys' && isId(second)) return { screen: 'journey', id: second };
  if (first === 'templates' && isId(second)) return { screen: 'template', id: second };
  if (first === 'contacts' && second && /^\d+$/.test(second)) return { screen: 'contact', id: Number(second) };
  return (plainScreens as readonly string[]).includes(first) ? { screen: first as PlainScreen } : { screen: 'journeys' };
}

export function formatRoute(route: Route): string {
  switch (route.screen) {
    case 'journey':
      return `#/journeys/${route.id}`;
    case 'journey-test':
      return `#/journeys/${route.id}/test`;
    case 'results':
      return `#/journeys/${route.id}/results`;
    case 'contact':
      return `#/contacts/${route.id}`;
    case 'template':
      return `#/templates/${route.id}`;
    default:
      return `#/${route.screen}`;
  }
}

interface NavigationState {
  route: Route;
  go(route: Route): void;
}

/** Where the user is, mirrored in the URL fragment so reloads and back/forward keep their place. */
export const useNavigation = create<NavigationState>((set) => ({
  route: parseRoute(typeof window === 'undefined' ? '' : window.location.hash),
  go(route) {
    if (window.location.hash !== formatRoute(route)) window.location.hash = formatRoute(route);
    set({ route });
  },
}));

export function followHashChanges(): () => void {
  const onChange = () => useNavigation.setState({ route: parseRoute(window.location.hash) });
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
