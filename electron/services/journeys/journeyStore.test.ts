import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../sample/loadSample.ts';
import { newNode } from '../../../shared/journey/defaults.ts';
import { emptyDocument } from '../../../shared/journey/journey.ts';
import type { Journey } from '../../../shared/api/calls/journeys.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';

let workspace: ReturnType<typeof tempWorkspace>;
beforeAll(() => {
  workspace = tempWorkspace();
  loadSample(workspace.services.db, { contacts: 10, seed: 1 });
}, 60_000);
afterAll(() => workspace.close());

/** What a summary always was: the parsed journey without its document, in the same key order. */
const summaryOf = ({ document: _document, ...summary }: Journey) => JSON.stringify(summary);

describe('JourneyStore summaries', () => {
  it('count the steps of the stored draft exactly as parsing it would', () => {
    const { journeys } = workspace.services;
    const big = emptyDocument();
    for (let i = 0; i < 500; i++) big.nodes.push({ ...newNode('wait'), id: `n_${i}` });
    const created = journeys.create('Five hundred steps', big);
    journeys.create('Empty');

    const listed = journeys.list();
    expect(listed.map((s) => JSON.stringify(s))).toEqual(listed.map((s) => summaryOf(journeys.get(s.id))));
    expect(listed.find((s) => s.id === created.id)?.nodeCount).toBe(500);
    expect(journeys.list('hundred').map((s) => s.id)).toEqual([created.id]);

    expect(JSON.stringify(journeys.rename(created.id, 'Renamed'))).toBe(summaryOf(journeys.get(created.id)));
    expect(JSON.stringify(journeys.saveDraft(created.id, { ...big, nodes: big.nodes.slice(0, 7) }))).toBe(summaryOf(journeys.get(created.id)));
    expect(journeys.get(created.id).nodeCount).toBe(7);
  });
});
