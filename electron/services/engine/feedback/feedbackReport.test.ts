import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFeedbackReport } from './feedbackReport.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../../../test/fixtures/feedback', name));

describe('delivery status notifications and feedback reports, read', () => {
  it("Gmail's bounce: the recipient, the status and the diagnostic, and our Message-ID from the returned message", async () => {
    const report = await readFeedbackReport(fixture('gmail-unknown-user.eml'));
    expect(report).toMatchObject({
      type: 'delivery-status',
      reportId: '<683c2a5c.050a0220.2f1b3.8a41.GMR@mx.google.com>',
      date: new Date('2026-06-01T10:00:12Z'),
      originalMessageId: '<j_welcome.1.1.n_welcome.1@journey-studio.local>',
      reportingMta: 'googlemail.com',
      recipients: [{ address: 'gone.away@gmail.com', action: 'failed', status: '5.1.1' }],
    });
    if (report.type !== 'delivery-status') throw new Error('not a DSN');
    // The folded four-line reply, unfolded into one field.
    expect(report.recipients[0].diagnostic).toMatch(/^smtp; 550-5\.1\.1 The email account that you tried to reach does not exist\. Please try 550-5\.1\.1 double-checking/);
  });

  it("Postfix's bounces and delay warnings, with the original's headers only (text/rfc822-headers)", async () => {
    expect(await readFeedbackReport(fixture('postfix-mailbox-full.eml'))).toMatchObject({
      type: 'delivery-status',
      originalMessageId: '<j_welcome.2.1.n_welcome.1@journey-studio.local>',
      recipients: [{ address: 'full@example.org', action: 'failed', status: '5.2.2', diagnostic: 'smtp; 552 5.2.2 <full@example.org>: Recipient address rejected: Mailbox full' }],
    });
    expect(await readFeedbackReport(fixture('postfix-delayed.eml'))).toMatchObject({
      originalMessageId: '<j_welcome.6.1.n_welcome.1@journey-studio.local>',
      recipients: [{ address: 'slow@example.com', action: 'delayed', status: '4.4.1' }],
    });
  });

  it("Yahoo's and Outlook.com's complaints (ARF), whose complained-of message is inline: its Message-ID, and the recipient unless masked", async () => {
    expect(await readFeedbackReport(fixture('yahoo-complaint.eml'))).toMatchObject({
      type: 'feedback',
      feedbackType: 'abuse',
      address: 'jane.doe@yahoo.com',
      userAgent: 'Yahoo!-Mail-Feedback/2.0',
      originalMessageId: '<j_welcome.3.1.n_welcome.1@journey-studio.local>',
    });
    expect(await readFeedbackReport(fixture('outlook-complaint.eml'))).toMatchObject({
      type: 'feedback',
      feedbackType: 'abuse',
      address: null, // '<masked>'
      userAgent: 'Hotmail FBL',
      originalMessageId: '<j_welcome.4.1.n_welcome.1@journey-studio.local>',
    });
  });

  it('an ordinary message is not a report, and says what it is', async () => {
    const reply = Buffer.from('From: jane@example.org\r\nTo: bounces@shop.example\r\nSubject: Out of office\r\nMessage-ID: <ooo.1@example.org>\r\n\r\nI am away until Monday.\r\n');
    expect(await readFeedbackReport(reply)).toMatchObject({ type: 'not-a-report', reportId: '<ooo.1@example.org>', why: 'not a delivery status notification or a feedback report (its type is text/plain)' });
  });
});
