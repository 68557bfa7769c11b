import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { nodeKindInfo } from '../../../shared/journey/kinds.ts';
import { nodeKinds } from '../../../shared/journey/nodes.ts';
import { Palette, STEP_DRAG_TYPE } from './Palette.tsx';

describe('Palette', () => {
  it('offers every kind of step with its label and one-line description', () => {
    render(<Palette onAdd={() => {}} />);
    const items = screen.getAllByRole('button');
    expect(items).toHaveLength(nodeKinds.length);
    for (const kind of nodeKinds) {
      const item = screen.getByRole('button', { name: `Add ${nodeKindInfo[kind].label}` });
      expect(item.textContent).toContain(nodeKindInfo[kind].description);
      expect(item.getAttribute('draggable')).toBe('true');
    }
  });

  it('adds a step on click and from the keyboard', async () => {
    const onAdd = vi.fn();
    render(<Palette onAdd={onAdd} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add Email' }));
    screen.getByRole('button', { name: 'Add Wait for event' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(onAdd.mock.calls).toEqual([['email'], ['wait-for-event']]);
  });

  it('puts the kind on the drag so only the canvas accepts it', () => {
    render(<Palette onAdd={() => {}} />);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (type: string, value: string) => data.set(type, value), effectAllowed: '' };
    fireEvent.dragStart(screen.getByRole('button', { name: 'Add Condition' }), { dataTransfer });
    expect(data.get(STEP_DRAG_TYPE)).toBe('condition');
  });
});
