import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ApiClient } from './client.ts';
import { dispatch } from './dispatch.ts';
import { ApiError } from './errors.ts';
import { tempWorkspace } from '../../test/helpers/workspace.ts';

let workspace: ReturnType<typeof tempWorkspace> | undefined;
afterEach(() => workspace?.close());

describe('the API client', () => {
  it('sends a call by its name and answers with its result', async () => {
    workspace = tempWorkspace();
    const sent: string[] = [];
    const client = createClient((name, input) => (sent.push(name), dispatch(workspace!.handlers, name, input)));
    const created = await client['journeys.create']({ name: 'Welcome' });
    expect(await client['journeys.get']({ id: created.id })).toMatchObject({ id: created.id, name: 'Welcome' });
    expect(sent).toEqual(['journeys.create', 'journeys.get']);
    // The same function each time, so a call can be passed around and compared.
    expect(client['journeys.get']).toBe(client['journeys.get']);
  });

  it('throws what the host refused as an ApiError: bad input, and a name the contract does not declare', async () => {
    workspace = tempWorkspace();
    const client = createClient((name, input) => dispatch(workspace!.handlers, name, input));
    await expect(client['journeys.rename']({ id: 'j_missing', name: '' })).rejects.toMatchObject({ code: 'invalid-input' });
    const unknown = (client as unknown as Record<string, (input: unknown) => Promise<unknown>>)['journeys.drop'];
    const error = await unknown({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'unknown-call' });
  });

  it('is not taken for a promise, and cannot be changed', async () => {
    const client = createClient(() => Promise.resolve({ ok: true, value: null }));
    const resolved: ApiClient = await Promise.resolve(client);
    expect(resolved).toBe(client);
    expect(() => {
      (client as unknown as Record<string, unknown>)['journeys.get'] = () => null;
    }).toThrow(TypeError);
  });
});
