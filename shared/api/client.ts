import { ApiError, type Envelope } from './errors.ts';
import type { CallInput, CallName, CallOutput } from './contract.ts';

/** How a call reaches a host: IPC in the desktop app, HTTP in browser mode, a direct dispatch in tests. */
export type Transport = (name: CallName, input: unknown) => Promise<Envelope>;

export type ApiClient = { readonly [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/**
 * A typed client with exactly the contract's calls (its type says which); errors arrive as ApiError.
 * A call needs only its name: the host validates every input at its boundary and refuses a name it does not
 * declare. So the client does not import the contract's schemas, and the renderer, which only sends calls, does
 * not build the schemas of the whole API before it can ask for the journey it opens.
 */
export function createClient(transport: Transport): ApiClient {
  const calls = new Map<string, (input: unknown) => Promise<unknown>>();
  const callFor = (name: CallName) => async (input: unknown) => {
    const envelope = await transport(name, input);
    if (!envelope.ok) throw ApiError.from(envelope.error);
    return envelope.value;
  };
  return new Proxy(Object.freeze({}), {
    get(_client, name) {
      // Not a call: symbols, and `then` (so awaiting or resolving with a client does not take it for a promise).
      if (typeof name !== 'string' || name === 'then') return undefined;
      let call = calls.get(name);
      if (!call) calls.set(name, (call = callFor(name as CallName)));
      return call;
    },
  }) as ApiClient;
}
