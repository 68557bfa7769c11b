import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('ConditionForm and RuleForm', () => {
  it("builds 'purchased since entering the journey'", async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="condition" seen={seen} />);
    expect(screen.getByText('name the tag')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule kind' }), 'event-since-entry');
    await userEvent.type(screen.getByRole('textbox', { name: 'Event name' }), 'purchased');
    expect(last(seen)).toEqual({ rule: { type: 'event-since-entry', event: { name: 'purchased', filters: [] }, happened: true } });
    expect(screen.getByRole('combobox', { name: 'Yes leads to' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'No leads to' })).toBeTruthy();
  });

  it('picks an earlier email step of this journey for opened/clicked rules', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="condition" seen={seen} emailSteps={[{ id: 'n_email_1', name: 'Reminder 1' }]} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule kind' }), 'email-engagement');
    expect(screen.getByText('choose an email step')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Email step' }), 'Reminder 1');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'clicked');
    expect(last(seen)).toEqual({ rule: { type: 'email-engagement', stepId: 'n_email_1', action: 'clicked', happened: true } });
  });

  it('nests rules under all/any and reports errors inside them', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="condition" seen={seen} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rule kind' }), 'any');
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    const nested = screen.getAllByRole('group', { name: 'Rule (level 2)' });
    expect(nested).toHaveLength(2);
    await userEvent.type(within(nested[0]).getByRole('textbox', { name: 'Tag' }), 'vip');
    await userEvent.selectOptions(within(nested[1]).getByRole('combobox', { name: 'Rule kind' }), 'event-count');
    await userEvent.type(within(nested[1]).getByRole('textbox', { name: 'Event name' }), 'email_opened');
    expect(last(seen)).toEqual({
      rule: { type: 'any', rules: [{ type: 'tag', tag: 'vip', has: true }, { type: 'event-count', event: { name: 'email_opened', filters: [] }, op: 'gte', count: 1, window: { amount: 30, unit: 'days' } }] },
    });
    expect(screen.queryByText('name the event')).toBeNull();
  });
});
