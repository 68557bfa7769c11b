import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeChannels } from '../../shared/api/contract.ts';
import { flushBeforeClose, type ClosingWindowLike } from './closeGuard.ts';

/** A window that really closes only when its 'close' listeners let it (like BrowserWindow). */
function fakeWindow(id = 1) {
  const events = new EventEmitter();
  const sent: string[] = [];
  let closed = false;
  const window: ClosingWindowLike & { closed(): boolean } = {
    on: (event, listener) => void events.on(event, listener),
    close() {
      let prevented = false;
      events.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) closed = true;
    },
    isDestroyed: () => closed,
    webContents: { id, send: (channel) => void sent.push(channel) },
    closed: () => closed,
  };
  return { window, sent };
}

afterEach(() => vi.useRealTimers());

describe('closing the window', () => {
  it('asks the renderer to save what is pending and closes when it answers', () => {
    const { window, sent } = fakeWindow(7);
    const replies = new EventEmitter();
    flushBeforeClose(window, replies);
    window.close();
    expect(sent).toEqual([closeChannels.flush]);
    expect(window.closed()).toBe(false);
    window.close(); // a second click while saving asks nothing new
    expect(sent).toEqual([closeChannels.flush]);
    replies.emit(closeChannels.flushed, { sender: { id: 99 } }); // another window's answer
    expect(window.closed()).toBe(false);
    replies.emit(closeChannels.flushed, { sender: { id: 7 } });
    expect(window.closed()).toBe(true);
    expect(replies.listenerCount(closeChannels.flushed)).toBe(0);
  });

  it('closes anyway when the renderer does not answer in time', () => {
    vi.useFakeTimers();
    const { window } = fakeWindow();
    flushBeforeClose(window, new EventEmitter(), 1000);
    window.close();
    vi.advanceTimersByTime(999);
    expect(window.closed()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(window.closed()).toBe(true);
  });
});
