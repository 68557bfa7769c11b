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

  it("waits until the contact's usual hour, with a fallback hour and zone checked like the other fields", async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="wait" seen={seen} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Wait' }), 'usual-hour');
    expect(last(seen)).toEqual({ wait: { type: 'usual-hour', fallbackHour: 10, fallbackTimezone: 'UTC' } });
    const hour = screen.getByRole('spinbutton', { name: 'Hour when the contact has no opens or clicks' });
    await userEvent.clear(hour);
    await userEvent.type(hour, '24');
    expect(screen.getByText('expected a whole hour from 0 to 23')).toBeTruthy();
    await userEvent.clear(hour);
    await userEvent.type(hour, '19');
    expect(screen.queryByText('expected a whole hour from 0 to 23')).toBeNull();
    const zone = screen.getByRole('combobox', { name: 'Time zone when the contact has none' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Nowhere/Land');
    expect(screen.getByText('expected an IANA time zone such as Europe/Paris')).toBeTruthy();
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Paris');
    expect(last(seen)).toEqual({ wait: { type: 'usual-hour', fallbackHour: 19, fallbackTimezone: 'Europe/Paris' } });
    expect(screen.queryByText('expected an IANA time zone such as Europe/Paris')).toBeNull();
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
