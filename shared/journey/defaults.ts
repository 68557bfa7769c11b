import { newId } from '../util/ids.ts';
import type { DraftNode } from './journey.ts';
import type { NodeKind } from './nodes.ts';
import { nodeKindInfo } from './kinds.ts';

/**
 * The config a node starts with when dropped on the canvas. Where a choice is the marketer's to make
 * (which template, which event), it is left empty, so the validator asks for it.
 */
export function defaultConfig(kind: NodeKind): Record<string, unknown> {
  switch (kind) {
    case 'trigger':
      return { trigger: { type: 'event', event: { name: '', filters: [] } } };
    case 'wait':
      return { wait: { type: 'duration', duration: { amount: 1, unit: 'hours' } } };
    case 'wait-for-event':
      return { event: { name: '', filters: [] }, timeout: { amount: 1, unit: 'days' } };
    case 'condition':
      return { rule: { type: 'tag', tag: '', has: true } };
    case 'split':
      return { branches: [{ id: newId('b'), label: 'Branch 1', rule: { type: 'tag', tag: '', has: true } }] };
    case 'ab-split':
      return {
        variants: [
          { id: newId('v'), name: 'A', percent: 50 },
          { id: newId('v'), name: 'B', percent: 50 },
        ],
      };
    case 'email':
      return { templateId: '', sendWindow: null };
    case 'update-contact':
      return { actions: [{ op: 'add-tag', tag: '' }] };
    case 'goal':
      return { goal: { type: 'event', event: { name: 'purchased', filters: [] } } };
    case 'exit':
      return {};
  }
}

export function newNode(kind: NodeKind, name = nodeKindInfo[kind].label): DraftNode {
  return { id: newId('n'), kind, name, config: defaultConfig(kind) };
}
