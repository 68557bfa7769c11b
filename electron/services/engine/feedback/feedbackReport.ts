import { createHash } from 'node:crypto';
import type { simpleParser } from 'mailparser';

/** One recipient's block of a delivery status notification (RFC 3464). */
export interface DsnRecipient {
  /** The address the report is about (Final-Recipient, else Original-Recipient), when it names one. */
  address: string | null;
  /** failed, delayed, delivered, relayed or expanded. */
  action: string;
  /** The RFC 3463 status, e.g. '5.1.1'. */
  status: string | null;
  /** The remote server's reply, e.g. 'smtp; 550 5.1.1 …' (lines unfolded). */
  diagnostic: string | null;
}

interface ReportBase {
  /** The report's own Message-ID (or a hash of its bytes when it has none): the same report read twice is the same. */
  reportId: string;
  /** When the report was written (its Date), or null. */
  date: Date | null;
  /** The Message-ID of the email the report is about, as found in the returned message or headers. */
  originalMessageId: string | null;
}

/** A bounce or a delay: RFC 3464, multipart/report; report-type=delivery-status. */
export interface DeliveryStatusReport extends ReportBase {
  type: 'delivery-status';
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

/** A complaint or other feedback: ARF, RFC 5965, multipart/report; report-type=feedback-report. */
export interface AbuseReport extends ReportBase {
  type: 'feedback';
  /** abuse, fraud, virus, other, not-spam… */
  feedbackType: string;
  /** The recipient who complained, when the mailbox provider does not mask it. */
  address: string | null;
  /** Who sent the report, e.g. 'Yahoo!-Mail-Feedback/2.0' or 'Hotmail FBL'. */
  userAgent: string | null;
}

/** A message that is neither, with why (a plain-text bounce, an auto-reply…). */
export interface NotAReport extends ReportBase {
  type: 'not-a-report';
  why: string;
}

export type FeedbackReport = DeliveryStatusReport | AbuseReport | NotAReport;

type Fields = Map<string, unknown>;

/** mailparser, loaded when a report is read: every command of the CLI imports the engine, few of them read mail. */
const parse: (raw: Buffer, options: Record<string, boolean>) => ReturnType<typeof simpleParser> = async (raw, options) => (await import('mailparser')).simpleParser(raw, options);

/**
 * Reads a delivery status notification or an abuse feedback report from the bytes of the message that carried it.
 * mailparser reads the message and every block of header-like fields; the report's parts are taken apart here
 * (reportParts), because mailparser folds a message/rfc822 part marked `Content-Disposition: inline` (as Yahoo and
 * Outlook.com send the complained-of message) into the text, and its Message-ID with it.
 */
export async function readFeedbackReport(raw: Buffer): Promise<FeedbackReport> {
  const message = await parse(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  const contentType = message.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const base: ReportBase = {
    reportId: message.messageId ?? `sha256:${createHash('sha256').update(raw).digest('base64url').slice(0, 32)}`,
    date: message.date ?? null,
    originalMessageId: null,
  };
  const reportType = contentType?.params?.['report-type']?.toLowerCase();
  const boundary = contentType?.params?.boundary;
  if (contentType?.value?.toLowerCase() !== 'multipart/report' || !boundary || (reportType !== 'delivery-status' && reportType !== 'feedback-report')) {
    return { ...base, type: 'not-a-report', why: `not a delivery status notification or a feedback report (its type is ${contentType?.value ?? 'text/plain'}${reportType ? `; report-type=${reportType}` : ''})` };
  }
  const parts = await Promise.all(
    reportParts(raw, boundary).map(async (part) => {
      const type = (await fieldsOf(part.headers)).get('content-type') as { value?: string } | undefined;
      return { ...part, type: (type?.value ?? 'text/plain').toLowerCase() };
    }),
  );
  const original = parts.find((part) => /^(message\/(rfc822|global|global-headers)|text\/rfc822-headers)$/.test(part.type));
  const originalHeaders = original ? await fieldsOf(headerBlockOf(original.body)) : new Map<string, unknown>();
  base.originalMessageId = messageIdIn(originalHeaders.get('message-id'));

  if (reportType === 'delivery-status') {
    const status = parts.find((part) => part.type === 'message/delivery-status' || part.type === 'message/global-delivery-status');
    if (!status) return { ...base, type: 'not-a-report', why: 'a delivery report without its message/delivery-status part' };
    const [perMessage, ...perRecipient] = await Promise.all(fieldBlocks(status.body).map(fieldsOf));
    // Gmail names the original in the per-message fields and in In-Reply-To, whatever it returns of the message.
    base.originalMessageId ??= messageIdIn(perMessage?.get('x-original-message-id')) ?? messageIdIn(message.inReplyTo);
    return {
      ...base,
      type: 'delivery-status',
      reportingMta: typedValue(perMessage?.get('reporting-mta')),
      recipients: perRecipient
        .filter((fields) => fields.has('action'))
        .map((fields) => ({
          address: addressIn(typedValue(fields.get('final-recipient'))) ?? addressIn(typedValue(fields.get('original-recipient'))),
          action: String(fields.get('action')).trim().toLowerCase(),
          status: /^\s*([245]\.\d{1,3}\.\d{1,3})/.exec(String(fields.get('status') ?? ''))?.[1] ?? null,
          diagnostic: fields.has('diagnostic-code') ? String(fields.get('diagnostic-code')).trim() : null,
        })),
    };
  }
  const feedback = parts.find((part) => part.type === 'message/feedback-report');
  if (!feedback) return { ...base, type: 'not-a-report', why: 'a feedback report without its message/feedback-report part' };
  const fields = await fieldsOf(feedback.body.toString('utf8'));
  return {
    ...base,
    type: 'feedback',
    feedbackType: String(fields.get('feedback-type') ?? 'abuse').trim().toLowerCase(),
    address: addressIn(fields.get('original-rcpt-to')),
    userAgent: fields.has('user-agent') ? String(fields.get('user-agent')).trim() : null,
  };
}

/**
 * The top-level parts of a multipart body (RFC 2046): each one's header block and its body, decoded from base64 when
 * so encoded. A report's parts are never nested deeper, and their types allow no other encoding (RFC 6522).
 */
function reportParts(raw: Buffer, boundary: string): Array<{ headers: string; body: Buffer }> {
  const text = raw.toString('latin1'); // one byte one character: the bodies keep their bytes
  const start = text.search(/\r?\n\r?\n/);
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const body = start < 0 ? '' : text.slice(start);
  const parts: Array<{ headers: string; body: Buffer }> = [];
  let from = -1;
  for (const match of body.matchAll(delimiter)) {
    if (from >= 0) {
      const part = body.slice(from, match.index).replace(/^\r?\n/, '');
      const split = part.search(/\r?\n\r?\n|^\r?\n/);
      const headers = split < 0 ? part : part.slice(0, split);
      const content = split < 0 ? '' : part.slice(split).replace(/^\r?\n\r?\n|^\r?\n/, '');
      const base64 = /^content-transfer-encoding:\s*base64\s*$/im.test(headers);
      parts.push({ headers: Buffer.from(headers, 'latin1').toString('utf8'), body: base64 ? Buffer.from(content, 'base64') : Buffer.from(content, 'latin1') });
    }
    if (match[1]) break; // the closing delimiter
    from = match.index + match[0].length;
  }
  return parts;
}

/** The header block at the start of a returned message (or all of a text/rfc822-headers part). */
function headerBlockOf(body: Buffer): string {
  const text = body.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The field blocks of a message/delivery-status part, separated by blank lines (RFC 3464 2.1). */
function fieldBlocks(body: Buffer): string[] {
  return body
    .toString('utf8')
    .split(/\r?\n[ \t]*\r?\n/)
    .filter((block) => block.trim() !== '');
}

/** A block of header-like fields, unfolded and keyed in lower case, read by mailparser as a message's headers. */
async function fieldsOf(block: string): Promise<Fields> {
  const parsed = await parse(Buffer.from(`${block.trim()}\r\n\r\n`, 'utf8'), { skipHtmlToText: true, skipTextToHtml: true });
  return parsed.headers as Fields;
}

/** 'rfc822; jane@example.org' -> 'jane@example.org'; 'dns; mx.example.org' keeps its value. */
function typedValue(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(semicolon + 1)).trim() || null;
}

/** An address as reports write it ('<jane@example.org>', 'jane@example.org'); null when masked ('<masked>'). */
function addressIn(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const bare = value.trim().replace(/^<|>$/g, '').trim();
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(bare) ? bare.toLowerCase() : null;
}

function messageIdIn(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const found = /<[^<>\s]+>/.exec(value)?.[0] ?? value.trim();
  return found || null;
}
