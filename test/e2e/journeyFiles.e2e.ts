import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './harness.ts';
import { dumpStore } from '../helpers/storeDump.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * The journey page as a marketer reads it, once the Problems panel has finished checking and the side panel's
 * settings are there (both follow the first paint).
 */
async function settledJourneyPage(page: RunningApp['page']): Promise<string> {
  await page.getByRole('heading', { name: 'Cart abandonment' }).waitFor();
  await page.getByText('No problems: this journey can go live.').waitFor();
  await page.getByRole('heading', { name: 'Journey settings' }).waitFor();
  return page.locator('main').innerText();
}

const withoutTimes = <T extends { createdAt: number; updatedAt: number }>(j: T) => ({ ...j, createdAt: 0, updatedAt: 0 });

describe('journey files in browser mode', () => {
  it('exports a journey, deletes it, imports the file and finds it identical', async () => {
    app = await startApp({ sample: { contacts: 20 } });
    const { page, workspace } = app;
    await app.open();
    const table = page.getByRole('table', { name: 'Journeys' });

    // What the journey page shows before.
    await table.getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    const pageBefore = await settledJourneyPage(page);
    const apiBefore = await workspace.client['journeys.get']({ id: 'j_cart_abandonment' });
    await page.getByRole('link', { name: 'Journeys' }).click();

    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Export Cart abandonment' }).click()]);
    expect(download.suggestedFilename()).toBe('cart-abandonment.journey.json');
    const file = join(workspace.dir, download.suggestedFilename());
    await download.saveAs(file);
    const exported = readFileSync(file, 'utf8');
    expect(exported).toBe((await workspace.client['exchange.exportJourney']({ id: 'j_cart_abandonment' })).text);

    await table.getByRole('button', { name: 'Delete Cart abandonment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete journey' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(3);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import journey…' }).click()]);
    await chooser.setFiles(file);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Imported “Cart abandonment”' }).waitFor();
    await dialog.getByRole('button', { name: 'Open journey' }).click();

    expect(await settledJourneyPage(page)).toBe(pageBefore);
    expect(withoutTimes(await workspace.client['journeys.get']({ id: 'j_cart_abandonment' }))).toEqual(withoutTimes(apiBefore));
    expect((await workspace.client['exchange.exportJourney']({ id: 'j_cart_abandonment' })).text).toBe(exported);
    await page.screenshot({ path: 'test-results/journey-imported.png' });
  });

  it('asks on a clash, and reports the problems of a broken file dropped on the window without writing anything', async () => {
    app = await startApp({ sample: { contacts: 20 } });
    const { page, workspace } = app;
    await app.open();
    const text = (await workspace.client['exchange.exportJourney']({ id: 'j_win_back' })).text;
    const file = join(workspace.dir, 'win-back.journey.json');
    writeFileSync(file, text);

    await page.getByLabel('Journey file to import').setInputFiles(file);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '“Win-back lapsed buyers” is already here' }).waitFor();
    await dialog.getByRole('button', { name: 'Import as a copy' }).click();
    await dialog.getByRole('heading', { name: 'Imported “Win-back lapsed buyers (copy)”' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('table', { name: 'Journeys' }).getByRole('button', { name: 'Win-back lapsed buyers (copy)', exact: true }).waitFor();

    const broken = JSON.parse(text);
    broken.edges[0].target = 'n_nowhere';
    broken.version = 2;
    const before = dumpStore(workspace.services.db);
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'broken.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(broken, null, 2));
    await dialog.getByRole('heading', { name: 'broken.json was not imported' }).waitFor();
    await expect.poll(() => dialog.getByRole('list', { name: 'Problems' }).innerText()).toContain('edges[0].target the edge');
    expect(dumpStore(workspace.services.db)).toEqual(before);
    await page.screenshot({ path: 'test-results/journey-import-problems.png' });
  });

  it('backs up the workspace and restores it', async () => {
    app = await startApp({ sample: { contacts: 20 } });
    const { page, workspace } = app;
    await app.open();
    await page.getByRole('link', { name: 'Backup' }).click();
    await page.getByRole('heading', { name: 'Workspace backup' }).waitFor();
    await page.getByRole('checkbox', { name: 'Include contacts' }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up workspace' }).click()]);
    const file = join(workspace.dir, 'backup.json');
    await download.saveAs(file);
    const backup = JSON.parse(readFileSync(file, 'utf8'));
    expect(backup.journeys).toHaveLength(3);
    expect(backup.contacts).toHaveLength(20);
    expect(backup).not.toHaveProperty('events');

    await workspace.client['journeys.delete']({ id: 'j_trial_drip' });
    await page.getByLabel('Backup file to restore').setInputFiles(file);
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('status').getByText('Restored backup.json:').waitFor();
    expect((await workspace.client['journeys.list']({})).map((j) => j.id).sort()).toEqual(['j_cart_abandonment', 'j_trial_drip', 'j_win_back']);
    await page.screenshot({ path: 'test-results/workspace-backup.png' });
  });
});
