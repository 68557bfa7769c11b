import { isAllowedExternalLink, UserGestures, type PageInput } from './externalLinks.ts';

/** The parts of WebContents the guard uses, so it can be tested without Electron. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'input-event', listener: (event: unknown, input: PageInput) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * No navigation away from the app, no new windows, no webviews. A link the user clicks (window.open or
 * target=_blank arrive at the open handler) goes to their browser or mail client, and only if its scheme is on
 * the list (externalLinks.ts) and a real click or key press came just before: a script alone opens nothing.
 */
export function guardNavigation(contents: GuardedContents, rendererUrl: string, openExternal: (url: string) => void, gestures = new UserGestures()): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('input-event', (_event, input) => gestures.note(input));
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url) && gestures.consume()) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
