import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('WaitForm', () => {
  it('edits a duration and reports a bad amount on the field', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="wait" seen={seen} />);
    const amount = screen.getByRole('spinbutton', { name: 'Amount' });
    await userEvent.clear(amount);
    expect(screen.getByRole('spinbutton', { name: 'Amount' }).getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(amount, '-2');
    expect(screen.getByText('expected a positive number')).toBeTruthy();
    await userEvent.clear(amount);
    await userEvent.type(amount, '24');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Unit' }), 'days');
    expect(last(seen)).toEqual({ wait: { type: 'duration', duration: { amount: 24, unit: 'days' } } });
    expect(screen.queryByText('expected a positive number')).toBeNull();
  });

  it('waits until a time of day on chosen weekdays, and needs at least one day', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="wait" seen={seen} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Wait' }), 'time-of-day');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await userEvent.click(screen.getByRole('checkbox', { name: day }));
    expect(screen.getByText('choose at least one weekday')).toBeTruthy();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    const zone = screen.getByRole('combobox', { name: 'Time zone when the contact has none' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Mars/Olympus');
    expect(screen.getByText('expected an IANA time zone such as Europe/Paris')).toBeTruthy();
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Paris');
    expect(last(seen)).toEqual({ wait: { type: 'time-of-day', time: '09:00', weekdays: ['sat'], fallbackTimezone: 'Europe/Paris' } });
  });

  it('waits relative to a date attribute, or until a date and time', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="wait" seen={seen} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Wait' }), 'relative-to-attribute');
    await userEvent.type(screen.getByRole('textbox', { name: 'Date attribute' }), 'renewal_date');
    expect(last(seen)).toEqual({ wait: { type: 'relative-to-attribute', attribute: 'renewal_date', direction: 'before', offset: { amount: 1, unit: 'days' } } });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Wait' }), 'until-datetime');
    expect(screen.getByText('expected an ISO 8601 date and time')).toBeTruthy();
  });
});
