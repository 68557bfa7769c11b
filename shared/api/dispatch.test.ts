import { describe, expect, it, afterEach } from 'vitest';
import { dispatch } from './dispatch.ts';
import { tempWorkspace } from '../../test/helpers/workspace.ts';
import { ApiError } from './errors.ts';

let workspace: ReturnType<typeof tempWorkspace> | undefined;
afterEach(() => workspace?.close());

describe('dispatch', () => {
  it('refuses a call the contract does not declare', async () => {
    workspace = tempWorkspace();
    expect(await dispatch(workspace.handlers, 'journeys.drop', {})).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'there is no call named "journeys.drop"' },
    });
    // Inherited properties are not calls either.
    expect(await dispatch(workspace.handlers, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it('refuses input of the wrong types, naming each field', async () => {
    workspace = tempWorkspace();
    const result = await dispatch(workspace.handlers, 'journeys.rename', { id: 42, name: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.issues?.map((i) => i.path)).toEqual(['id', 'name']);
    expect(result.error.message).toContain('name: a journey needs a name');
  });

  it('passes handler errors meant for the user through, and a journey round-trips', async () => {
    workspace = tempWorkspace();
    const { client } = workspace;
    await expect(client['journeys.get']({ id: 'missing' })).rejects.toEqual(new ApiError('not-found', 'no journey with the id missing'));
    const created = await client['journeys.create']({ name: 'Welcome' });
    expect(await client['journeys.list']({})).toEqual([expect.objectContaining({ id: created.id, name: 'Welcome', status: 'draft', nodeCount: 0 })]);
  });

  it('refuses to publish a journey with problems, saying why', async () => {
    workspace = tempWorkspace();
    const { client } = workspace;
    const created = await client['journeys.create']({ name: 'Empty' });
    await expect(client['journeys.publish']({ id: created.id })).rejects.toThrow(/cannot go live while it has 1 problem\(s\): journey: the journey has no trigger/);
    expect((await client['journeys.get']({ id: created.id })).status).toBe('draft');
  });
});
