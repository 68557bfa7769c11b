import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

import { useSegments } from '../../editor/segmentsStore.ts';

beforeAll(() => useSegments.setState({ segments: [{ id: 's_lapsed_buyers', name: 'Lapsed buyers' }, { id: 's_vip', name: 'VIP' }] }));
afterAll(() => useSegments.setState({ segments: null }));

describe('GoalForm and ExitForm', () => {
  it('takes an event or a segment as the conversion', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="goal" seen={seen} />);
    expect((screen.getByRole('textbox', { name: 'Event name' }) as HTMLInputElement).value).toBe('purchased');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Converted when' }), 'segment');
    expect(screen.getByText('choose a segment')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Segment' }), 'Lapsed buyers');
    expect(last(seen)).toEqual({ goal: { type: 'segment', segmentId: 's_lapsed_buyers' } });
  });

  it('keeps a segment id the workspace does not have, and says so', () => {
    render(<InspectorHarness kind="goal" config={{ goal: { type: 'segment', segmentId: 's_gone' } }} seen={[]} />);
    const picker = screen.getByRole('combobox', { name: 'Segment' }) as HTMLSelectElement;
    expect(picker.selectedOptions[0].textContent).toBe('Unknown segment (s_gone)');
    expect(picker.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('No segment with the id "s_gone" in this workspace: choose another')).toBeTruthy();
  });

  it('an exit has nothing to set and no outcome to connect', () => {
    render(<InspectorHarness kind="exit" seen={[]} />);
    expect(screen.getByText(/leave the journey/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Leads to' })).toBeNull();
  });
});
