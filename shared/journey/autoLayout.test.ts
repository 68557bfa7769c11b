import { describe, expect, it } from 'vitest';
import { emptyDocument, type JourneyDocument } from './journey.ts';
import { autoLayout } from './autoLayout.ts';

describe('autoLayout', () => {
  it('lays out top to bottom with the Yes branch left of the No branch', () => {
    const doc: JourneyDocument = {
      ...emptyDocument(),
      nodes: [
        { id: 't', kind: 'trigger', name: '', config: {} },
        { id: 'c', kind: 'condition', name: '', config: {} },
        { id: 'no', kind: 'email', name: '', config: {} },
        { id: 'yes', kind: 'exit', name: '', config: {} },
      ],
      edges: [
        { id: 'e1', source: 't', sourceHandle: 'next', target: 'c' },
        { id: 'e2', source: 'c', sourceHandle: 'no', target: 'no' },
        { id: 'e3', source: 'c', sourceHandle: 'yes', target: 'yes' },
      ],
    };
    const at = autoLayout(doc);
    expect(at.t.y).toBeLessThan(at.c.y);
    expect(at.c.y).toBeLessThan(at.yes.y);
    expect(at.yes.y).toBe(at.no.y);
    expect(at.yes.x).toBeLessThan(at.no.x);
  });
});
