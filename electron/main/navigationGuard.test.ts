import { describe, expect, it } from 'vitest';
import { guardNavigation, type GuardedContents } from './navigationGuard.ts';

const app = 'file:///app/out/renderer/index.html';

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: (details: { url: string }) => { action: 'deny' } = () => ({ action: 'deny' });
  const contents = {
    on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
  } as unknown as GuardedContents;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler({ url }) };
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

  it('denies every new window and opens only http(s) links in the browser', () => {
    const { contents, open } = fakeContents();
    const opened: string[] = [];
    guardNavigation(contents, app, (url) => opened.push(url));
    for (const url of ['https://docs.example/help', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://docs.example/help']);
  });
});
