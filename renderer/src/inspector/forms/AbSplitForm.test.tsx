import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InspectorHarness, last } from '../testHarness.tsx';

describe('AbSplitForm', () => {
  it('keeps a running total and says when the percents do not add up to 100', async () => {
    const seen: Array<Record<string, unknown>> = [];
    render(<InspectorHarness kind="ab-split" seen={seen} />);
    expect(screen.getByRole('status').textContent).toBe('Total: 100%');
    const a = screen.getByRole('spinbutton', { name: 'Variant 1 percent' });
    await userEvent.clear(a);
    await userEvent.type(a, '60');
    expect(screen.getByRole('status').textContent).toContain('Total: 110% — the percents must add up to 100');
    const b = screen.getByRole('spinbutton', { name: 'Variant 2 percent' });
    await userEvent.clear(b);
    await userEvent.type(b, '40');
    expect(screen.getByRole('status').textContent).toBe('Total: 100%');
    await userEvent.clear(screen.getByRole('textbox', { name: 'Variant 2 name' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Variant 2 name' }), 'Discount');
    expect((last(seen).variants as unknown[]).map((v) => ({ ...(v as object), id: undefined }))).toEqual([
      { id: undefined, name: 'A', percent: 60 },
      { id: undefined, name: 'Discount', percent: 40 },
    ]);
    expect(screen.getByRole('combobox', { name: 'Discount (40%) leads to' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Remove variant 2' }));
    expect(screen.getByText(/an A\/B split needs at least two variants/)).toBeTruthy();
  });
});
