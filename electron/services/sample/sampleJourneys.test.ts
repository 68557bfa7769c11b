import { describe, expect, it } from 'vitest';
import { autoLayout, NODE_HEIGHT, NODE_WIDTH } from '../../../shared/journey/autoLayout.ts';
import { sampleJourneys } from './sampleJourneys.ts';
import { sampleTemplates } from './sampleTemplates.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { dumpStore } from '../../../test/helpers/storeDump.ts';

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

describe('loading the sample', () => {
  it('refuses, naming them, when a template of the workspace has the name of a sample one, and writes nothing (found by the fuzz test)', async () => {
    const ws = tempWorkspace();
    try {
      await ws.client['workspace.loadSample']({ contacts: 5 });
      const mine = await ws.client['templates.duplicate']({ id: 't_cart_1' });
      await ws.client['templates.update']({ id: 't_cart_1', name: 'Renamed' });
      const sampleName = sampleTemplates.find((t) => t.id === 't_cart_1')!.name;
      await ws.client['templates.update']({ id: mine.id, name: sampleName });
      const before = dumpStore(ws.services.db);
      await expect(ws.client['workspace.loadSample']({ contacts: 5 })).rejects.toMatchObject({
        code: 'conflict',
        message: `the sample cannot be loaded: the template ${mine.id} is named "${sampleName}", as a sample template is. Rename it, then load the sample again`,
      });
      expect(dumpStore(ws.services.db)).toEqual(before);
    } finally {
      ws.close();
    }
  });
});
