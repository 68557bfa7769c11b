import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { loadSample } from '../../../electron/services/sample/loadSample.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { setApi } from '../api/client.ts';
import { createClient } from '../../../shared/api/client.ts';
import type { CallName } from '../../../shared/api/contract.ts';
import { dispatch } from '../../../shared/api/dispatch.ts';
import type { SimulationRequestInput } from '../../../shared/simulation/input.ts';
import { SimulatorPanel } from './SimulatorPanel.tsx';

/** The panel against the real handlers on a temporary workspace (no mocked API); the calls it makes are kept. */
let workspace: ReturnType<typeof tempWorkspace>;
const calls: Array<{ name: CallName; input: unknown }> = [];
const lastRun = () => calls.findLast((c) => c.name === 'simulation.run')?.input as SimulationRequestInput;
beforeAll(() => {
  workspace = tempWorkspace();
  loadSample(workspace.services.db, { contacts: 30, seed: 2 });
  setApi(createClient((name, input) => (calls.push({ name, input }), dispatch(workspace.handlers, name, input))));
}, 60_000);
afterAll(() => workspace.close());

describe('SimulatorPanel', { timeout: 20_000 }, () => {
  it('runs the win-back journey, reports the path taken, and steps one decision at a time', async () => {
    const onPathChange = vi.fn();
    render(<SimulatorPanel journeyId="j_win_back" onPathChange={onPathChange} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText('added the tag "lost"');
    expect(screen.getAllByRole('status')[0].textContent).toMatch(/Left the journey: reached the exit "Done"/);
    await waitFor(() => expect(onPathChange).toHaveBeenLastCalledWith(['n_trigger', 'n_email_1', 'n_wait_7d', 'n_back', 'n_email_2', 'n_wait_for_buy', 'n_tag_lost', 'n_exit']));

    await user.click(screen.getByRole('button', { name: 'Step' }));
    await waitFor(() => expect(screen.getAllByRole('status')[0].textContent).toBe('Paused: at "Wait 7 days" after 1 decision'));
    expect(onPathChange).toHaveBeenLastCalledWith(['n_trigger', 'n_email_1', 'n_wait_7d']);
    await user.click(screen.getByRole('button', { name: 'Step' }));
    await waitFor(() => expect(onPathChange).toHaveBeenLastCalledWith(['n_trigger', 'n_email_1', 'n_wait_7d', 'n_back', 'n_email_2', 'n_wait_for_buy']));
  });

  it('stops on arriving at a breakpoint, steps one decision, and continues to the next breakpoint', async () => {
    const onPathChange = vi.fn();
    render(<SimulatorPanel journeyId="j_win_back" onPathChange={onPathChange} />);
    const user = userEvent.setup();
    await user.click(await screen.findByText('Breakpoints (0)'));
    await user.click(screen.getByRole('checkbox', { name: 'Stop at 15% off' }));
    await user.click(screen.getByRole('checkbox', { name: 'Stop at Tag as lost' }));
    const status = () => screen.getAllByRole('status')[0].textContent;

    await user.click(screen.getByRole('button', { name: 'Run to breakpoint' }));
    await waitFor(() => expect(status()).toBe('Stopped at a breakpoint: arrived at "15% off", which has not acted yet'));
    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(within(timeline).queryByText(/sent template t_winback_2/)).toBeNull();
    expect(onPathChange).toHaveBeenLastCalledWith(['n_trigger', 'n_email_1', 'n_wait_7d', 'n_back']);

    // The rest of the decision the breakpoint interrupted: the email goes out and the contact waits for a purchase.
    await user.click(screen.getByRole('button', { name: 'Step' }));
    await waitFor(() => expect(status()).toBe('Paused: at "Wait for a purchase" after 2 decisions'));
    expect(within(screen.getByRole('list', { name: 'Timeline' })).getByText(/sent template t_winback_2/)).toBeTruthy();

    // The next decision arrives at the step just before the exit: a breakpoint there stops it.
    await user.click(screen.getByRole('button', { name: 'Step' }));
    await waitFor(() => expect(status()).toBe('Stopped at a breakpoint: arrived at "Tag as lost", which has not acted yet'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(status()).toBe('Left the journey: reached the exit "Done"'));
    expect(onPathChange).toHaveBeenLastCalledWith(['n_trigger', 'n_email_1', 'n_wait_7d', 'n_back', 'n_email_2', 'n_wait_for_buy', 'n_tag_lost', 'n_exit']);
  });

  it('sends the trigger event properties typed for a made-up contact, checking them as they are typed', async () => {
    render(<SimulatorPanel journeyId="j_cart_abandonment" />);
    const user = userEvent.setup();
    const field = await screen.findByRole('textbox', { name: 'Trigger event properties' });
    await user.click(field);
    await user.paste('{"items": [');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('This is not valid JSON yet: check the quotes, commas and brackets.').id).toBe(field.getAttribute('aria-describedby')?.split(' ')[1]);
    await user.clear(field);
    await user.paste('[1, 2]');
    expect(screen.getByText('Give the properties as a JSON object in { }, not a list.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The trigger event properties cannot be used yet. Give the properties as a JSON object in { }, not a list.');

    await user.clear(field);
    await user.paste('{"items": [{"name": "Desk lamp", "price": 40}], "total": 40}');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('list', { name: 'Timeline' });
    expect(lastRun().entryEvent).toEqual({ properties: { items: [{ name: 'Desk lamp', price: 40 }], total: 40 } });
  });

  it('lets a stored contact enter on the event of theirs chosen, their latest by default', async () => {
    const { contact_id: contactId, email } = workspace.services.db
      .prepare(`SELECT e.contact_id, c.email FROM events e JOIN contacts c ON c.id = e.contact_id WHERE e.name = 'added_to_cart' GROUP BY e.contact_id ORDER BY COUNT(*) DESC, e.contact_id LIMIT 1`)
      .get() as { contact_id: number; email: string };
    const oldest = workspace.services.db
      .prepare(`SELECT id FROM events WHERE contact_id = ? AND name = 'added_to_cart' ORDER BY occurred_at, id LIMIT 1`)
      .pluck()
      .get(contactId) as number;
    render(<SimulatorPanel journeyId="j_cart_abandonment" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Contact from the workspace' }));
    expect(screen.queryByRole('textbox', { name: 'Trigger event properties' })).toBeNull();
    await user.type(screen.getByRole('searchbox', { name: 'Find a contact' }), email);
    await user.click(await within(screen.getByRole('list', { name: 'Matching contacts' })).findByRole('button', { name: new RegExp(email) }));
    const choice = await screen.findByRole('combobox', { name: 'Event that admits them' });
    expect((choice as HTMLSelectElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('list', { name: 'Timeline' });
    expect(lastRun()).toMatchObject({ contact: { type: 'existing', ref: String(contactId) } });
    expect(lastRun().entryEvent).toBeUndefined();

    await user.selectOptions(choice, String(oldest));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(lastRun().entryEvent).toEqual({ eventId: oldest }));
  });

  it('offers no entry event for a journey that is not triggered by an event', async () => {
    render(<SimulatorPanel journeyId="j_win_back" />);
    await screen.findByRole('button', { name: 'Run' });
    expect(screen.queryByRole('group', { name: /Trigger event/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Trigger event properties' })).toBeNull();
  });

  it('says what is wrong with the set-up', async () => {
    render(<SimulatorPanel journeyId="j_cart_abandonment" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add event' }));
    await user.clear(screen.getByRole('textbox', { name: 'Event 1 time' }));
    await user.type(screen.getByRole('textbox', { name: 'Event 1 time' }), 'tomorrow');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/events\[0\]\.at|expected an offset/);
  });
});
