import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startApp, type RunningApp } from './harness.ts';
import { writeSampleFiles } from '../../electron/services/sample/writeSampleFiles.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const CLI = resolve(import.meta.dirname, '../../bin/journey-studio.js');

describe('contacts, events and segments in browser mode', () => {
  it("imports the sample files through the UI, builds 'highly engaged, no purchase in 30 days' and counts what the CLI counts", async () => {
    app = await startApp();
    const { page, workspace } = app;
    const files = await writeSampleFiles(workspace.dir, { contacts: 2000, seed: 1, now: Date.now() - 3_600_000 });
    await app.open();

    // Contacts: pick the file, check the preview and mapping, run.
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Choose a file to import').setInputFiles(files.contactsCsv);
    await page.getByRole('table', { name: 'File preview' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Column email goes to' }).inputValue()).toBe('field:email');
    expect(await page.getByRole('combobox', { name: 'Column signup_date type' }).inputValue()).toBe('date');
    await page.getByText('Email is the key').waitFor();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    const report = page.getByRole('definition');
    expect(await report.allTextContents()).toEqual(['2,000', '2,000', '0', '0', '0']);

    // Events: JSON Lines.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('radio', { name: 'Events' }).check();
    await page.getByLabel('Choose a file to import').setInputFiles(files.eventsJsonl);
    await page.getByRole('table', { name: 'File preview' }).waitFor();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 180_000 });
    expect(await page.getByRole('definition').nth(1).textContent()).toBe(files.events.toLocaleString('en-US'));
    expect(workspace.services.db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(files.events);

    // The segment, in the rule builder.
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('combobox', { name: 'Add a condition to rule' }).selectOption('Percentile');
    await page.getByRole('combobox', { name: 'Add a condition to rule' }).selectOption('Last occurrence');
    await page.getByRole('combobox', { name: 'Condition 2 event' }).fill('purchased');
    await page.getByRole('spinbutton', { name: 'Condition 2 window amount' }).fill('30');
    await page.getByRole('textbox', { name: 'Segment name' }).fill('Highly engaged, no recent purchase');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = workspace.services.segments.list().find((s) => s.name === 'Highly engaged, no recent purchase')!;
    expect(saved.rule).toMatchObject({ type: 'all', rules: [{ type: 'percentile', percent: 20 }, { type: 'last-event', event: { name: 'purchased' }, within: false, window: { amount: 30, unit: 'days' } }] });
    await page.waitForFunction(() => document.querySelector('.segment-preview')?.getAttribute('aria-busy') === 'false');
    const shown = Number((await page.getByLabel('Matching contacts count').textContent())!.replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/segment-builder.png', fullPage: true });

    // The same segment as a file, counted by the CLI on the same workspace.
    const segmentFile = join(workspace.dir, 'segment.json');
    writeFileSync(segmentFile, JSON.stringify({ name: saved.name, rule: saved.rule }));
    const printed = execFileSync(process.execPath, [CLI, '--db', workspace.databasePath, 'segment', 'count', segmentFile], { encoding: 'utf8' });
    expect(Number(printed.trim())).toBe(shown);

    // The contacts screen filters by the segment and shows the same number.
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('combobox', { name: 'Filter by segment' }).selectOption({ label: saved.name });
    await page.getByText(`${shown.toLocaleString('en-US')} contacts`).waitFor();
  }, 300_000); // 80,000 events through the UI: give a loaded machine room

  it('imports a Windows-1252 file separated by semicolons as Excel saves it: the preview shows both, and a postal code keeps its leading zero', async () => {
    app = await startApp();
    const { page, workspace } = app;
    const path = join(workspace.dir, 'clients.csv');
    writeFileSync(path, Buffer.from('E-mail;Prénom;Code postal;Ville\r\nzoe@example.fr;Zoé;01234;Besançon\r\nleo@example.fr;Léo;75001;Orléans\r\n', 'latin1'));
    await app.open();

    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Choose a file to import').setInputFiles(path);
    const preview = page.getByRole('table', { name: 'File preview' });
    await preview.waitFor();
    expect(await page.getByRole('combobox', { name: 'File encoding' }).inputValue()).toBe('windows-1252');
    expect(await page.getByRole('combobox', { name: 'Delimiter' }).inputValue()).toBe(';');
    await preview.getByRole('cell', { name: 'Besançon' }).waitFor();
    await preview.getByRole('cell', { name: '01234' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Column Prénom name' }).inputValue()).toBe('prénom');
    expect(await page.getByRole('combobox', { name: 'Column Code postal type' }).inputValue()).toBe('text');
    await page.screenshot({ path: 'test-results/import-preview-windows-1252.png', fullPage: true });

    // Read as UTF-8 instead, the accents are lost: the marketer sees it and goes back.
    await page.getByRole('combobox', { name: 'File encoding' }).selectOption('utf-8');
    await page.getByRole('combobox', { name: 'Column Pr\uFFFDnom goes to' }).waitFor();
    await page.getByRole('combobox', { name: 'File encoding' }).selectOption('windows-1252');
    await preview.getByRole('cell', { name: 'Besançon' }).waitFor();

    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await page.getByRole('definition').allTextContents()).toEqual(['2', '2', '0', '0', '0']);

    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'zoe@example.fr' }).click();
    expect(await page.getByRole('textbox', { name: 'Attribute code_postal' }).inputValue()).toBe('01234');
    expect(await page.getByRole('textbox', { name: 'Attribute prénom' }).inputValue()).toBe('Zoé');
    expect(await page.getByRole('textbox', { name: 'Attribute ville' }).inputValue()).toBe('Besançon');
  });

  it('opens a contact, edits a tag, and forgets them', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page, workspace } = app;
    await app.open();
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('.7@');
    await page.getByText('1 contacts').waitFor();
    const email = workspace.services.db.prepare('SELECT email FROM contacts WHERE id = 7').pluck().get() as string;
    await page.getByRole('button', { name: email }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('textbox', { name: 'New tag' }).fill('called-us');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: 'Remove tag called-us' }).waitFor();
    await page.getByRole('button', { name: 'Forget this contact' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Forget this contact' }).click();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    expect(workspace.services.db.prepare('SELECT COUNT(*) FROM events WHERE contact_id = 7').pluck().get()).toBe(0);
    expect(workspace.services.db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(49);
  });

  it('imports a suppression list where the list is shown, and shows an interrupted import as such', async () => {
    app = await startApp({ sample: { contacts: 20 } });
    const { page, workspace } = app;
    const list = join(workspace.dir, 'bounces.txt');
    writeFileSync(list, 'gone@example.com\nnot an address\nAlso.Gone@Example.com\n');
    workspace.services.db
      .prepare(`INSERT INTO import_runs (id, kind, file, status, rows_read, started_at) VALUES ('imp_stopped', 'events', 'big-export.jsonl', 'interrupted', 40000, ?)`)
      .run(Date.now() - 60_000);
    await app.open();

    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByText('Suppression list (0)').click();
    await page.getByLabel('Import a suppression list').setInputFiles(list);
    await page.getByText('bounces.txt: 2 added, 0 already on the list, 1 skipped').waitFor();
    await page.getByRole('list', { name: 'Skipped lines' }).getByText('line 2: invalid email in email').waitFor();
    await page.getByText('Suppression list (2)').waitFor();
    const suppressed = page.getByRole('table', { name: 'Suppressed addresses' });
    await suppressed.getByText('also.gone@example.com').waitFor();
    expect(await suppressed.getByText('imported from bounces.txt').count()).toBe(2);

    await page.getByRole('link', { name: 'Import' }).click();
    const recent = page.getByRole('table', { name: 'Recent imports' });
    await recent.getByRole('row', { name: /big-export\.jsonl.*interrupted: import the file again to finish it/ }).waitFor();
    await recent.getByRole('row', { name: /bounces\.txt\s+suppressions\s+done/ }).waitFor();
  }, 120_000);
});
