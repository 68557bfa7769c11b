import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('TriggerForm', () => {
  it('asks for the event name, then takes an event with a property filter (added_to_cart with value > 50)', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="trigger" seen={seen} />);
    expect(screen.getByText('name the event')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Event name' }).getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByRole('textbox', { name: 'Event name' }), 'added_to_cart');
    expect(screen.queryByText('name the event')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Add property filter' }));
    expect(screen.getByText('name the property')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Property' }), 'value');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Test' }), 'gt');
    await userEvent.type(screen.getByRole('textbox', { name: 'Value' }), '50');
    expect(last(seen)).toEqual({ trigger: { type: 'event', event: { name: 'added_to_cart', filters: [{ property: 'value', op: 'gt', value: 50 }] } } });
  });

  it('offers segment, tag, created and date triggers, each with its own fields', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="trigger" seen={seen} />);
    const type = screen.getByRole('combobox', { name: 'Contacts enter when' });
    await userEvent.selectOptions(type, 'tag-added');
    await userEvent.type(screen.getByRole('textbox', { name: 'Tag' }), 'vip');
    expect(last(seen)).toEqual({ trigger: { type: 'tag-added', tag: 'vip' } });
    await userEvent.selectOptions(type, 'segment-entered');
    expect(screen.getByText('choose a segment')).toBeTruthy();
    await userEvent.selectOptions(type, 'contact-created');
    expect(last(seen)).toEqual({ trigger: { type: 'contact-created' } });
    await userEvent.selectOptions(type, 'date-attribute');
    await userEvent.type(screen.getByRole('textbox', { name: 'Date attribute' }), 'birthday');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Every year on the date' }));
    expect(last(seen)).toEqual({ trigger: { type: 'date-attribute', attribute: 'birthday', offsetDays: 0, yearly: true } });
  });
});
