import { describe, expect, it } from 'vitest';
import { guardNavigation, type GuardedContents } from './navigationGuard.ts';
import { appPageUrl } from './appProtocol.ts';
import { GESTURE_WINDOW_MS, UserGestures, type PageInput } from './externalLinks.ts';

const app = appPageUrl;

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, arg?: unknown) => void>();
  let openHandler: (details: { url: string }) => { action: 'deny' } = () => ({ action: 'deny' });
  const contents = {
    on: (event: string, listener: (event: { preventDefault(): void }, arg?: unknown) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  } as unknown as GuardedContents;
  const fire = (event: string, arg?: unknown) => {
    let prevented = false;
    listeners.get(event)!({ preventDefault: () => (prevented = true) }, arg);
    return prevented;
  };
  return { contents, fire, input: (input: PageInput) => fire('input-event', input), open: (url: string) => openHandler({ url }) };
}

/** A guarded page on a clock the test moves. */
function guardedPage() {
  const page = fakeContents();
  const clock = { now: 1_000_000 };
  const opened: string[] = [];
  guardNavigation(page.contents, app, (url) => opened.push(url), new UserGestures(() => clock.now));
  const click = () => {
    page.input({ type: 'mouseDown' });
    page.input({ type: 'mouseUp' });
  };
  return { ...page, clock, opened, click };
}

describe('navigation guard', () => {
  it('keeps the window on the app', () => {
    const { contents, fire } = fakeContents();
    guardNavigation(contents, app, () => {});
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', app)).toBe(false);
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window and opens only https and mailto links the user clicked', () => {
    const { open, click, opened } = guardedPage();
    for (const url of ['https://docs.example/help', 'mailto:help@example.com', 'http://plain.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x']) {
      click();
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.example/help', 'mailto:help@example.com']);
  });

  it('opens nothing a script asks for without a click or key press just before', () => {
    const { open, click, input, clock, opened } = guardedPage();
    open('https://ads.example/1');
    input({ type: 'mouseMove' });
    input({ type: 'keyDown', modifiers: ['isautorepeat'] });
    open('https://ads.example/2');
    click();
    clock.now += GESTURE_WINDOW_MS + 1;
    open('https://ads.example/3');
    expect(opened).toEqual([]);

    input({ type: 'keyDown' });
    open('https://docs.example/by-keyboard');
    open('https://ads.example/second-tab-from-the-same-press');
    expect(opened).toEqual(['https://docs.example/by-keyboard']);
  });
});
