import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { SmtpSender } from '../../electron/services/engine/senders/smtpSender.ts';
import { startSmtpServer } from '../helpers/smtpServer.ts';
import { publishWelcome } from '../helpers/welcomeJourney.ts';
import { tempWorkspace } from '../helpers/workspace.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 5, 1, 10);

const hard = 'gone@example.com';
const full = 'full@example.com';
const blocked = Array.from({ length: 6 }, (_, i) => `b${i + 1}@example.net`);
const fine = Array.from({ length: 20 }, (_, i) => `ok${i + 1}@example.com`);

/**
 * One welcome email to each of 28 contacts, through a real SMTP server that answers per recipient as Gmail and
 * Outlook do: an unknown account, a full inbox, and a blocklist rejection of our IP for one domain.
 */
describe('SMTP replies through a real server: hard bounce, soft bounce, and a policy pause', () => {
  let clock = T0;
  const ws = tempWorkspace(() => clock);
  const { db } = ws.services;
  let blocklisted = true;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let runner: JourneyRunner;
  let sentBeforePause = 0;
  const row = (to: string) => db.prepare('SELECT status, attempts, last_error FROM outbound_emails WHERE to_email = ?').get(to) as { status: string; attempts: number; last_error: string | null };
  const suppressed = () => db.prepare('SELECT email, reason FROM suppressions ORDER BY email').all() as Array<{ email: string; reason: string }>;

  beforeAll(async () => {
    smtp = await startSmtpServer({
      replyTo: (to) => {
        if (to === hard) return '550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient\'s email address for typos or unnecessary spaces.';
        if (to === full) return '552 5.2.2 The recipient\'s inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp';
        if (blocklisted && to.endsWith('@example.net')) return '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.7';
        return undefined;
      },
    });
    const writer = new ContactWriter(db, () => clock);
    await publishWelcome(ws, writer, [...blocked, hard, full, ...fine], T0);
    runner = new JourneyRunner({
      services: ws.services,
      sender: new SmtpSender({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, messagesPerSecond: 1000, maxConnections: 1, allowInvalidCertificates: false }, undefined),
      now: () => clock,
      delivery: { maxAttempts: 3, backoffMs: MINUTE },
      onError: (error) => {
        throw error;
      },
    });
    await runner.runOnce();
  }, 60_000);

  afterAll(async () => {
    await runner?.close();
    await smtp?.close();
    ws.close();
  });

  it('an unknown account is a hard bounce: failed, and the address suppressed with the reason', () => {
    expect(row(hard)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row(hard).last_error).toMatch(/^hard bounce: 550 5\.1\.1 The email account that you tried to reach does not exist/);
    expect(suppressed()).toEqual([{ email: hard, reason: expect.stringMatching(/^hard bounce \(the address does not exist or cannot receive mail\): 550 5\.1\.1 /) }]);
  });

  it('a full inbox is retried later and the address is not suppressed', () => {
    expect(row(full)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row(full).last_error).toMatch(/^552 5\.2\.2 The recipient's inbox is out of storage space/);
  });

  it('five blocklist rejections pause the workspace\'s sending, blame no recipient, and say why', async () => {
    const status = await ws.client['engine.sendingStatus']({});
    expect(status.paused).toMatchObject({ since: T0 });
    expect(status.paused!.reason).toMatch(/^Sending is paused: 5 emails in 10 minutes were refused by the receiving servers for policy or reputation reasons/);
    expect(status.paused!.reason).toMatch(/none was suppressed/);
    expect(status.paused!.reason).toMatch(/The last reply: 550 5\.7\.1 Service unavailable, Client host \[203\.0\.113\.7\] blocked using Spamhaus/);
    expect(status.paused!.refusals).toHaveLength(5);
    for (const refusal of status.paused!.refusals) expect(blocked).toContain(refusal.to);
    for (const to of blocked) expect(row(to)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(suppressed().map((s) => s.email)).toEqual([hard]);
    // The sender stopped taking up the batch: only the emails already in flight (8 at most) went.
    sentBeforePause = smtp.received.length;
    expect(sentBeforePause).toBeLessThan(8);
    expect(fine.filter((to) => row(to).attempts === 0).length).toBe(fine.length - sentBeforePause);
  });

  it('sends nothing while paused, however long', async () => {
    clock = T0 + 30 * MINUTE;
    const report = await runner.runOnce();
    expect(report).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(sentBeforePause);
    expect((await ws.client['engine.sendingStatus']({})).paused).not.toBeNull();
  });

  it('after resuming, the queued emails go out; the full inbox ends as a soft bounce that suppresses nothing', async () => {
    blocklisted = false; // delisted
    expect(await ws.client['engine.resumeSending']({})).toEqual({ paused: null });
    await runner.runOnce();
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([...blocked, ...fine].sort());
    expect(row(full)).toMatchObject({ status: 'queued', attempts: 2 });

    clock = T0 + 40 * MINUTE;
    await runner.runOnce();
    expect(row(full).status).toBe('failed');
    expect(row(full).last_error).toMatch(/^soft bounce after 3 attempts \(a temporary refusal .*; the address was not suppressed\): 552 5\.2\.2 /);
    expect(suppressed().map((s) => s.email)).toEqual([hard]);
    expect((await ws.client['engine.sendingStatus']({})).paused).toBeNull();
  });
});
