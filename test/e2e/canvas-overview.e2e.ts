import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from './harness.ts';
import { benchJourney } from '../bench/benchJourney.ts';
import { sampleTemplates } from '../../electron/services/sample/sampleTemplates.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The canvas's zoom, from React Flow's viewport transform. */
const zoom = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

/** A step's size in the journey's units (its size on screen over the zoom). */
async function layoutSize(page: Page, id: string): Promise<{ width: number; height: number }> {
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  const z = await zoom(page);
  return { width: Math.round(box.width / z), height: Math.round(box.height / z) };
}

describe('a large journey on the canvas', () => {
  it('opens as its overview (plain boxes keeping their names), selects from there, and shows the full step when zoomed in', async () => {
    app = await startApp();
    const template = sampleTemplates[0];
    app.workspace.services.templates.create(template.name, template.document, 't_bench');
    const journey = app.workspace.services.journeys.create('Big journey', benchJourney(500));
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: journey.name, exact: true }).click();
    const email = page.getByRole('group', { name: 'Email: Email 30', exact: true });
    await email.waitFor();

    // The first paint is the whole journey, zoomed out past reading: boxes, no cards built and then hidden.
    expect(await zoom(page)).toBeLessThan(0.15);
    await expect.poll(() => page.locator('.react-flow__edge path').count()).toBeGreaterThan(0);
    expect(await page.locator('.step-box').count()).toBe(500);
    expect(await page.locator('.step-name').count()).toBe(0);
    // The minimap joins once the steps are on screen.
    await page.locator('.react-flow__minimap .react-flow__minimap-node').first().waitFor();
    expect(await page.locator('.react-flow__minimap .react-flow__minimap-node').count()).toBe(500);
    const boxSize = await layoutSize(page, 'n_30');
    // The arrows were drawn from the steps' sizes given up front, and meet the handles the page draws.
    const doc = app.workspace.services.journeys.get(journey.id).document;
    const arrows = doc.edges.filter((e) => ['n_0', 'n_29', 'n_30', 'n_498'].includes(e.source));
    expect(Math.max(...(await arrowGaps(page, arrows)))).toBeLessThan(1);
    await page.screenshot({ path: 'test-results/canvas-overview.png' });

    // A box is a step all the same: clicking it opens it in the inspector, the keyboard selects it too.
    await email.click();
    await page.getByRole('region', { name: 'Email settings' }).waitFor();
    await page.getByRole('group', { name: 'Wait: Wait 31', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Wait settings' }).waitFor();

    // Zoomed in, the same step is its card again, the same size as its box (so the arrows do not move).
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect.poll(() => zoom(page)).toBeGreaterThan(0.15);
    await expect.poll(() => page.locator('.react-flow__node[data-id="n_30"] .step-name').textContent()).toBe('Email 30');
    expect(await page.locator('.step-box').count()).toBe(0);
    expect(await layoutSize(page, 'n_30')).toEqual(boxSize);
    expect(Math.max(...(await arrowGaps(page, arrows)))).toBeLessThan(1);
    await page.screenshot({ path: 'test-results/canvas-overview-zoomed-in.png' });
  });
});

describe('arrows on the canvas', () => {
  it('meet the handles they join, on every outcome of a step, and follow a card that grows', async () => {
    app = await startApp({ sample: { contacts: 20 } });
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    await page.getByRole('group', { name: /^Trigger: Added to cart/ }).waitFor();
    const doc = app.workspace.services.journeys.get('j_cart_abandonment').document;
    const condition = doc.nodes.find((n) => n.kind === 'condition')!;
    // A condition's two outcomes (yes and no) leave from two handles along its bottom edge.
    expect(doc.edges.filter((e) => e.source === condition.id).length).toBe(2);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(doc.edges.length);
    expect(Math.max(...(await arrowGaps(page, doc.edges)))).toBeLessThan(1);

    // A card taller than a box (here made so by a style) is measured, and its arrows leave from where its handles are now.
    const before = await layoutSize(page, condition.id);
    await page.addStyleTag({ content: `.react-flow__node[data-id="${condition.id}"] .step { min-height: 150px; }` });
    await expect.poll(() => layoutSize(page, condition.id)).not.toEqual(before);
    await expect.poll(async () => Math.max(...(await arrowGaps(page, doc.edges)))).toBeLessThan(1);
  });
});

type Arrow = { id: string; source: string; sourceHandle: string; target: string };

/**
 * How far (in the journey's units: screen pixels over the zoom) each arrow's ends are from the handles it joins: the bottom centre of its source
 * step's outcome handle and the top centre of its target step's way in. React Flow draws arrows from the handle
 * positions it holds, so this fails when the positions given before measuring (stepGeometry.ts) are not where
 * the page draws the handles.
 */
function arrowGaps(page: Page, arrows: Arrow[]): Promise<number[]> {
  return page.evaluate((arrows) => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
    const origin = viewport.parentElement!.getBoundingClientRect();
    const toScreen = (x: number, y: number) => ({ x: origin.left + matrix.e + x * matrix.a, y: origin.top + matrix.f + y * matrix.a });
    return arrows.flatMap(({ id, source, sourceHandle, target }) => {
      const d = document.querySelector(`.react-flow__edge[data-id="${id}"] path`)!.getAttribute('d')!;
      const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
      const start = toScreen(numbers[0], numbers[1]);
      const end = toScreen(numbers[numbers.length - 2], numbers[numbers.length - 1]);
      const out = document.querySelector(`.react-flow__node[data-id="${source}"] .react-flow__handle.source[data-handleid="${sourceHandle}"]`)!.getBoundingClientRect();
      const into = document.querySelector(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`)!.getBoundingClientRect();
      return [Math.hypot(start.x - (out.left + out.width / 2), start.y - out.bottom) / matrix.a, Math.hypot(end.x - (into.left + into.width / 2), end.y - into.top) / matrix.a];
    });
  }, arrows);
}
