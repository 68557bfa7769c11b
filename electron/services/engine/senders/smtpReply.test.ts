import { describe, expect, it } from 'vitest';
import { classifyReply, classifySmtpReply, type ReplyKind } from './smtpReply.ts';

/** Replies as Gmail, Outlook / Microsoft 365, Yahoo / AOL and common MTAs send them. */
const replies: Array<[ReplyKind, string, string]> = [
  // The address does not exist: suppress it.
  ['hard-bounce', 'Gmail, unknown account', "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123456qkb.12 - gsmtp"],
  ['hard-bounce', 'Gmail, disabled account', '550-5.2.1 The email account that you tried to reach is disabled. Learn more at\n550 5.2.1  https://support.google.com/mail/?p=DisabledUser d2si4567qtb.31 - gsmtp'],
  ['hard-bounce', 'Gmail, bad address syntax', '553 5.1.3 The recipient address <jane@@example.com> is not a valid RFC 5321 address. For more information, go to https://support.google.com/a/answer/3221692 - gsmtp'],
  ['hard-bounce', 'Outlook, recipient not found', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
  ['hard-bounce', 'Outlook.com, unknown mailbox under 5.5.0', '550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM4PEPF00027A5F.eurprd04.prod.outlook.com]'],
  ['hard-bounce', 'Microsoft 365, directory-based edge blocking', '550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [BN8NAM11FT066.eop-nam11.prod.protection.outlook.com]'],
  ['hard-bounce', 'Yahoo, unknown user', '554 delivery error: dd This user doesn\'t have a yahoo.com account (jane.doe.1999@yahoo.com) [0] - mta1234.mail.ne1.yahoo.com'],
  ['hard-bounce', 'Yahoo, unknown mailbox, no enhanced code', '552 1 Requested mail action aborted, mailbox not found'],
  ['hard-bounce', 'Postfix, unknown user', '550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown in virtual mailbox table'],
  ['hard-bounce', 'null MX (RFC 7505)', '556 5.1.10 Recipient address has null MX'],
  ['hard-bounce', 'no route to the domain', '550 5.4.4 Unable to route: no mail hosts for domain'],
  ['hard-bounce', 'an old server, 550 and no words we know', '550 Requested action not taken'],

  // Try again later; after the last attempt a soft bounce that suppresses nothing.
  ['transient', 'Gmail, inbox full', "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please\n552 5.2.2  direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm 5b1f17b1804b1-4 - gsmtp"],
  ['transient', 'Gmail, inbox full (temporary)', "452-4.2.2 The recipient's inbox is out of storage space. Please direct the\n452 4.2.2  recipient to https://support.google.com/mail/?p=OverQuotaTemp c2-20 - gsmtp"],
  ['transient', 'Gmail, rate limited', '421 4.7.0 Try again later, closing connection.'],
  ['transient', 'Gmail, receiving too fast', '450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n450 4.2.1  prevents additional messages from being delivered. - gsmtp'],
  ['transient', 'Outlook, mailbox full', '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'],
  ['transient', 'Outlook, server busy', '451 4.7.500 Server busy. Please try again later from [203.0.113.7]. (S77714) [DB5EUR03FT015.eop-EUR03.prod.protection.outlook.com]'],
  ['transient', 'Yahoo, deferred for volume or complaints', '421 4.7.0 [TSS04] Messages from 203.0.113.7 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes'],
  ['transient', 'greylisting', '450 4.2.0 <jane@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html'],
  ['transient', 'a 4xx that mentions a blocklist is still temporary', '451 4.7.1 Service unavailable - try again later; client host blocked using zen.spamhaus.org'],
  ['transient', 'the mail system is full', '552 5.3.4 Message size exceeds fixed maximum message size'],
  ['transient', 'routing loop', '554 5.4.6 Hop count exceeded - possible mail loop'],
  ['transient', 'mailbox over quota, no enhanced code', '552 Mailbox is full / Blocks limit exceeded / Inode limit exceeded'],

  // The receiver refuses us, not the address: never suppress.
  ['policy', 'Outlook / Spamhaus', '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.7 (AS3130). [BN1NAM02FT047.eop-nam02.prod.protection.outlook.com]'],
  ['policy', 'Outlook, banned sending IP', '550 5.7.606 Access denied, banned sending IP [203.0.113.7]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)'],
  ['policy', 'Yahoo, policy', '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes'],
  ['policy', 'Gmail, likely unsolicited', '550-5.7.1 [203.0.113.7] Our system has detected that this message is likely\n550-5.7.1 unsolicited mail. To reduce the amount of spam sent to Gmail, this\n550 5.7.1 message has been blocked. - gsmtp'],
  ['policy', 'Gmail, unauthenticated sender', '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail\n550 5.7.26 requires all senders to authenticate with either SPF or DKIM. - gsmtp'],
  ['policy', 'DMARC reject', '550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.'],
  ['policy', 'Postfix with an RBL, no enhanced code', '554 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.7'],
  ['policy', 'content filter, no enhanced code', '550 Message rejected because it looks like spam'],
  ['policy', 'a bare 554', '554 Transaction failed'],

  // Our own commands or login.
  ['our-fault', 'bad sequence', '503 5.5.1 Error: need RCPT command'],
  ['our-fault', 'syntax', '501 5.5.2 Syntax error in parameters or arguments'],
  ['our-fault', 'Gmail, wrong password', '535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp'],
  ['our-fault', 'Gmail, app password needed', '534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp'],
  ['our-fault', 'authentication required', '530 5.7.0 Authentication Required. Learn more at https://support.google.com/mail/?p=WantAuthError - gsmtp'],
  ['our-fault', 'relay denied', '554 5.7.1 <jane@example.org>: Relay access denied'],
  ['our-fault', 'bad sender address', '553 5.1.7 The sender address <hello@> is not a valid RFC 5321 address'],
];

describe('SMTP replies sorted by what they blame', () => {
  it.each(replies)('%s: %s', (kind, _provider, reply) => {
    expect(classifySmtpReply(reply).kind).toBe(kind);
  });

  it('reads the codes from the first line and the words once from a multi-line reply', () => {
    const reply = classifySmtpReply(replies[0][2]);
    expect(reply).toMatchObject({ basic: 550, enhanced: '5.1.1' });
    expect(reply.text).toMatch(/^The email account that you tried to reach does not exist\. Please try double-checking/);
    expect(reply.text).not.toMatch(/550/);
    expect(reply.meaning).toBe('the address does not exist or cannot receive mail');
  });

  it('sorts a DSN Status without a reply code, and a failure with no reply at all', () => {
    expect(classifyReply(undefined, '5.1.1', 'smtp; 550 5.1.1 user unknown').kind).toBe('hard-bounce');
    expect(classifyReply(undefined, '5.7.1', 'smtp; 550 5.7.1 blocked using Spamhaus').kind).toBe('policy');
    expect(classifyReply(undefined, '4.4.7', 'delivery time expired').kind).toBe('transient');
    expect(classifyReply(undefined, undefined, 'connect ECONNREFUSED 127.0.0.1:25').kind).toBe('transient');
  });
});
