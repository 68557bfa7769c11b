import { create } from 'zustand';

export type Route = { screen: 'journeys' } | { screen: 'journey'; id: string } | { screen: 'results'; id: string };

const parse = (hash: string): Route => {
  const results = /^#\/journeys\/([A-Za-z0-9_-]+)\/results/.exec(hash);
  if (results) return { screen: 'results', id: results[1] };
  const journey = /^#\/journeys\/([A-Za-z0-9_-]+)/.exec(hash);
  return journey ? { screen: 'journey', id: journey[1] } : { screen: 'journeys' };
};

const format = (route: Route): string =>
  route.screen === 'results' ? `#/journeys/${route.id}/results` : route.screen === 'journey' ? `#/journeys/${route.id}` : '#/journeys';

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
