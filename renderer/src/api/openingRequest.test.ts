import { describe, expect, it } from 'vitest';
import type { Transport } from '../../../shared/api/client.ts';
import { sendOpeningRequest, withOpeningRequest } from './openingRequest.ts';

/** A transport that records what it was asked and answers with the call and a running number. */
function recording() {
  const calls: string[] = [];
  const transport: Transport = (name, input) => {
    calls.push(`${name} ${JSON.stringify(input)}`);
    return Promise.resolve({ ok: true, value: { name, n: calls.length } });
  };
  return { calls, transport };
}

describe('the opening request', () => {
  it('asks for the journey a page opens on once: the editor gets that answer, and asks anew later', async () => {
    const { calls, transport } = recording();
    sendOpeningRequest(transport, '#/journeys/j_welcome');
    expect(calls).toEqual(['journeys.get {"id":"j_welcome"}']);
    const app = withOpeningRequest(transport);
    expect(await app('journeys.get', { id: 'j_welcome' })).toEqual({ ok: true, value: { name: 'journeys.get', n: 1 } });
    expect(calls).toHaveLength(1);
    // Once taken, the early answer is gone: reopening the journey asks the host again.
    expect(await app('journeys.get', { id: 'j_welcome' })).toEqual({ ok: true, value: { name: 'journeys.get', n: 2 } });
  });

  it('sends nothing for pages that do not open on a journey, and never answers another call with it', async () => {
    const { calls, transport } = recording();
    sendOpeningRequest(transport, '#/contacts');
    sendOpeningRequest(transport, '#token=abc');
    sendOpeningRequest(transport, '#/journeys/j_trial/results');
    expect(calls).toEqual([]);
    sendOpeningRequest(transport, '#/journeys/j_trial');
    const app = withOpeningRequest(transport);
    await app('journeys.get', { id: 'j_other' });
    await app('journeys.list', {});
    expect(calls).toEqual(['journeys.get {"id":"j_trial"}', 'journeys.get {"id":"j_other"}', 'journeys.list {}']);
    expect(await app('journeys.get', { id: 'j_trial' })).toEqual({ ok: true, value: { name: 'journeys.get', n: 1 } });
  });
});
