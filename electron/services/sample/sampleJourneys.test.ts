import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_HEIGHT, NODE_WIDTH } from '../../../shared/journey/autoLayout.ts';
import { sampleJourneys } from './sampleJourneys.ts';

describe('the sample journeys', () => {
  it('is how the sample journeys are stored: no two steps overlap', () => {
    for (const { document } of sampleJourneys()) {
      expect(document.layout.positions).toEqual(autoLayout(document));
      const boxes = document.nodes.map((n) => document.layout.positions[n.id]);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const apart = Math.abs(boxes[i].x - boxes[j].x) >= NODE_WIDTH || Math.abs(boxes[i].y - boxes[j].y) >= NODE_HEIGHT;
          expect(apart).toBe(true);
        }
    }
  });
});
