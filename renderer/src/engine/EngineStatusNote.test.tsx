import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { hostname } from 'node:os';
import { setApi } from '../api/client.ts';
import { OutboxScreen } from '../outbox/OutboxScreen.tsx';
import { JourneysScreen } from '../journeys/JourneysScreen.tsx';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { machineKey } from '../../../electron/services/engine/engineLease.ts';
import type { EngineStatus } from '../../../shared/api/calls/engine.ts';

let ws: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  ws = tempWorkspace();
  setApi(ws.client);
});
afterAll(() => ws.close());

/** The workspace's lease, held by `pid` of this machine since `since` and for another minute past `now`. */
function lease(kind: string, pid: number, since: number, expiresAt = Date.now() + 60_000) {
  ws.services.db.prepare('DELETE FROM engine_lease').run();
  ws.services.db.prepare(`INSERT INTO engine_lease VALUES (1, 'x', ?, ?, ?, ?, ?, ?, ?)`).run(kind, pid, hostname(), machineKey(), since, since, expiresAt);
}

const clock = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

describe('where the engine runs, on the screens that show its work', { timeout: 30_000 }, () => {
  it('the outbox says when another process runs the engine, and which', async () => {
    const since = Date.now() - 60_000;
    lease('journey-studio run', process.ppid, since); // the process that started the tests: alive, and not this one
    render(<OutboxScreen />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        `The engine runs in another process: journey-studio run (pid ${process.ppid} on ${hostname()}) since ${clock(since)}. This app stands by and takes over when it stops.`,
      ),
    );
  });

  it('the journeys list says when no engine runs, and which ran last', async () => {
    const since = Date.now() - 120_000;
    lease('the desktop app', process.ppid, since, Date.now() - 1000);
    render(<JourneysScreen />);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        `The engine is not running: live journeys neither move on nor send. It last ran in the desktop app (pid ${process.ppid} on ${hostname()}), until ${clock(since)}.`,
      ),
    );
  });

  it('says nothing while the engine runs in this app', async () => {
    lease('npm run serve', process.pid, Date.now());
    const answered: Array<Promise<EngineStatus>> = [];
    const status = (input: Record<string, never>) => answered[answered.push(ws.client['engine.status'](input)) - 1];
    setApi(new Proxy(ws.client, { get: (client, name, receiver) => (name === 'engine.status' ? status : Reflect.get(client, name, receiver)) }));
    render(<OutboxScreen />);
    await waitFor(() => expect(answered).toHaveLength(1));
    await answered[0];
    await screen.findByText(/No emails yet/);
    expect(screen.getByRole('status').textContent).toBe('');
    setApi(ws.client);
  });
});
