import type { JourneyDocument } from '../../shared/journey/journey.ts';
import { JourneySettings } from '../../shared/journey/settings.ts';

/**
 * A large journey for the canvas benchmark: a trigger and then `size - 1` steps (waits and emails taking turns)
 * in one long path, laid out in columns of 25 like a big drawn journey. Every step is configured and connected.
 */
export function benchJourney(size: number): JourneyDocument {
  const nodes: JourneyDocument['nodes'] = [];
  const edges: JourneyDocument['edges'] = [];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let i = 0; i < size; i++) {
    const id = `n_${i}`;
    if (i === 0) nodes.push({ id, kind: 'trigger', name: 'Added to cart', config: { trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } } });
    else if (i === size - 1) nodes.push({ id, kind: 'exit', name: 'Done', config: {} });
    else if (i % 2 === 1) nodes.push({ id, kind: 'wait', name: `Wait ${i}`, config: { wait: { type: 'duration', duration: { amount: 1, unit: 'days' } } } });
    else nodes.push({ id, kind: 'email', name: `Email ${i}`, config: { templateId: 't_bench', sendWindow: null } });
    positions[id] = { x: Math.floor(i / 25) * 300, y: (i % 25) * 140 };
    if (i > 0) edges.push({ id: `e_${i}`, source: `n_${i - 1}`, sourceHandle: 'next', target: id });
  }
  return { nodes, edges, settings: JourneySettings.parse({}), layout: { positions, notes: [] } };
}
