import type { Page } from 'playwright-core';

/**
 * When a page first shows a React Flow graph, and when it stops being busy, observed from inside the page from its
 * first moment, the same way for our canvas and the bare reference page.
 *
 * First render is the end of the first frame that paints every node visible and at least one edge. In each animation
 * frame the watcher posts a 'user-blocking' task, which the browser runs as soon as that frame's work (style, layout,
 * React Flow's ResizeObserver callbacks, paint) is done and before any waiting task; that task checks the page. So a
 * node made visible during a frame (the bare page's, once measured) counts from that frame, and a frame that does more
 * work before it paints (ours, had it any) counts from when that work is done.
 *
 * (An earlier version waited in Playwright for the page to show the graph. Playwright's check only runs once the page
 * is free to run it, so it measured first render or the end of whatever long task followed it, whichever came later.)
 *
 * Settled is the end of the last long task (50 ms or more, as the browser reports them) before the page has been free
 * of them for a second: until then a click or a key waits.
 */
export interface PageTiming {
  firstRenderMs: number;
  settledMs: number;
}

interface Watch {
  firstRender?: number;
  longTasks: Array<[start: number, duration: number]>;
}

/** Install in the page before its own scripts run (page.addInitScript). Runs in the browser: it must stand alone. */
export function watchRendering(): void {
  const watch: Watch = { longTasks: [] };
  (window as unknown as { __pageTiming: Watch }).__pageTiming = watch;
  const graphShown = () => {
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
    if (nodes.length === 0 || !document.querySelector('.react-flow__edge path')) return false;
    for (const node of nodes) if (node.style.visibility === 'hidden') return false;
    return true;
  };
  const scheduler = (globalThis as unknown as { scheduler: { postTask(task: () => void, options: { priority: string }): void } }).scheduler;
  const onFrame = () =>
    scheduler.postTask(
      () => {
        if (graphShown()) watch.firstRender = performance.now();
        else requestAnimationFrame(onFrame);
      },
      { priority: 'user-blocking' },
    );
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) watch.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** Waits for the page watched by `watchRendering` to show its graph and then settle (a second without long tasks). */
export async function pageTiming(page: Page, quietMs = 1000): Promise<PageTiming> {
  const handle = await page.waitForFunction(
    (quiet) => {
      const watch = (window as unknown as { __pageTiming: Watch }).__pageTiming;
      if (watch.firstRender === undefined) return false;
      const lastEnd = Math.max(watch.firstRender, ...watch.longTasks.map(([start, duration]) => start + duration));
      return performance.now() - lastEnd >= quiet ? { firstRenderMs: watch.firstRender, settledMs: lastEnd } : false;
    },
    quietMs,
    { polling: 100, timeout: 60_000 },
  );
  return (await handle.jsonValue()) as PageTiming;
}
