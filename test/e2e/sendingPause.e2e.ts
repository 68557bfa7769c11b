import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { SendingPause } from '../../electron/services/engine/sendingPause.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('a paused workspace in browser mode', () => {
  it('says so on the journeys list, the canvas and the outbox, and resumes from any of them', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page } = app;
    const pause = new SendingPause(app.workspace.services.db);
    for (let i = 0; i < 5; i++) pause.record({ at: Date.now(), to: `b${i}@example.net`, kind: 'policy', reply: '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes' });

    await app.open();
    const banner = page.getByRole('alert', { name: 'Sending paused' });
    await page.getByRole('table', { name: 'Journeys' }).getByRole('button', { name: 'Cart abandonment', exact: true }).waitFor();
    await expect.poll(() => banner.textContent()).toMatch(/policy or reputation reasons.*554 5\.7\.9 Message not accepted for policy reasons/);

    await page.getByRole('table', { name: 'Journeys' }).getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    await page.getByRole('heading', { name: 'Cart abandonment' }).waitFor();
    await banner.waitFor();
    await page.screenshot({ path: 'test-results/sending-paused-canvas.png' });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Outbox' }).waitFor();
    await banner.getByRole('button', { name: 'Resume sending' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(pause.current()).toBeNull();
  });
});
