import { describe, expect, it, beforeEach } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createClient } from '../../../shared/api/client.ts';
import type { CallName } from '../../../shared/api/contract.ts';
import type { ImportJourneyResult } from '../../../shared/api/calls/exchange.ts';
import { setApi } from '../api/client.ts';
import { ExchangeHost } from './ExchangeHost.tsx';
import { useImport } from './importStore.ts';

const summary = { id: 'j_new', name: 'Welcome series', status: 'draft' as const, nodeCount: 4, createdAt: 0, updatedAt: 0, liveVersion: null };
const imported = (name = 'Welcome series'): ImportJourneyResult => ({
  outcome: 'imported',
  journey: { ...summary, name },
  replaced: false,
  migratedFrom: null,
  notes: [{ path: 'nodes[2].config.templateId', message: 'choose a template' }],
  templates: { reused: ['t_a'], imported: ['t_b'] },
  segments: { reused: [], imported: [] },
  snippets: { reused: [], imported: [] },
});

/** The host's answers stand in for the main process; the calls the dialog makes are recorded. */
function installApi(answers: ImportJourneyResult[]) {
  const calls: Array<{ name: CallName; input: unknown }> = [];
  setApi(
    createClient(async (name, input) => {
      calls.push({ name, input });
      if (name === 'exchange.importJourney') return { ok: true, value: answers.shift() };
      if (name === 'journeys.list') return { ok: true, value: [] };
      return { ok: false, error: { code: 'unsupported', message: `${name} is not part of this test` } };
    }),
  );
  return calls;
}

const jsonFile = (text: string, name = 'welcome.journey.json') => new File([text], name, { type: 'application/json' });

beforeEach(() => useImport.setState({ state: { phase: 'idle' } }));

describe('importing a journey file', () => {
  it('lists every problem by path and says nothing was changed', async () => {
    installApi([{ outcome: 'invalid', problems: [{ path: 'nodes[3].config.wait.duration.amount', message: 'expected a positive number' }, { path: '', message: 'and 2 more problems' }] }]);
    render(<ExchangeHost />);
    await userEvent.upload(screen.getByLabelText('Journey file to import'), jsonFile('{}'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('welcome.journey.json was not imported');
    expect(within(dialog).getByText(/nothing was changed/)).toBeTruthy();
    const problems = within(dialog).getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toEqual(['nodes[3].config.wait.duration.amount expected a positive number', ' and 2 more problems']);
  });

  it('asks on a clash and imports a copy when told to, with the file it was given', async () => {
    const calls = installApi([
      { outcome: 'clash', name: 'Welcome series', clashes: [{ journeyId: 'j_old', name: 'Welcome series', by: 'id' }] },
      imported('Welcome series (copy)'),
    ]);
    render(<ExchangeHost />);
    await userEvent.upload(screen.getByLabelText('Journey file to import'), jsonFile('{"format":"x"}'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('“Welcome series” is already here');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Import as a copy' }));
    expect(await within(dialog).findByRole('heading', { name: 'Imported “Welcome series (copy)”' })).toBeTruthy();
    expect(within(dialog).getByText(/1 imported, 1 already here, reused/)).toBeTruthy();
    expect(within(dialog).getByRole('list', { name: 'Still to do' }).textContent).toContain('nodes[2].config.templateId: choose a template');
    const imports = calls.filter((c) => c.name === 'exchange.importJourney').map((c) => c.input);
    expect(imports).toEqual([
      { file: { text: '{"format":"x"}', fileName: 'welcome.journey.json' }, onClash: 'ask' },
      { file: { text: '{"format":"x"}', fileName: 'welcome.journey.json' }, onClash: 'copy' },
    ]);
  });

  it('imports a .json file dropped on the window, and turns away anything else', async () => {
    installApi([imported()]);
    render(<ExchangeHost />);
    const drop = (file: File) => {
      const event = new Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files: [file] } });
      window.dispatchEvent(event);
    };
    drop(new File(['x'], 'photo.png', { type: 'image/png' }));
    expect((await screen.findByRole('dialog')).textContent).toContain('photo.png is not a journey file');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    drop(jsonFile('{}'));
    expect(await screen.findByRole('heading', { name: 'Imported “Welcome series”' })).toBeTruthy();
  });
});
