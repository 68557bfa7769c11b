import { describe, expect, it } from 'vitest';
import { Position, type EdgeProps } from '@xyflow/react';
import { sameEdge, type OutcomeFlowEdge } from './OutcomeEdge.tsx';

// React Flow hands an edge its data object as given, so an unchanged edge has the same one.
const yes = { label: 'Yes' };
const edge = (patch: Partial<EdgeProps<OutcomeFlowEdge>> = {}): EdgeProps<OutcomeFlowEdge> => ({
  id: 'e_1',
  source: 'n_1',
  target: 'n_2',
  sourceX: 114.5,
  sourceY: 80.5,
  targetX: 414.5,
  targetY: 134.5,
  sourcePosition: Position.Bottom,
  targetPosition: Position.Top,
  data: yes,
  selected: false,
  ...patch,
});

describe('an outcome arrow', () => {
  it('is not redrawn when React Flow re-measures its ends to within a hair of where they were', () => {
    expect(sameEdge(edge(), edge({ sourceX: 114.50029117753948, targetY: 134.49997 }))).toBe(true);
  });

  it('is redrawn when an end moves, its label changes or it is selected', () => {
    expect(sameEdge(edge(), edge({ targetX: 415.5 }))).toBe(false);
    expect(sameEdge(edge(), edge({ data: { label: 'No' } }))).toBe(false);
    expect(sameEdge(edge(), edge({ selected: true }))).toBe(false);
  });
});
