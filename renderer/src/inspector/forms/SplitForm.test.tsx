import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('SplitForm', () => {
  it('adds, names, reorders and removes branches; each branch and everyone else is an outcome', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="split" seen={seen} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add branch' }));
    const second = screen.getByRole('group', { name: 'Branch 2' });
    await userEvent.clear(within(second).getByRole('textbox', { name: 'Branch name' }));
    expect(screen.getByText('name the branch')).toBeTruthy();
    await userEvent.type(within(second).getByRole('textbox', { name: 'Branch name' }), 'VIP');
    await userEvent.click(screen.getByRole('button', { name: 'Move branch 2 up' }));
    const branches = last(seen).branches as Array<{ label: string }>;
    expect(branches.map((b) => b.label)).toEqual(['VIP', 'Branch 1']);
    expect(screen.getByRole('combobox', { name: 'VIP leads to' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Everyone else leads to' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Remove branch 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove branch 1' }));
    expect(screen.getByText('add at least one branch')).toBeTruthy();
  });
});
