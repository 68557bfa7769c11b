import { afterEach, describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { sampleJourneys } from '../../../electron/services/sample/sampleJourneys.ts';
import { useJourney } from '../editor/journeyStore.ts';
import { JourneyCanvas } from './JourneyCanvas.tsx';
import { FlowElementCache } from './flowElements.ts';
import { pathMarks, showSimulatedPath } from './pathHighlight.ts';

const cart = sampleJourneys().find((j) => j.id === 'j_cart_abandonment')!;
// The contact who bought before the first reminder: trigger, wait, condition (yes), goal.
const boughtEarly = ['n_trigger', 'n_wait_1h', 'n_bought_1', 'n_goal'];

afterEach(() => {
  showSimulatedPath(null);
  useJourney.getState().close();
});

const step = (id: string) => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;

describe('the simulated path on the canvas', () => {
  it('highlights the steps the contact took, dims the others, says so to assistive technology, and clears', () => {
    useJourney.getState().load({ id: cart.id, name: cart.name, status: 'draft' }, cart.document);
    render(
      <ReactFlowProvider>
        <JourneyCanvas />
      </ReactFlowProvider>,
    );
    expect(step('n_goal').getAttribute('data-path')).toBeNull();

    act(() => showSimulatedPath(boughtEarly));
    for (const id of boughtEarly) expect(step(id).getAttribute('data-path')).toBe('taken');
    for (const id of ['n_email_1', 'n_email_3', 'n_exit']) expect(step(id).getAttribute('data-path')).toBe('not-taken');
    // The steps' accessible names (jsdom measures nothing, so React Flow keeps the steps hidden: read the labels).
    expect(step('n_goal').getAttribute('aria-label')).toBe('Goal: Purchased, on the tested path');
    expect(step('n_email_3').getAttribute('aria-label')).toBe('Email: Last call: 10% off, not on the tested path');
    expect(document.querySelector('.canvas')!.classList.contains('shows-path')).toBe(true);

    act(() => showSimulatedPath(null));
    expect(step('n_goal').getAttribute('data-path')).toBeNull();
    expect(document.querySelector('.canvas')!.classList.contains('shows-path')).toBe(false);
  });

  it('marks the arrows the contact followed, not every arrow between steps on the path', () => {
    const edges = new FlowElementCache().flowEdges(cart.document, { nodes: [], edges: [], notes: [] }, pathMarks(boughtEarly));
    const state = Object.fromEntries(edges.map((e) => [e.id, e.className]));
    expect(state).toMatchObject({ e_n_trigger_next: 'path-taken', e_n_wait_1h_next: 'path-taken', e_n_bought_1_yes: 'path-taken', e_n_bought_1_no: 'path-not-taken', e_n_email_3_next: 'path-not-taken' });
    expect(new FlowElementCache().flowEdges(cart.document, { nodes: [], edges: [], notes: [] }, null).every((e) => e.className === undefined)).toBe(true);
  });
});
