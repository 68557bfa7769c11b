import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startApp, type RunningApp } from './harness.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { messageIdOf } from '../../shared/engine/messageKey.ts';
import { hashString, seededRandom } from '../../shared/util/random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * The sample trial journey, run by the engine's headless runner on a virtual clock over the sample
 * contacts, with opens, clicks and upgrades imported as events after the emails went out (each carrying the
 * email's Message-ID, as an email platform's export would). Then its results in the real UI.
 */
describe('results of the sample trial journey in browser mode', () => {
  it('runs the journey, imports engagement, and shows per-step numbers and the A/B verdict', { timeout: 300_000 }, async () => {
    app = await startApp({ sample: { contacts: 2000 } });
    const { db, emailRenderer } = app.workspace.services;
    await app.workspace.client['journeys.publish']({ id: 'j_trial_drip' });

    const T0 = Date.now() + HOUR;
    let clock = T0;
    const runner = new JourneyRunner({
      db,
      emailRenderer,
      sender: new OutboxSender(join(app.workspace.dir, 'outbox')),
      now: () => clock,
      // Trial tags are all there at the start: no need to re-read memberships every tick.
      membershipIntervalMs: DAY,
      onError: (error) => {
        throw error;
      },
    });
    const writer = new ContactWriter(db, () => clock);
    const imported = new Set<string>();
    const sentEmails = db.prepare(
      `SELECT message_key AS key, contact_id AS contactId, node_id AS nodeId, sent_at AS sentAt FROM outbound_emails
        WHERE journey_id = 'j_trial_drip' AND status = 'sent' ORDER BY message_key`,
    );
    // Engagement as an email platform reports it: per email, seeded by its Message-ID. The discount variant
    // of the last-day email brings far more upgrades (25%) than the plain reminder (6%).
    const importEngagement = () => {
      for (const email of sentEmails.all() as Array<{ key: string; contactId: number; nodeId: string; sentAt: number }>) {
        if (imported.has(email.key)) continue;
        imported.add(email.key);
        const random = seededRandom(hashString(email.key));
        const messageId = messageIdOf(email.key);
        if (random.chance(0.45)) {
          const openedAt = email.sentAt + random.int(1, 20) * HOUR;
          writer.insertEvent({ contactId: email.contactId, name: 'email_opened', occurredAt: openedAt, properties: { message_id: messageId } });
          if (random.chance(0.35)) writer.insertEvent({ contactId: email.contactId, name: 'email_clicked', occurredAt: openedAt + 60_000, properties: { message_id: messageId } });
        }
        const upgradeChance = email.nodeId === 'n_email_d21_b' ? 0.25 : email.nodeId === 'n_email_d21' ? 0.06 : 0;
        if (random.chance(upgradeChance)) writer.insertEvent({ contactId: email.contactId, name: 'upgraded', occurredAt: email.sentAt + 2 * DAY, properties: {} });
      }
    };

    // 23 days, ticking every three hours (the emails wait for 9:00-18:00 in each contact's zone).
    const started = Date.now();
    for (let hour = 0; hour <= 23 * 24; hour += 3) {
      clock = T0 + hour * HOUR;
      await runner.runOnce();
      if (hour % 24 === 0) importEngagement();
    }
    importEngagement();
    await runner.close();
    console.log(`runner: 23 virtual days in ${Date.now() - started} ms`);

    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const sentDay1 = count(`SELECT COUNT(*) FROM outbound_emails WHERE node_id = 'n_email_d1' AND journey_id = 'j_trial_drip' AND status = 'sent'`);
    const plain = count(`SELECT COUNT(*) FROM journey_steps WHERE node_id = 'n_ab_d21' AND branch = 'v_a'`);
    const discount = count(`SELECT COUNT(*) FROM journey_steps WHERE node_id = 'n_ab_d21' AND branch = 'v_b'`);
    expect(sentDay1).toBeGreaterThan(100);
    expect(plain).toBeGreaterThan(50);
    expect(discount).toBeGreaterThan(50);

    const { page } = app;
    await app.open();
    await page.getByRole('heading', { name: 'Journeys' }).waitFor();
    await page.evaluate(() => {
      window.location.hash = '#/journeys/j_trial_drip/results';
    });
    await page.getByRole('heading', { name: 'Results: 21-day trial nurture' }).waitFor();
    const steps = page.getByRole('table', { name: 'Steps' });
    const day1 = steps.getByRole('row', { name: /Day 1 email/ });
    await day1.waitFor();
    // Reached, Sent: the counts the engine recorded.
    expect(await day1.getByRole('cell').nth(1).textContent()).toBe(sentDay1.toLocaleString('en-US'));
    expect(await day1.getByRole('cell').nth(6).textContent()).toMatch(/^\d+\.\d%$/);

    // Conversions as upgrades within 7 days of an email: the discount wins.
    await page.getByRole('combobox', { name: 'Conversion', exact: true }).selectOption('purchase');
    await page.getByRole('textbox', { name: 'Conversion event' }).fill('upgraded');
    const verdict = page.getByRole('status', { name: 'Verdict' });
    await expect.poll(() => verdict.textContent(), { timeout: 20_000 }).toMatch(/^Variant B \(Discount\) converts better with (9\d|>99)% probability$/);
    const variants = page.getByRole('table', { name: 'Variants of Last-day offer test' });
    expect(await variants.getByRole('row', { name: /Variant A/ }).getByRole('cell').first().textContent()).toBe(plain.toLocaleString('en-US'));
    await page.screenshot({ path: 'test-results/results-trial.png' });
    await page.getByRole('region', { name: 'A/B test: Last-day offer test' }).screenshot({ path: 'test-results/results-ab-test.png' });

    // Printing hides the app's chrome and the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Declaring the winner publishes version 2 with the discount at 100%.
    await page.getByRole('button', { name: 'Declare Variant B (Discount) the winner' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish with winner' }).click();
    await page.getByText('Published version 2: new arrivals go down the winner.').waitFor();
    const v2 = app.workspace.services.journeys.version('j_trial_drip', 2);
    expect(v2.nodes.find((n) => n.id === 'n_ab_d21')!.config.variants).toEqual([
      { id: 'v_a', name: 'Plain reminder', percent: 0 },
      { id: 'v_b', name: 'Discount', percent: 100 },
    ]);

    // The canvas shows the same live counts on its steps, and per branch on the A/B split's outcomes.
    await page.evaluate(() => {
      window.location.hash = '#/journeys/j_trial_drip';
    });
    await page.getByLabel(`· ${sentDay1.toLocaleString('en-US')} sent`, { exact: false }).first().waitFor();
    await page.getByText(new RegExp(`^Discount \\(\\d+%\\) · ${discount.toLocaleString('en-US')}$`)).waitFor();
    await page.screenshot({ path: 'test-results/canvas-live-counts.png' });
    // ...and the results over a range instead: opens and clicks on each email step.
    await page.getByRole('combobox', { name: 'Numbers on steps' }).selectOption('Results, all time');
    await page.getByLabel(new RegExp(`^Numbers: ${sentDay1.toLocaleString('en-US')} sent · \\d+(\\.\\d)?% opened · \\d+(\\.\\d)?% clicked$`)).first().waitFor();
  });
});
