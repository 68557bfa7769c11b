import { writeTransaction, type Db } from '../../../store/database.ts';
import { keyFromMessageId } from '../../../../shared/engine/messageKey.ts';
import { ContactWriter } from '../../contacts/contactWriter.ts';
import { classifyDeliveryStatus, type ReplyKind } from '../senders/smtpReply.ts';
import { readFeedbackReport, type FeedbackReport } from './feedbackReport.ts';

/** What one report said about one recipient, and what was done about it. */
export interface FeedbackOutcome {
  kind: 'hard-bounce' | 'soft-bounce' | 'policy-bounce' | 'complaint' | 'no-action' | 'unmatched';
  /** The address it was about: the one the email went to when the report names our email. */
  address: string | null;
  contactId: number | null;
  /** The email it is about (its message key), when its Message-ID is one of ours. */
  messageKey: string | null;
  /** The address was put on the suppression list. */
  suppressed: boolean;
  /** False when this report had been read before: nothing new was written. */
  isNew: boolean;
  /** One line for the user. */
  summary: string;
}

/** The value of an `email_bounced` event's `kind`, by what the bounce blames. */
const bounceKind: Record<ReplyKind, 'hard' | 'soft' | 'policy' | 'our-fault'> = { 'hard-bounce': 'hard', transient: 'soft', policy: 'policy', 'our-fault': 'our-fault' };

/** Feedback types that are a person saying "this is spam" (RFC 5965, RFC 6650); not-spam and the like are not. */
const complaintTypes = new Set(['abuse', 'fraud', 'virus']);

/**
 * Writes what bounce and complaint reports say: each tied to the email by its Message-ID (our message key), else to
 * the contact by the address the report names. A hard bounce or a complaint suppresses the address; every bounce and
 * complaint becomes an event on the contact (`email_bounced` with {kind, status, message_id}, `email_complained`)
 * and a note on the email in the outbox. A report is written whole or not at all, and reading it again changes
 * nothing: its events are keyed by the report's own Message-ID.
 */
export class FeedbackRecorder {
  private readonly now: () => number;
  private readonly events: ContactWriter;
  private readonly emailByKey;
  private readonly contactByEmail;
  private readonly suppress;
  private readonly noteOnEmail;
  readonly record: (report: FeedbackReport) => FeedbackOutcome[];

  constructor(db: Db, now: () => number) {
    this.now = now;
    this.events = new ContactWriter(db, now);
    this.emailByKey = db.prepare('SELECT message_key, contact_id, to_email FROM outbound_emails WHERE message_key = ?');
    this.contactByEmail = db.prepare('SELECT id FROM contacts WHERE email = ?').pluck();
    this.suppress = db.prepare('INSERT OR IGNORE INTO suppressions (email, reason, added_at) VALUES (?, ?, ?)');
    this.noteOnEmail = db.prepare(`UPDATE outbound_emails SET last_error = ? WHERE message_key = ? AND status = 'sent'`);
    this.record = writeTransaction(db, (report: FeedbackReport) => this.recordNow(report));
  }

  private recordNow(report: FeedbackReport): FeedbackOutcome[] {
    if (report.type === 'not-a-report') return [];
    const key = keyFromMessageId(report.originalMessageId);
    const email = key ? (this.emailByKey.get(key) as { message_key: string; contact_id: number; to_email: string } | undefined) : undefined;
    const at = Math.min(report.date?.getTime() ?? this.now(), this.now());
    const about = (named: string | null) => {
      // Our own record of where the email went wins over the report's (a forwarded address, a masked one).
      const address = email?.to_email ?? named;
      const contactId = email?.contact_id ?? (address ? ((this.contactByEmail.get(address) as number | undefined) ?? null) : null);
      return { address, contactId, messageKey: email?.message_key ?? null };
    };
    const messageId = report.originalMessageId;

    if (report.type === 'feedback') {
      const target = about(report.address);
      if (!complaintTypes.has(report.feedbackType)) {
        return [{ ...target, kind: 'no-action', suppressed: false, isNew: false, summary: `feedback of type "${report.feedbackType}" about ${target.address ?? messageId ?? 'an unknown email'}: nothing to do` }];
      }
      const from = report.userAgent ? ` (${report.feedbackType}, ${report.userAgent})` : ` (${report.feedbackType})`;
      if (!target.address) return [{ ...target, kind: 'unmatched', suppressed: false, isNew: false, summary: `a complaint${from} about ${messageId ?? 'an email'} that is not one of ours and names no address` }];
      const isNew = this.write(report.reportId, target, at, 'email_complained', { feedback_type: report.feedbackType, message_id: messageId, user_agent: report.userAgent }, `complaint${from}: the recipient marked it as spam`);
      return [{ ...target, kind: 'complaint', suppressed: true, isNew, summary: `complaint from ${target.address}${from}: suppressed` }];
    }

    return report.recipients.map((recipient): FeedbackOutcome => {
      const target = about(recipient.address);
      const status = recipient.status ?? '';
      if (recipient.action !== 'failed') {
        return { ...target, kind: 'no-action', suppressed: false, isNew: false, summary: `${recipient.action} for ${target.address ?? 'an unnamed recipient'}${status ? ` (${status})` : ''}: nothing to do` };
      }
      if (!target.address) return { ...target, kind: 'unmatched', suppressed: false, isNew: false, summary: `a bounce about ${messageId ?? 'an email'} that is not one of ours and names no address` };
      const reply = classifyDeliveryStatus(recipient.status, recipient.diagnostic);
      const kind = bounceKind[reply.kind];
      const hard = kind === 'hard';
      const what = `${status || 'no status'}: ${reply.meaning}`;
      const isNew = this.write(
        report.reportId,
        target,
        at,
        'email_bounced',
        { kind, status: recipient.status, message_id: messageId, diagnostic: recipient.diagnostic },
        `${hard ? 'hard bounce' : kind === 'soft' ? 'soft bounce' : 'bounce'} reported later (${what})${recipient.diagnostic ? `: ${recipient.diagnostic}` : ''}`,
        hard,
      );
      const outcome = hard ? 'hard-bounce' : kind === 'soft' ? 'soft-bounce' : 'policy-bounce';
      return { ...target, kind: outcome, suppressed: hard, isNew, summary: `${outcome.replace('-', ' ')} for ${target.address} (${what}): ${hard ? 'suppressed' : 'not suppressed'}` };
    });
  }

  /** The event, the note on the email and (when `suppress`) the suppression; returns whether the event is new. */
  private write(
    reportId: string,
    target: { address: string | null; contactId: number | null; messageKey: string | null },
    at: number,
    name: 'email_bounced' | 'email_complained',
    properties: Record<string, unknown>,
    note: string,
    suppress = name === 'email_complained',
  ): boolean {
    let isNew = false;
    if (suppress && target.address) isNew = this.suppress.run(target.address, note.slice(0, 500), this.now()).changes === 1;
    if (target.contactId !== null) isNew = this.events.insertEvent({ contactId: target.contactId, name, occurredAt: at, properties, sourceId: `feedback:${reportId}:${target.address}` }) || isNew;
    if (target.messageKey) this.noteOnEmail.run(note.slice(0, 500), target.messageKey);
    return isNew;
  }
}

/** What became of one message read from a folder or a mailbox. */
export interface MessageOutcome {
  /** The file's name, or the mailbox and the message's UID. */
  source: string;
  /** delivery-status, feedback, or not-a-report with why. */
  type: FeedbackReport['type'];
  why?: string;
  outcomes: FeedbackOutcome[];
}

/**
 * Reads one message and writes what it reports. A message that cannot be read is said and passed over (reading it
 * again would fail again); a failure to write is thrown, so that the message is read again next time.
 */
export async function recordFeedbackMessage(recorder: FeedbackRecorder, source: string, raw: Buffer): Promise<MessageOutcome> {
  let report: FeedbackReport;
  try {
    report = await readFeedbackReport(raw);
  } catch (error) {
    return { source, type: 'not-a-report', why: `could not be read: ${error instanceof Error ? error.message : String(error)}`, outcomes: [] };
  }
  return { source, type: report.type, ...(report.type === 'not-a-report' && { why: report.why }), outcomes: recorder.record(report) };
}
