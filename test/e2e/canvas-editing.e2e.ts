import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const steps = (page: Page) => page.locator('.react-flow__node-step');

/** Fires a paste of `text` at the canvas, as Ctrl/Cmd+V with that text on the system clipboard would. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.querySelector('.react-flow__pane')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
}

/** What Ctrl/Cmd+C puts on the system clipboard. */
async function copy(page: Page): Promise<string> {
  return page.evaluate(() => {
    const data = new DataTransfer();
    document.querySelector('.react-flow__pane')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true }));
    return data.getData('text/plain');
  });
}

describe('canvas editing comfort', () => {
  it('copies, pastes across journeys, refuses bad pastes, inserts on an edge and works from the keyboard', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    await page.getByRole('group', { name: /^Trigger: Added to cart/ }).waitFor();
    expect(await steps(page).count()).toBe(10);

    // Bad input: plain text, and a selection from a newer format version. Each says why and changes nothing.
    await paste(page, 'Dear customer, your cart is waiting');
    await page.getByRole('alert').getByText('The clipboard does not hold journey steps').waitFor();
    await paste(page, JSON.stringify({ format: 'journey-studio/selection', version: 99, nodes: [], edges: [], positions: {} }));
    await page.getByRole('alert').getByText(/newer Journey Studio \(selection format 99\)/).waitFor();
    expect(await steps(page).count()).toBe(10);
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);

    // Keyboard: Tab to a step, select it with Enter, move it with the arrows.
    const wait = page.getByRole('group', { name: /^Wait: Wait 1 hour/ });
    await wait.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Wait settings' }).waitFor();
    const before = (await wait.boundingBox())!;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await wait.boundingBox())!.x).toBeGreaterThan(before.x);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Math.round((await wait.boundingBox())!.x)).toBe(Math.round(before.x));

    // Copy two steps and paste them into another journey.
    await page.getByRole('group', { name: /^Email: Reminder: you left something/ }).click();
    await page.getByRole('group', { name: /^Wait: Wait 24 hours/ }).first().click({ modifiers: ['Shift'] });
    const clipboard = await copy(page);
    expect(JSON.parse(clipboard)).toMatchObject({ format: 'journey-studio/selection', version: 1 });
    await page.getByRole('button', { name: '← All journeys' }).click();
    await page.getByRole('button', { name: '21-day trial nurture', exact: true }).click();
    await page.getByRole('group', { name: /^Trigger:/ }).waitFor();
    const trialSteps = await steps(page).count();
    await paste(page, clipboard);
    await expect.poll(() => steps(page).count()).toBe(trialSteps + 2);
    await page.getByRole('group', { name: /^Email: Reminder: you left something/ }).waitFor();

    // Duplicate (Ctrl+D) the pasted pair, then Delete it.
    await page.locator('.react-flow__pane').focus();
    await page.keyboard.press('Control+d');
    await expect.poll(() => steps(page).count()).toBe(trialSteps + 4);
    await page.keyboard.press('Delete');
    await expect.poll(() => steps(page).count()).toBe(trialSteps + 2);

    // Drop a step onto an edge: it is inserted between the two steps.
    await page.getByRole('button', { name: '← All journeys' }).click();
    await page.getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    await page.getByRole('group', { name: /^Trigger: Added to cart/ }).waitFor();
    const edge = page.locator('.react-flow__edge[aria-label="from Added to cart to Wait 1 hour"]');
    const box = (await edge.boundingBox())!;
    await page.getByRole('button', { name: 'Add Update contact' }).dragTo(page.locator('.react-flow__pane'), {
      targetPosition: await page.locator('.react-flow__pane').evaluate((pane, b) => {
        const r = pane.getBoundingClientRect();
        return { x: b.x + b.width / 2 - r.left, y: b.y + b.height / 2 - r.top };
      }, box),
    });
    await expect.poll(() => steps(page).count()).toBe(11);
    // Attached rather than visible: a straight vertical arrow has an empty box to the browser.
    await page.locator('.react-flow__edge[aria-label="from Added to cart to Update contact"]').waitFor({ state: 'attached' });
    await page.locator('.react-flow__edge[aria-label="from Update contact to Wait 1 hour"]').waitFor({ state: 'attached' });
    // The steps from the wait's row down moved to make room: the new step covers neither the trigger nor the wait.
    const boxOf = async (name: RegExp) => (await page.getByRole('group', { name }).boundingBox())!;
    const [trigger, inserted, wait1h] = [await boxOf(/^Trigger: Added to cart/), await boxOf(/^Update contact/), await boxOf(/^Wait: Wait 1 hour/)];
    expect(inserted.y).toBeGreaterThan(trigger.y + trigger.height);
    expect(wait1h.y).toBeGreaterThan(inserted.y + inserted.height);

    // A sticky note for a comment, kept with the journey.
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('textbox', { name: 'Sticky note' }).fill('Ask legal about the 10% offer');
    await page.getByRole('status').getByText('All changes saved').waitFor();
    expect(app.workspace.services.journeys.get('j_cart_abandonment').document.layout.notes.map((n) => n.text)).toEqual(['Ask legal about the 10% offer']);

    // Clicking a problem selects its step and opens it in the inspector.
    await page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /Update contact/ }).first().click();
    await page.getByRole('region', { name: 'Update contact settings' }).waitFor();
    await page.screenshot({ path: 'test-results/canvas-editing.png' });
  });

  it('follows the dark theme of the system', async () => {
    app = await startApp({ sample: { contacts: 50 } });
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await app.open();
    await app.page.getByRole('button', { name: 'Cart abandonment', exact: true }).click();
    await app.page.getByRole('group', { name: /^Condition: Purchased/ }).click();
    const background = await app.page.locator('.step').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(30, 33, 40)');
    await app.page.screenshot({ path: 'test-results/canvas-dark.png' });
  });
});
