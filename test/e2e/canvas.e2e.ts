import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './harness.ts';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const steps = (page: Page) => page.locator('.react-flow__node-step');
const edges = (page: Page) => page.locator('.react-flow__edge');
const inspector = (page: Page) => page.locator('.side-panel');
const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });

/** Drags a palette item onto the canvas at (x, y) relative to the canvas, as a marketer would with the mouse. */
async function dropStep(page: Page, label: string, x: number, y: number): Promise<void> {
  const before = await steps(page).count();
  await page.getByRole('button', { name: `Add ${label}`, exact: true }).dragTo(page.locator('.canvas .react-flow__pane'), { targetPosition: { x, y } });
  await expect.poll(() => steps(page).count()).toBe(before + 1);
}

async function nameStep(page: Page, name: string): Promise<void> {
  await inspector(page).getByRole('textbox', { name: 'Step name' }).fill(name);
}

/** Connects an outcome handle to a step's input handle by dragging between them. */
async function wire(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 20, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

const outHandle = (page: Page, name: string) => page.getByLabel(name, { exact: true });
const inHandle = (page: Page, step: string) => page.getByLabel(`Into ${step}`, { exact: true });
const node = (page: Page, name: RegExp) => page.getByRole('group', { name });

describe('journey canvas in browser mode', () => {
  it('builds the cart-abandonment journey from an empty canvas, fixes a problem, undoes, reloads and publishes', async () => {
    app = await startApp({ sample: { contacts: 50 }, viewport: { width: 1600, height: 1000 } });
    const { page } = app;
    await app.open();
    await page.getByRole('textbox', { name: 'New journey name' }).fill('Cart recovery');
    await page.getByRole('button', { name: 'New journey', exact: true }).click();
    await page.getByText('Drag a Trigger from the palette').waitFor();

    // Column one: trigger, wait, condition, first email, first 24 h wait.
    await dropStep(page, 'Trigger', 200, 60);
    await nameStep(page, 'Added to cart');
    await inspector(page).getByRole('textbox', { name: 'Event name' }).fill('added_to_cart');

    await dropStep(page, 'Wait', 200, 200);
    await nameStep(page, 'Wait 1 hour');
    expect(await inspector(page).getByRole('spinbutton', { name: 'Amount' }).inputValue()).toBe('1');
    expect(await inspector(page).getByRole('combobox', { name: 'Unit' }).inputValue()).toBe('hours');
    await wire(page, outHandle(page, 'Next from Added to cart'), inHandle(page, 'Wait 1 hour'));
    await expect.poll(() => edges(page).count()).toBe(1);

    await dropStep(page, 'Condition', 200, 340);
    await nameStep(page, 'Purchased since entry?');
    await inspector(page).getByRole('combobox', { name: 'Rule kind' }).selectOption({ label: 'Event since entering this journey' });
    await inspector(page).getByRole('textbox', { name: 'Event name' }).fill('purchased');
    await wire(page, outHandle(page, 'Next from Wait 1 hour'), inHandle(page, 'Purchased since entry?'));

    await dropStep(page, 'Email', 200, 480);
    await nameStep(page, 'Reminder 1');
    // A validation problem: the email has no template yet. It shows on the node, in the inspector and in the panel.
    await expect.poll(() => problems(page).getByText('choose a template').count()).toBeGreaterThan(0);
    await inspector(page).locator('.field-error', { hasText: 'choose a template' }).waitFor();
    expect(await node(page, /^Email: Reminder 1, \d+ problems?/).count()).toBe(1);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('alert').getByText(/cannot go live while it has \d+ problem/).waitFor();
    await page.screenshot({ path: 'test-results/canvas-problem.png' });
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    await inspector(page).getByRole('combobox', { name: 'Template' }).selectOption('t_cart_1');
    await inspector(page).getByLabel('Template preview').getByText('Subject').waitFor();
    // the subject as the sample contact (Alex) gets it, rendered by the real template engine
    await inspector(page).getByTestId('rendered-subject').getByText('Alex, you left something in your cart').waitFor();
    await expect.poll(() => problems(page).getByText('choose a template').count()).toBe(0);
    await wire(page, outHandle(page, 'No outcome of Purchased since entry?'), inHandle(page, 'Reminder 1'));

    await dropStep(page, 'Wait', 200, 620);
    await nameStep(page, 'Wait 24 hours');
    await inspector(page).getByRole('spinbutton', { name: 'Amount' }).fill('24');
    await wire(page, outHandle(page, 'Next from Reminder 1'), inHandle(page, 'Wait 24 hours'));

    // Column two: the second and third emails and the end.
    await dropStep(page, 'Email', 520, 60);
    await nameStep(page, 'Reminder 2');
    await inspector(page).getByRole('combobox', { name: 'Template' }).selectOption('t_cart_2');
    await wire(page, outHandle(page, 'Next from Wait 24 hours'), inHandle(page, 'Reminder 2'));

    await dropStep(page, 'Wait', 520, 200);
    await nameStep(page, 'Wait another 24 hours');
    await inspector(page).getByRole('spinbutton', { name: 'Amount' }).fill('24');
    await wire(page, outHandle(page, 'Next from Reminder 2'), inHandle(page, 'Wait another 24 hours'));

    await dropStep(page, 'Email', 520, 340);
    await nameStep(page, 'Last call');
    await inspector(page).getByRole('combobox', { name: 'Template' }).selectOption('t_cart_3');
    await wire(page, outHandle(page, 'Next from Wait another 24 hours'), inHandle(page, 'Last call'));

    await dropStep(page, 'Exit', 520, 480);
    await nameStep(page, 'Done');
    await wire(page, outHandle(page, 'Next from Last call'), inHandle(page, 'Done'));

    await dropStep(page, 'Exit', 520, 620);
    await nameStep(page, 'Purchased');
    // Connect the last one from the keyboard way: the condition's "Yes leads to" select.
    await node(page, /^Condition: Purchased since entry\?/).click();
    await inspector(page).getByRole('combobox', { name: 'Yes leads to' }).selectOption({ label: 'Purchased (Exit)' });

    await expect.poll(() => edges(page).count()).toBe(9);
    await problems(page).getByText('No problems: this journey can go live.').waitFor();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'test-results/canvas-cart-built.png' });

    // Undo and redo: delete a step with the Delete key, bring it back, delete it again, bring it back.
    await node(page, /^Exit: Done/).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => steps(page).count()).toBe(9);
    await expect.poll(() => problems(page).getByText('leads nowhere').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => steps(page).count()).toBe(10);
    await expect.poll(() => edges(page).count()).toBe(9);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => steps(page).count()).toBe(9);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => steps(page).count()).toBe(10);
    await problems(page).getByText('No problems: this journey can go live.').waitFor();

    // Reload: the autosaved draft comes back intact.
    await page.getByRole('status').getByText('All changes saved').waitFor();
    const saved = app.workspace.services.journeys.list().find((j) => j.name === 'Cart recovery')!;
    const before = app.workspace.services.journeys.get(saved.id).document;
    await page.reload();
    await node(page, /^Trigger: Added to cart$/).waitFor();
    expect(await steps(page).count()).toBe(10);
    await expect.poll(() => edges(page).count()).toBe(9);
    const document = app.workspace.services.journeys.get(saved.id).document;
    expect(document).toEqual(before);
    expect(document.nodes.map((n) => n.kind).sort()).toEqual(['condition', 'email', 'email', 'email', 'exit', 'exit', 'trigger', 'wait', 'wait', 'wait']);
    expect(document.nodes.find((n) => n.name === 'Wait 24 hours')!.config).toEqual({ wait: { type: 'duration', duration: { amount: 24, unit: 'hours' } } });
    expect(document.nodes.find((n) => n.kind === 'condition')!.config).toEqual({ rule: { type: 'event-since-entry', event: { name: 'purchased', filters: [] }, happened: true } });
    expect(document.nodes.find((n) => n.kind === 'trigger')!.config).toEqual({ trigger: { type: 'event', event: { name: 'added_to_cart', filters: [] } } });

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published: version 1 is live.').waitFor();
    expect(app.workspace.services.journeys.get(saved.id).status).toBe('live');
    await page.screenshot({ path: 'test-results/canvas-published.png' });

    // The live journey's controls: pause keeps the work queued, resume picks it up, stop ends it.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByText('Paused: work stays queued.').waitFor();
    expect(app.workspace.services.journeys.get(saved.id).status).toBe('paused');
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByText('Resumed.').waitFor();
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByText(/Stopped: 0 contact\(s\) left/).waitFor();
    expect(app.workspace.services.journeys.get(saved.id).status).toBe('stopped');
  });
});
