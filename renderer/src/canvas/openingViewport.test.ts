import { describe, expect, it } from 'vitest';
import { sampleJourneys } from '../../../electron/services/sample/sampleJourneys.ts';
import { benchJourney } from '../../../test/bench/benchJourney.ts';
import type { JourneyDocument } from '../../../shared/journey/journey.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../shared/journey/autoLayout.ts';
import { openingViewport } from './openingViewport.ts';
import { OVERVIEW_ZOOM } from './overview.ts';

/** Where a journey point lands on the canvas at a viewport. */
const onScreen = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });

describe('the view a journey opens at', () => {
  it('shows every step inside the canvas, with room around them', () => {
    const doc = sampleJourneys().find((j) => j.id === 'j_cart_abandonment')!.document;
    const view = openingViewport(doc, 900, 700);
    for (const at of Object.values(doc.layout.positions)) {
      const topLeft = onScreen(view, at);
      const bottomRight = onScreen(view, { x: at.x + NODE_WIDTH, y: at.y + NODE_HEIGHT });
      expect(topLeft.x).toBeGreaterThan(0);
      expect(topLeft.y).toBeGreaterThan(0);
      expect(bottomRight.x).toBeLessThan(900);
      expect(bottomRight.y).toBeLessThan(700);
    }
  });

  it('opens a 500-step journey zoomed out past reading, so its first paint is the overview', () => {
    const view = openingViewport(benchJourney(500), 800, 780);
    expect(view.zoom).toBeLessThan(OVERVIEW_ZOOM);
    expect(view.zoom).toBeGreaterThanOrEqual(0.1);
  });

  it('never zooms a small journey in past 100%, and counts sticky notes in the frame', () => {
    const one: JourneyDocument = { ...benchJourney(2), layout: { positions: { n_0: { x: 0, y: 0 }, n_1: { x: 0, y: 140 } }, notes: [] } };
    expect(openingViewport(one, 1200, 900).zoom).toBe(1);
    const withNote: JourneyDocument = { ...one, layout: { ...one.layout, notes: [{ id: 'note_1', text: 'far away', position: { x: 4000, y: 0 }, width: 200, height: 120 }] } };
    const view = openingViewport(withNote, 1200, 900);
    expect(onScreen(view, { x: 4200, y: 120 }).x).toBeLessThan(1200);
  });

  it('opens an empty journey at 100% from the origin, so the first steps land where they are dropped', () => {
    const empty: JourneyDocument = { ...benchJourney(1), nodes: [], edges: [], layout: { positions: {}, notes: [] } };
    expect(openingViewport(empty, 900, 700)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
