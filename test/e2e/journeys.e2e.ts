import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('journeys list in browser mode', () => {
  it('loads the sample workspace from the empty state and lists its journeys', async () => {
    app = await startApp();
    const { page } = app;
    await app.open();
    await page.getByRole('heading', { name: 'No journeys yet' }).waitFor();
    await page.getByRole('button', { name: 'Load sample workspace' }).click();
    const table = page.getByRole('table', { name: 'Journeys' });
    await table.getByRole('button', { name: 'Cart abandonment', exact: true }).waitFor();
    expect(await table.getByRole('row').count()).toBe(4); // header + three journeys
    expect(app.workspace.services.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(2000);
    await page.screenshot({ path: 'test-results/journeys-list.png' });
  });

  it('creates, renames, searches, duplicates and deletes journeys', async () => {
    app = await startApp();
    const { page } = app;
    await app.open();
    await page.getByRole('textbox', { name: 'New journey name' }).fill('Welcome series');
    await page.getByRole('button', { name: 'New journey', exact: true }).click();
    await page.getByRole('heading', { name: 'Welcome series' }).waitFor();

    await page.getByRole('button', { name: '← All journeys' }).click();
    await page.getByRole('button', { name: 'Rename Welcome series', exact: true }).click();
    await page.getByRole('textbox', { name: 'New name for Welcome series' }).fill('Onboarding');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('button', { name: 'Duplicate Onboarding', exact: true }).click();
    await page.getByRole('button', { name: 'Onboarding (copy)', exact: true }).waitFor();

    await page.getByRole('searchbox', { name: 'Search journeys' }).fill('copy');
    await expect.poll(() => page.getByRole('table', { name: 'Journeys' }).getByRole('row').count()).toBe(2);

    await page.getByRole('button', { name: 'Delete Onboarding (copy)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete journey' }).click();
    await page.getByText('No journey matches “copy”.').waitFor();
    expect(app.workspace.services.journeys.list().map((j) => j.name)).toEqual(['Onboarding']);
  });
});
