import { describe, expect, it } from 'vitest';
import { serializeSelection } from './selectionClipboard.ts';
import { parseSelection } from './parseSelection.ts';

const selection = {
  nodes: [{ id: 'n_1', kind: 'exit' as const, name: 'Done', config: {} }],
  edges: [],
  positions: { n_1: { x: 10, y: 20 } },
  notes: [],
};

describe('selection clipboard format', () => {
  it('round-trips a selection', () => {
    const parsed = parseSelection(serializeSelection(selection));
    expect(parsed).toEqual({ ok: true, selection: { format: 'journey-studio/selection', version: 1, ...selection } });
  });
  it('refuses text that is not a selection', () => {
    for (const text of ['hello', '{"nodes":[]}', '42', 'null']) {
      const parsed = parseSelection(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('does not hold journey steps');
    }
  });
  it('refuses a newer format version, naming both versions', () => {
    const newer = JSON.stringify({ ...JSON.parse(serializeSelection(selection)), version: 2 });
    const parsed = parseSelection(newer);
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('newer Journey Studio (selection format 2); this one reads format 1') });
  });
  it('names the damaged field of a broken selection', () => {
    const broken = JSON.stringify({ ...JSON.parse(serializeSelection(selection)), nodes: [{ id: 'n_1', kind: 'teleport', config: {} }] });
    const parsed = parseSelection(broken);
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('nodes[0].kind') });
  });
});
