import type { NodeKind } from '../../../shared/journey/nodes.ts';

/** The order of the palette: how a journey usually reads, top to bottom. */
export const paletteOrder: NodeKind[] = ['trigger', 'wait', 'wait-for-event', 'condition', 'split', 'ab-split', 'email', 'update-contact', 'goal', 'exit'];
