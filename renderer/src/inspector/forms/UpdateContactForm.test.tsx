import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('UpdateContactForm', () => {
  it('sets an attribute, clears one, adds and removes tags', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="update-contact" seen={seen} />);
    expect(screen.getByText('name the tag')).toBeTruthy();
    const first = screen.getByRole('group', { name: 'Change 1' });
    await userEvent.selectOptions(within(first).getByRole('combobox', { name: 'Change' }), 'set-attribute');
    await userEvent.type(within(first).getByRole('textbox', { name: 'Attribute' }), 'tier');
    await userEvent.type(within(first).getByRole('textbox', { name: 'New value' }), 'gold');
    await userEvent.click(screen.getByRole('button', { name: 'Add change' }));
    const second = screen.getByRole('group', { name: 'Change 2' });
    await userEvent.selectOptions(within(second).getByRole('combobox', { name: 'Change' }), 'remove-tag');
    await userEvent.type(within(second).getByRole('textbox', { name: 'Tag' }), 'trial');
    expect(last(seen)).toEqual({ actions: [{ op: 'set-attribute', attribute: 'tier', value: 'gold' }, { op: 'remove-tag', tag: 'trial' }] });
    await userEvent.click(screen.getByRole('button', { name: 'Remove change 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remove change 1' }));
    expect(screen.getByText('add at least one change')).toBeTruthy();
  });
});
