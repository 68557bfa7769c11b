import type { NodeKind } from '../../../shared/journey/nodes.ts';

/** How each kind looks on the canvas and in the palette: a glyph and a colour family (see canvas.css). */
export const kindIcon: Record<NodeKind, string> = {
  trigger: '⚡',
  wait: '⏱',
  'wait-for-event': '⏳',
  condition: '◆',
  split: '⑂',
  'ab-split': '⚖',
  email: '✉',
  'update-contact': '✎',
  goal: '★',
  exit: '⏹',
};

/** The order of the palette: how a journey usually reads, top to bottom. */
export const paletteOrder: NodeKind[] = ['trigger', 'wait', 'wait-for-event', 'condition', 'split', 'ab-split', 'email', 'update-contact', 'goal', 'exit'];
