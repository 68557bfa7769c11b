import type { DraftNode } from './journey.ts';

/** One way out of a node: an edge leaves from it. The id is the edge's sourceHandle. */
export interface Outcome {
  id: string;
  label: string;
  /** When false, a contact leaving by an unconnected outcome simply finishes the journey. */
  required: boolean;
}

const next: Outcome[] = [{ id: 'next', label: '', required: true }];

function listOf(config: Record<string, unknown>, key: string): Array<Record<string, unknown>> {
  const value = config[key];
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

/**
 * The outcomes of a node, read from its (possibly half-made) config. Every consumer -- validator,
 * canvas handles, interpreter -- asks here, so a node kind's outcomes are defined once.
 */
export function outcomesOf(node: Pick<DraftNode, 'kind' | 'config'>): Outcome[] {
  switch (node.kind) {
    case 'trigger':
    case 'wait':
    case 'email':
    case 'update-contact':
      return next;
    case 'goal':
      return [{ id: 'next', label: '', required: false }];
    case 'exit':
      return [];
    case 'condition':
      return [
        { id: 'yes', label: 'Yes', required: true },
        { id: 'no', label: 'No', required: true },
      ];
    case 'wait-for-event':
      return [
        { id: 'happened', label: 'Happened', required: true },
        { id: 'timed-out', label: 'Timed out', required: true },
      ];
    case 'split':
      return [
        ...listOf(node.config, 'branches').map((b) => ({
          id: String(b.id),
          label: String(b.label ?? b.id),
          required: true,
        })),
        { id: 'else', label: 'Everyone else', required: true },
      ];
    case 'ab-split':
      return listOf(node.config, 'variants').map((v) => ({
        id: String(v.id),
        label: `${String(v.name ?? v.id)} (${String(v.percent ?? '?')}%)`,
        required: true,
      }));
  }
}
