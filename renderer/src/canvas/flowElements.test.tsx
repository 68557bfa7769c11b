import { afterEach, describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { sampleJourneys } from '../../../electron/services/sample/sampleJourneys.ts';
import { useJourney } from '../editor/journeyStore.ts';
import { useTemplates } from '../editor/templatesStore.ts';
import { JourneyCanvas } from './JourneyCanvas.tsx';
import { FlowElementCache } from './flowElements.ts';

const cart = sampleJourneys().find((j) => j.id === 'j_cart_abandonment')!.document;
const nothingSelected = { nodes: [], edges: [], notes: [] };

afterEach(() => {
  useJourney.getState().close();
  useTemplates.setState({ templates: null, ids: undefined, names: new Map() });
});

describe("the canvas's steps and arrows", () => {
  it('reach React Flow as the same lists while nothing in them changed, and as new ones when something did', () => {
    const cache = new FlowElementCache();
    const nodes = cache.nodes(cart, nothingSelected, new Map(), new Map());
    const edges = cache.flowEdges(cart, nothingSelected);
    // The journey's problems checked and none on any step: nothing to give React Flow.
    expect(cache.nodes(cart, nothingSelected, new Map([['n_other', []]]), new Map())).toBe(nodes);
    expect(cache.flowEdges(cart, { ...nothingSelected })).toBe(edges);

    const selected = cache.nodes(cart, { ...nothingSelected, nodes: ['n_email_1'] }, new Map(), new Map());
    expect(selected).not.toBe(nodes);
    expect(selected.find((n) => n.id === 'n_email_1')?.selected).toBe(true);
    // Only the selected step is a new object: the others keep theirs, so React Flow redraws one step.
    expect(selected.filter((n, i) => n !== nodes[i]).map((n) => n.id)).toEqual(['n_email_1']);
  });

  it("name an email step's template once the workspace's templates have arrived", async () => {
    useJourney.getState().load({ id: 'j_cart', name: 'Cart abandonment', status: 'draft' }, cart);
    render(
      <ReactFlowProvider>
        <JourneyCanvas />
      </ReactFlowProvider>,
    );
    const card = () => document.querySelector('.react-flow__node[data-id="n_email_1"] .step-summary')?.textContent;
    expect(card()).toBe('t_cart_1');

    await act(async () =>
      useTemplates.setState({ templates: [], ids: new Set(['t_cart_1']), names: new Map([['t_cart_1', 'Cart reminder 1']]) }),
    );
    expect(card()).toBe('Cart reminder 1');
  });
});
