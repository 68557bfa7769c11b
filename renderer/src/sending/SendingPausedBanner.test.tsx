import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setApi } from '../api/client.ts';
import { OutboxScreen } from '../outbox/OutboxScreen.tsx';
import { JourneysScreen } from '../journeys/JourneysScreen.tsx';
import { useSendingStatus } from './sendingStatusStore.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { SendingPause } from '../../../electron/services/engine/sendingPause.ts';

const T0 = Date.parse('2026-03-02T08:00:00Z');
let ws: ReturnType<typeof tempWorkspace>;

/** The banner against the real handlers, after five blocklist refusals paused the workspace's sending. */
beforeAll(() => {
  ws = tempWorkspace(() => T0);
  setApi(ws.client);
});
afterAll(() => ws.close());

function pauseSending() {
  const pause = new SendingPause(ws.services.db);
  for (let i = 0; i < 5; i++) pause.record({ at: T0 + i, to: `b${i}@example.net`, kind: 'policy', reply: '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus' });
  useSendingStatus.setState({ paused: null });
}

describe('the sending-paused banner', () => {
  it('says why on the outbox and the journeys list, and Resume sending resumes it', async () => {
    pauseSending();
    const { unmount } = render(<OutboxScreen />);
    const banner = await screen.findByRole('alert', { name: 'Sending paused' });
    expect(banner.textContent).toMatch(/5 emails in 10 minutes were refused by the receiving servers for policy or reputation reasons/);
    expect(banner.textContent).toMatch(/blocked using Spamhaus/);
    unmount();

    render(<JourneysScreen />);
    const again = await screen.findByRole('alert', { name: 'Sending paused' });
    await userEvent.click(within(again).getByRole('button', { name: 'Resume sending' }));
    expect(screen.queryByRole('alert', { name: 'Sending paused' })).toBeNull();
    expect(new SendingPause(ws.services.db).current()).toBeNull();
  });

  it('shows nothing while the workspace sends', async () => {
    render(<OutboxScreen />);
    await screen.findByRole('heading', { name: 'Outbox' });
    await useSendingStatus.getState().refresh();
    expect(screen.queryByRole('alert', { name: 'Sending paused' })).toBeNull();
  });
});
