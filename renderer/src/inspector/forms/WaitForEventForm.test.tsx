import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('WaitForEventForm', () => {
  it('takes the event and the timeout, and shows both outcomes as connections', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="wait-for-event" seen={seen} />);
    expect(screen.getByText('name the event')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Event name' }), 'purchased');
    const amount = screen.getByRole('spinbutton', { name: 'Amount' });
    await userEvent.clear(amount);
    await userEvent.type(amount, '3');
    expect(last(seen)).toEqual({ event: { name: 'purchased', filters: [] }, timeout: { amount: 3, unit: 'days' } });
    expect(screen.getByRole('combobox', { name: 'Happened leads to' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Timed out leads to' })).toBeTruthy();
  });
});
