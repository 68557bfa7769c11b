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
    await page.screenshot({ path: 'test-results/canvas-overview-zoomed-in.png' });
  });
});
