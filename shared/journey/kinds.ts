import type { DraftNode } from './journey.ts';
import type { NodeKind } from './nodes.ts';

/** How each node kind presents itself to a marketer: in the palette, on the canvas and in messages. */
export const nodeKindInfo: Record<NodeKind, { label: string; description: string }> = {
  trigger: { label: 'Trigger', description: 'What brings a contact into the journey.' },
  wait: { label: 'Wait', description: 'Pause for a time, until a date, or until a time of day.' },
  'wait-for-event': { label: 'Wait for event', description: 'Wait until the contact does something, or time runs out.' },
  condition: { label: 'Condition', description: 'Send contacts down yes or no by a rule.' },
  split: { label: 'Split', description: 'Route contacts down the first branch whose rule they match.' },
  'ab-split': { label: 'A/B split', description: 'Divide contacts at random between variants.' },
  email: { label: 'Email', description: 'Send a personalised email from a template.' },
  'update-contact': { label: 'Update contact', description: 'Set or clear an attribute, add or remove a tag.' },
  goal: { label: 'Goal', description: 'The conversion: contacts who meet it jump here.' },
  exit: { label: 'Exit', description: 'The contact leaves the journey.' },
};

/** What a step is called in reasons and messages: its name, or its kind's label when it has none. */
export const nodeName = (node: Pick<DraftNode, 'name' | 'kind'>): string => node.name || nodeKindInfo[node.kind].label;

/** Whether a string (say, dragged in from the palette) names a node kind. */
export const isNodeKind = (value: string): value is NodeKind => Object.hasOwn(nodeKindInfo, value);

/** Nodes where a contact can rest for a while: a loop through one of these cannot spin forever. */
export const waitingKinds: ReadonlySet<NodeKind> = new Set(['wait', 'wait-for-event']);
