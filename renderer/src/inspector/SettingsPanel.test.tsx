import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { defaultSettings, type JourneySettings } from '../../../shared/journey/settings.ts';
import { SettingsPanel } from './SettingsPanel.tsx';

function Harness({ onChange }: { onChange(s: JourneySettings): void }) {
  const [settings, setSettings] = useState(defaultSettings());
  return (
    <SettingsPanel
      settings={settings}
      onChange={(next) => {
        onChange(next);
        setSettings(next);
      }}
    />
  );
}

describe('SettingsPanel', () => {
  it('sets exit criteria, quiet hours, a frequency cap, an entry limit and re-entry', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add exit event' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Hold emails during quiet hours' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Limit how many emails a contact gets' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Limit how many times a contact may enter' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Re-entry' }), 'after-exit');
    await userEvent.click(screen.getByRole('checkbox', { name: 'With a minimum gap between entries' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'A late email is' }), 'send');
    expect(onChange).toHaveBeenLastCalledWith({
      exitCriteria: [{ name: 'purchased', filters: [] }],
      quietHours: { start: '21:00', end: '08:00', fallbackTimezone: 'UTC' },
      frequencyCap: { limits: [{ count: 3, period: { amount: 1, unit: 'weeks' } }], whenCapped: 'defer' },
      entryLimit: 1,
      reentry: { mode: 'after-exit', minGap: { amount: 7, unit: 'days' } },
      lateSend: { maxLateHours: 24, whenLate: 'send' },
    });
  });

  it('keeps a half-typed invalid value in the form, with its error, without writing it to the journey', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add exit event' }));
    const calls = onChange.mock.calls.length;
    await userEvent.clear(screen.getByRole('textbox', { name: 'Event name' }));
    expect(screen.getByText('name the event')).toBeTruthy();
    expect(onChange.mock.calls.length).toBe(calls);
    await userEvent.type(screen.getByRole('textbox', { name: 'Event name' }), 'unsubscribed');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ exitCriteria: [{ name: 'unsubscribed', filters: [] }] }));
  });
});
