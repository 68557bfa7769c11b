import { create } from 'zustand';

/**
 * Opening a journey: the canvas draws its steps first, and what is not needed to show them (the problems check and
 * the schemas it needs, the side panel's forms, the minimap) follows once the canvas says they are on screen, or
 * after a second should it never say so.
 */
export const useOpening = create<{ drawn: boolean }>(() => ({ drawn: true }));
let limit: ReturnType<typeof setTimeout> | undefined;

export function openingJourney(): void {
  clearTimeout(limit);
  useOpening.setState({ drawn: false });
  limit = setTimeout(canvasDrawn, 1000);
}

/** The canvas has drawn the opened journey's steps. */
export function canvasDrawn(): void {
  clearTimeout(limit);
  if (!useOpening.getState().drawn) useOpening.setState({ drawn: true });
}
