import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('EmailForm', () => {
  it('picks a template and shows its subject and preheader', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="email" seen={seen} />);
    expect(screen.getByText('choose a template')).toBeTruthy();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'Cart reminder 1');
    expect(last(seen)).toEqual({ templateId: 't_cart_1', sendWindow: null });
    expect(screen.getByText('You left something behind')).toBeTruthy();
    expect(screen.getByText('Your cart is waiting')).toBeTruthy();
    expect(screen.queryByText('choose a template')).toBeNull();
  });

  it('sends only between chosen hours, refusing an empty window', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="email" seen={seen} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Send only between certain hours' }));
    const until = screen.getByRole('spinbutton', { name: 'Until hour' });
    await userEvent.clear(until);
    await userEvent.type(until, '9');
    expect(screen.getByText('the window must not be empty')).toBeTruthy();
    await userEvent.clear(until);
    await userEvent.type(until, '17');
    expect(last(seen)).toEqual({ templateId: '', sendWindow: { startHour: 9, endHour: 17 } });
  });

  it("shows 'New template…' only when the app gives a way to create one", async () => {
    const { unmount } = render(<InspectorHarness kind="email" seen={[]} />);
    expect(screen.queryByRole('button', { name: 'New template…' })).toBeNull();
    unmount();
    const onCreateTemplate = vi.fn();
    render(<InspectorHarness kind="email" seen={[]} onCreateTemplate={onCreateTemplate} />);
    await userEvent.click(screen.getByRole('button', { name: 'New template…' }));
    expect(onCreateTemplate).toHaveBeenCalledOnce();
  });
});
