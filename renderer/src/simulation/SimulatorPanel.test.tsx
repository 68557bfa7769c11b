import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { loadSample } from '../../../electron/services/sample/loadSample.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { setApi } from '../api/client.ts';
import { SimulatorPanel } from './SimulatorPanel.tsx';

/** The panel against the real handlers on a temporary workspace (no mocked API). */
let workspace: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  workspace = tempWorkspace();
  loadSample(workspace.services.db, { contacts: 30, seed: 2 });
  setApi(workspace.client);
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
