/**
 * The size a step is laid out at (auto-layout, the opening view, where a new step lands). Apart from autoLayout.ts,
 * so that reading it does not load dagre: the canvas loads dagre on the first auto-layout.
 */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 92;
