import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('GoalForm and ExitForm', () => {
  it('takes an event or a segment as the conversion', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="goal" seen={seen} />);
    expect((screen.getByRole('textbox', { name: 'Event name' }) as HTMLInputElement).value).toBe('purchased');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Converted when' }), 'segment');
    expect(screen.getByText('choose a segment')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Segment id' }), 's_lapsed_buyers');
    expect(last(seen)).toEqual({ goal: { type: 'segment', segmentId: 's_lapsed_buyers' } });
  });

  it('an exit has nothing to set and no outcome to connect', () => {
    render(<InspectorHarness kind="exit" seen={[]} />);
    expect(screen.getByText(/leave the journey/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Leads to' })).toBeNull();
  });
});
