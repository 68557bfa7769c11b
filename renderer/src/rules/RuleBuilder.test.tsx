import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RuleBuilder } from './RuleBuilder.tsx';
import { Rule } from '../../../shared/rules/rule.ts';

/** The builder is controlled; this host keeps the rule and exposes the latest one. */
function Host({ initial, onRule }: { initial: Rule; onRule(rule: Rule): void }) {
  const [rule, setRule] = useState(initial);
  return (
    <RuleBuilder
      value={rule}
      onChange={(next) => {
        setRule(next);
        onRule(next);
      }}
      attributes={['country', 'lifetime_value']}
      segments={[{ id: 's_vip', name: 'VIPs' }]}
    />
  );
}

function setup(initial: Rule = { type: 'all', rules: [] }) {
  let latest: Rule = initial;
  render(<Host initial={initial} onRule={(r) => (latest = r)} />);
  return { user: userEvent.setup(), rule: () => latest };
}

describe('RuleBuilder', () => {
  it("builds 'highly engaged, but no purchase in the last 30 days'", async () => {
    const { user, rule } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a condition to rule' }), 'Percentile');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a condition to rule' }), 'Last occurrence');
    const last = screen.getByRole('combobox', { name: 'Condition 2 event' });
    await user.clear(last);
    await user.type(last, 'purchased');
    await user.clear(screen.getByRole('spinbutton', { name: 'Condition 2 window amount' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Condition 2 window amount' }), '30');
    expect(Rule.parse(rule())).toEqual({
      type: 'all',
      rules: [
        { type: 'percentile', of: { kind: 'engagement', model: { weights: { email_opened: 1, email_clicked: 3, added_to_cart: 5, purchased: 10 }, halfLifeDays: 30 } }, direction: 'top', percent: 20 },
        { type: 'last-event', event: { name: 'purchased', filters: [] }, within: false, window: { amount: 30, unit: 'days' } },
      ],
    });
  });

  it('nests any-groups, negates a condition and removes parts', async () => {
    const { user, rule } = setup();
    await user.click(screen.getByRole('button', { name: 'Add a group to rule' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a condition to group 1' }), 'Tag');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Add a condition to group 1' }), 'RFM group');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1.2 group' }), 'At risk');
    await user.click(screen.getByRole('button', { name: 'Negate condition 1.1' }));
    expect(rule()).toEqual({
      type: 'all',
      rules: [{ type: 'any', rules: [{ type: 'not', rule: { type: 'tag', tag: 'vip', has: true } }, { type: 'rfm-group', group: 'at-risk' }] }],
    });
    await user.click(screen.getByRole('button', { name: "Remove 'not' from condition 1.1" }));
    await user.click(screen.getByRole('button', { name: 'Remove condition 1.2' }));
    expect(rule()).toEqual({ type: 'all', rules: [{ type: 'any', rules: [{ type: 'tag', tag: 'vip', has: true }] }] });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Group 1 match' }), 'all of');
    await user.click(screen.getByRole('button', { name: 'Remove group 1' }));
    expect(rule()).toEqual({ type: 'all', rules: [] });
  });

  it('edits attribute operators with lists and ranges, event filters and segment membership', async () => {
    const { user, rule } = setup({ type: 'any', rules: [{ type: 'attribute', attribute: 'country', op: 'eq', value: '' }] });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1 operator' }), 'is one of');
    await user.type(screen.getByRole('textbox', { name: 'Condition 1 value' }), 'FR, DE');
    expect(rule()).toEqual({ type: 'any', rules: [{ type: 'attribute', attribute: 'country', op: 'in', value: ['FR', 'DE'] }] });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1 kind' }), 'Event count');
    await user.click(screen.getByRole('button', { name: 'Add a property filter to condition 1' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1 window unit' }), 'all time');
    expect(rule()).toMatchObject({ rules: [{ type: 'event-count', event: { name: 'email_opened', filters: [{ property: 'amount', op: 'gt', value: 100 }] }, window: null }] });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1 kind' }), 'In segment');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1 segment' }), 'VIPs');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Condition 1 membership' }), 'is not in');
    expect(rule()).toEqual({ type: 'any', rules: [{ type: 'segment', segmentId: 's_vip', member: false }] });
  });
});
