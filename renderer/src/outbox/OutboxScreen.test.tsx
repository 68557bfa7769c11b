import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { join } from 'node:path';
import { setApi } from '../api/client.ts';
import { OutboxScreen } from './OutboxScreen.tsx';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { loadSample } from '../../../electron/services/sample/loadSample.ts';
import { JourneyRunner } from '../../../electron/services/engine/runner.ts';
import { OutboxSender } from '../../../electron/services/engine/senders/outboxSender.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');
let ws: ReturnType<typeof tempWorkspace>;
let sent: number;

/** The outbox against the real handlers, after the live runner sent the trial's day-1 emails. */
beforeAll(async () => {
  ws = tempWorkspace(() => T0);
  loadSample(ws.services.db, { contacts: 60, seed: 3, now: T0 });
  await ws.client['journeys.publish']({ id: 'j_trial_drip' });
  let clock = T0;
  const runner = new JourneyRunner({ db: ws.services.db, emailRenderer: ws.services.emailRenderer, sender: new OutboxSender(join(ws.dir, 'outbox')), now: () => clock, membershipIntervalMs: 0 });
  for (let hour = 0; hour < 48; hour++, clock += 3_600_000) await runner.runOnce();
  await runner.close();
  sent = ws.services.db.prepare(`SELECT COUNT(*) FROM outbound_emails WHERE status = 'sent'`).pluck().get() as number;
  setApi(ws.client);
}, 60_000);
afterAll(() => ws.close());

describe('outbox screen', { timeout: 30_000 }, () => {
  it('lists the emails the engine sent, with their subjects, and filters by status', async () => {
    expect(sent).toBeGreaterThan(0);
    render(<OutboxScreen />);
    const table = await screen.findByRole('table', { name: 'Emails' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(sent);
    expect(rows[0].textContent).toMatch(/Day 1 of your trial/);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'failed');
    await screen.findByText('No failed emails.');
  });
});
