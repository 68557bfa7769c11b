import { createContext } from 'react';

/**
 * Below this zoom a step's text is a few pixels high and cannot be read: the canvas shows the journey's shape
 * (coloured boxes and arrows) and leaves the words, icons and background dots out, which is what keeps opening,
 * panning and dragging a zoomed-out 500-step journey quick without a GPU.
 */
export const OVERVIEW_ZOOM = 0.15;

/** Whether the canvas is zoomed out past reading; the steps read it to draw a plain box instead of their card. */
export const OverviewContext = createContext(false);
