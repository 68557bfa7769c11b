/**
 * When a link may leave the app for the user's browser or mail client: its scheme is on this list, and the user
 * has just clicked or pressed a key in the page. A script in the page cannot open anything on its own.
 */
export const externalLinkSchemes: readonly string[] = ['https:', 'mailto:'];

export function isAllowedExternalLink(url: string): boolean {
  try {
    return externalLinkSchemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** As the main process receives it (webContents 'input-event'); a page's synthetic DOM events never arrive here. */
export interface PageInput {
  type: string;
  modifiers?: readonly string[];
}

/** How long a click or key press lets one link open: a link's click handler runs well within it. */
export const GESTURE_WINDOW_MS = 1000;

const gestureInputs = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'gestureTap', 'touchEnd']);

/**
 * The user's recent gestures in one page. Each opens at most one link, as a browser's popup blocker allows one
 * popup per click, so a script cannot turn one click into many tabs.
 */
export class UserGestures {
  private lastGestureAt = -Infinity;
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  note(input: PageInput): void {
    if (gestureInputs.has(input.type) && !input.modifiers?.includes('isautorepeat')) this.lastGestureAt = this.now();
  }

  /** True, once, when a gesture came within the window. */
  consume(): boolean {
    const recent = this.now() - this.lastGestureAt <= GESTURE_WINDOW_MS;
    this.lastGestureAt = -Infinity;
    return recent;
  }
}
