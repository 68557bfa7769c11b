import type { Transport } from '../../../shared/api/client.ts';
import type { Envelope } from '../../../shared/api/errors.ts';
import { parseRoute } from '../app/navigation.ts';

/**
 * The journey the page opens on, asked for as soon as the app's scripts start to run instead of once React has
 * mounted its editor: the host answers while the rest of the app is set up, and the editor's own `journeys.get`
 * takes that answer (once) instead of asking again.
 */
const early = new Map<string, Promise<Envelope>>();
const keyOf = (name: string, input: unknown) => `${name} ${JSON.stringify(input)}`;

/** Sends the request for what the route in `hash` opens on, if it opens on a journey. */
export function sendOpeningRequest(transport: Transport, hash: string): void {
  const route = parseRoute(hash);
  if (route.screen !== 'journey') return;
  const input = { id: route.id };
  early.set(keyOf('journeys.get', input), transport('journeys.get', input));
}

/** `transport`, except that the first call matching a request sent early gets that request's answer. */
export function withOpeningRequest(transport: Transport): Transport {
  return (name, input) => {
    const key = keyOf(name, input);
    const answer = early.get(key);
    if (!answer) return transport(name, input);
    early.delete(key);
    return answer;
  };
}
