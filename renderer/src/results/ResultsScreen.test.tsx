import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setApi } from '../api/client.ts';
import { ResultsScreen } from './ResultsScreen.tsx';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { loadSample } from '../../../electron/services/sample/loadSample.ts';
import { at, writeTrialRun } from '../../../test/helpers/resultsFixture.ts';

/** The screen against the real handlers over a temporary workspace holding known engine rows. */
let ws: ReturnType<typeof tempWorkspace>;
beforeAll(async () => {
  ws = tempWorkspace(() => at(30));
  loadSample(ws.services.db, { contacts: 40, seed: 1, now: Date.parse('2026-03-01T00:00:00Z') });
  await ws.client['journeys.publish']({ id: 'j_trial_drip' });
  // Plain: 20 contacts, 2 upgraded. Discount: 20 contacts, 16 upgraded. Half of each opened.
  for (let i = 0; i < 40; i++) {
    writeTrialRun(ws.services.db, i + 1, i % 2 === 0 ? 'v_a' : 'v_b', { opened: i % 4 < 2, upgraded: i % 2 === 0 ? i % 20 === 0 : i % 10 !== 9 });
  }
  setApi(ws.client);
});
afterAll(() => ws.close());

describe('results screen', { timeout: 30_000 }, () => {
  it('shows per-step counts with rates beside them, and the A/B verdict', async () => {
    render(<ResultsScreen journeyId="j_trial_drip" />);
    await screen.findByRole('heading', { name: 'Results: 21-day trial nurture' });
    const steps = await screen.findByRole('table', { name: 'Steps' });
    const discount = within(steps).getByRole('row', { name: /Day 21: 20% off/ });
    const cells = within(discount).getAllByRole('cell').map((c) => c.textContent);
    // Reached, Sent, Failed, Suppressed, Deferred, Opens, Open rate ...
    expect(cells.slice(0, 7)).toEqual(['20', '20', '0', '0', '0', '10', '50.0%']);

    const verdict = screen.getByRole('status', { name: 'Verdict' });
    expect(verdict.textContent).toMatch(/^Variant B \(Discount\) converts better with (9[5-9]|>99)% probability$/);
    const variants = screen.getByRole('table', { name: 'Variants of Last-day offer test' });
    expect(within(variants).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Declare Variant B (Discount) the winner' })).toBeTruthy();
  });

  it('recomputes the test on opens and answers the sample-size calculator', async () => {
    const user = userEvent.setup();
    render(<ResultsScreen journeyId="j_trial_drip" />);
    const metric = await screen.findByRole('combobox', { name: 'Metric for Last-day offer test' });
    await user.selectOptions(metric, 'open');
    const variants = screen.getByRole('table', { name: 'Variants of Last-day offer test' });
    await within(variants).findByRole('columnheader', { name: 'Opens' });
    expect(screen.getByRole('status', { name: 'Verdict' }).textContent).toMatch(/^Not enough data yet: about [\d,]+ more contacts per variant needed for a 2-point lift$/);

    const baseline = screen.getByRole('spinbutton', { name: 'Baseline rate (%)' });
    await user.clear(baseline);
    await user.type(baseline, '10');
    expect(screen.getByRole('status', { name: 'Contacts needed' }).textContent).toBe('3,841 contacts per variant');
  });
});
