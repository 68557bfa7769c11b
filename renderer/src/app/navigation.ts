import { create } from 'zustand';

export type Route = { screen: 'journeys' } | { screen: 'journey'; id: string } | { screen: 'backup' };

const parse = (hash: string): Route => {
  const journey = /^#\/journeys\/([A-Za-z0-9_-]+)/.exec(hash);
  if (hash === '#/backup') return { screen: 'backup' };
  return journey ? { screen: 'journey', id: journey[1] } : { screen: 'journeys' };
};

const format = (route: Route): string => (route.screen === 'journey' ? `#/journeys/${route.id}` : route.screen === 'backup' ? '#/backup' : '#/journeys');
export type Route =
  | { screen: 'journeys' }
  | { screen: 'journey'; id: string }
  | { screen: 'contacts' }
  | { screen: 'contact'; id: number }
  | { screen: 'segments' }
  | { screen: 'import' };

const parse = (hash: string): Route => {
  const journey = /^#\/journeys\/([A-Za-z0-9_-]+)/.exec(hash);
  if (journey) return { screen: 'journey', id: journey[1] };
  const contact = /^#\/contacts\/(\d+)/.exec(hash);
  if (contact) return { screen: 'contact', id: Number(contact[1]) };
  if (hash.startsWith('#/contacts')) return { screen: 'contacts' };
  if (hash.startsWith('#/segments')) return { screen: 'segments' };
  if (hash.startsWith('#/import')) return { screen: 'import' };
  return { screen: 'journeys' };
};

const format = (route: Route): string => {
  switch (route.screen) {
    case 'journey':
      return `#/journeys/${route.id}`;
    case 'contact':
      return `#/contacts/${route.id}`;
    case 'contacts':
    case 'segments':
    case 'import':
      return `#/${route.screen}`;
    default:
      return '#/journeys';
  }
};

interface NavigationState {
  route: Route;
  go(route: Route): void;
}

/** Where the user is, mirrored in the URL fragment so reloads and back/forward keep their place. */
export const useNavigation = create<NavigationState>((set) => ({
  route: parse(typeof window === 'undefined' ? '' : window.location.hash),
  go(route) {
    if (window.location.hash !== format(route)) window.location.hash = format(route);
    set({ route });
  },
}));

export function followHashChanges(): () => void {
  const onChange = () => useNavigation.setState({ route: parse(window.location.hash) });
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
