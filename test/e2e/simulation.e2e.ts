import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('testing a journey in browser mode', { timeout: 60_000 }, () => {
  it('simulates a contact through cart abandonment; a purchase stops the path at the goal with the reason', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    // The simulator sits beside the canvas.
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByRole('heading', { name: 'Test one contact' }).waitFor();
    const step = (name: string) => page.getByRole('group', { name: new RegExp(`^${name}`) });
    const pathOf = async (name: string) => step(name).getAttribute('data-path');

    await page.getByRole('textbox', { name: 'Time zone' }).fill('Europe/London');
    await page.getByRole('textbox', { name: 'Start (ISO, UTC)' }).fill('2026-03-10T10:00Z');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('sent template t_cart_3').waitFor();
    // The timeline fits the side panel: it wraps rather than scrolling sideways.
    expect(await page.locator('.test-panel').evaluate((panel) => panel.scrollWidth - panel.clientWidth)).toBe(0);
    await expect.poll(() => page.locator('.simulator [role=status]').first().textContent()).toMatch(/Left the journey: reached the exit "Done"/);
    // The path is lit on the canvas: every reminder and the exit; the goal was not reached.
    await expect.poll(() => pathOf('Email: Last call')).toBe('taken');
    expect(await pathOf('Exit: Done')).toBe('taken');
    expect(await pathOf('Goal: Purchased')).toBe('not-taken');
    expect(await step('Goal: Purchased').getAttribute('aria-label')).toMatch(/not on the tested path$/);

    // The whole email, rendered for this contact, in the viewer.
    await timeline.getByRole('button', { name: 'View email' }).first().click();
    const viewer = page.getByRole('dialog');
    await viewer.locator('iframe').waitFor();
    expect(await viewer.locator('iframe').getAttribute('sandbox')).toBe('');
    await viewer.getByRole('button', { name: 'Close' }).click();

    // Add a purchase 30 hours in: after the second reminder.
    await page.getByRole('button', { name: 'Add event' }).click();
    await page.getByRole('textbox', { name: 'Event 1 name' }).fill('purchased');
    await page.getByRole('textbox', { name: 'Event 1 time' }).fill('+30h');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await timeline.getByText(/met the goal "Purchased": purchased at/).waitFor();
    await expect.poll(() => page.locator('.simulator [role=status]').first().textContent()).toMatch(/Left the journey: finished after "Purchased"/);
    // Now the path ends at the goal: the last reminder is dimmed.
    await expect.poll(() => pathOf('Goal: Purchased')).toBe('taken');
    expect(await pathOf('Email: Last call')).toBe('not-taken');
    expect(await page.locator('.react-flow__edge.path-taken').count()).toBeGreaterThan(0);
    expect(await timeline.getByText('sent template t_cart_3').count()).toBe(0);
    expect(await timeline.getByText('Set-up: purchased').count()).toBe(1);
    await page.screenshot({ path: 'test-results/simulation-timeline.png', fullPage: true });
    // Closing the panel clears the highlighting.
    await page.getByRole('button', { name: 'Journey settings' }).click();
    await expect.poll(() => page.locator('.react-flow__node[data-path]').count()).toBe(0);
    // Nothing was written: no runs, no emails.
    expect(app.workspace.services.db.prepare('SELECT COUNT(*) FROM journey_runs').pluck().get()).toBe(0);
    expect(app.workspace.services.db.prepare('SELECT COUNT(*) FROM outbound_emails').pluck().get()).toBe(0);
  });

  it('forecasts the audience with progress, counts per step and the contacts behind a count', async () => {
    app = await startApp({ sample: { contacts: 300 } });
    const { page } = app;
    await app.open();
    await page.evaluate(() => (window.location.hash = '#/journeys/j_trial_drip/test'));
    await page.getByRole('heading', { name: 'Test: 21-day trial nurture' }).waitFor();
    await page.getByRole('spinbutton', { name: 'Days' }).fill('21');
    await page.getByRole('button', { name: 'Forecast', exact: true }).click();
    const table = page.getByRole('table', { name: 'Counts per step' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /^Day 1 email/ });
    const sent = row.getByRole('button', { name: /sent at Day 1 email/ });
    const count = Number(await sent.textContent());
    expect(count).toBeGreaterThan(0);
    await sent.click();
    const behind = page.getByLabel('Contacts behind the count');
    await behind.getByRole('heading', { name: `${count} contact(s): sent at n_email_d1` }).waitFor();
    expect(await behind.getByRole('listitem').count()).toBe(Math.min(count, 100));
    await page.getByRole('figure', { name: 'Emails per day' }).locator('svg').first().waitFor();
  });
});
