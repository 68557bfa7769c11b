import { ApiError, type Envelope } from './errors.ts';
import { callNames, type CallInput, type CallName, type CallOutput } from './contract.ts';

/** How a call reaches a host: IPC in the desktop app, HTTP in browser mode, a direct dispatch in tests. */
export type Transport = (name: CallName, input: unknown) => Promise<Envelope>;

export type ApiClient = { readonly [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/** A typed client with exactly the contract's calls; errors arrive as ApiError. */
export function createClient(transport: Transport): ApiClient {
  const client: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of callNames) {
    client[name] = async (input) => {
      const envelope = await transport(name, input);
      if (!envelope.ok) throw ApiError.from(envelope.error);
      return envelope.value;
    };
  }
  return Object.freeze(client) as unknown as ApiClient;
}
