import { randomBytes } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import { buildHeaderValue, foldLines, hasLongerLines, isPlainText } from 'nodemailer/lib/mime-funcs';
import { encode as encodeBase64, wrap as wrapBase64 } from 'nodemailer/lib/base64';
import { encode as encodeQuotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';
import type { OutgoingEmail } from './emailSender.ts';

/** Where nodemailer's header encoding is taken from: addresses (punycode, quoting, encoded words), encoded words, ids. */
const headerEncoder = new MimeNode();

/** The headers nodemailer gives a structure of their own (addresses, ids, dates, MIME parameters). */
const structuredHeaders = new Set(['from', 'sender', 'to', 'cc', 'bcc', 'reply-to', 'message-id', 'in-reply-to', 'content-id', 'otp-token', 'references', 'date', 'content-type', 'content-disposition']);
/** Text nodemailer writes as it is in any other header: printable ASCII without a quote or an encoded word's opening. */
const plainText = /^[\x20\x21\x23-\x7e]*$/;
/**
 * An address nodemailer writes as it is: a dot-atom of letters, digits and _+- at a lower-case host name (no
 * punycode to check, no quoting, nothing to encode). Most contacts' addresses are; the rest take nodemailer's way.
 */
const plainAddress = /^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * One header line, folded at 76 characters, as nodemailer encodes it; undefined when it would be blank. Plain text
 * and plain addresses, which nodemailer leaves as they are, skip its parsing (the cost of a header is mostly that).
 */
function header(name: string, value: string | { name: string; address: string }): string | undefined {
  const lowerName = name.toLowerCase();
  const plain = typeof value === 'string' && (lowerName === 'to' ? plainAddress.test(value) && !value.includes('xn--') : !structuredHeaders.has(lowerName) && plainText.test(value) && !value.includes('=?'));
  const encoded = plain ? value : headerEncoder.encodeHeaderValue(name, value);
  // nodemailer leaves out a header whose value is blank
  return encoded.trim() ? foldLines(`${name}: ${encoded}`, 76) : undefined;
}

/**
 * Headers whose value is the same in many emails (the sender, the reply-to address), encoded once: parsing an
 * address costs more than the rest of the header.
 */
const repeatedHeaders = new Map<string, string | undefined>();
function repeatedHeader(name: string, value: string | { name: string; address: string }): string | undefined {
  const key = typeof value === 'string' ? `${name}\0${value}` : `${name}\0${value.name}\0${value.address}`;
  if (repeatedHeaders.has(key)) return repeatedHeaders.get(key);
  if (repeatedHeaders.size >= 1_000) repeatedHeaders.clear();
  const line = header(name, value);
  repeatedHeaders.set(key, line);
  return line;
}

/**
 * The transfer encoding nodemailer gives a text part (MimeNode.getTransferEncoding): none for no content, 7bit for
 * ASCII in lines of at most 76 characters, else quoted-printable when Latin letters outnumber the non-ASCII and
 * control characters, base64 when they do not.
 */
function transferEncoding(content: string): '7bit' | 'quoted-printable' | 'base64' | undefined {
  if (!content) return undefined;
  if (isPlainText(content) && !hasLongerLines(content, 76)) return '7bit';
  let latin = 0;
  let other = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80) other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  return other < latin ? 'quoted-printable' : 'base64';
}

/** nodemailer's quoted-printable encoder takes its input in slices of this many bytes. */
const QP_SLICE_BYTES = 64 * 1024;
const isBlank = (byte: number) => byte === 0x20 || byte === 0x09;

/**
 * A body in quoted-printable as nodemailer's streaming encoder (qp.Encoder) writes it, which is not always
 * wrap(encode(body)): it holds back the whitespace the body ends with and wraps it on to the last line after the
 * rest, and it encodes in slices, each told the byte that follows it (whitespace is encoded only before a line
 * break or the end).
 */
function quotedPrintable(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  let end = bytes.length;
  while (end > 0 && isBlank(bytes[end - 1])) end--;
  const heldBack = bytes.length - end <= QP_SLICE_BYTES ? end : bytes.length;
  let output = '';
  let line = '';
  const encodeSlices = (input: Buffer) => {
    for (let start = 0; start < input.length; start += QP_SLICE_BYTES) {
      const stop = Math.min(start + QP_SLICE_BYTES, input.length);
      let encoded = encodeQuotedPrintable(input.subarray(start, stop));
      const last = input[stop - 1];
      const next = stop < input.length ? input[stop] : undefined;
      // encode() takes its input's end for the end of the body, where a last space or tab is encoded
      if (next !== undefined && isBlank(last) && next !== 0x0a && next !== 0x0d) encoded = encoded.slice(0, -3) + String.fromCharCode(last);
      const wrapped = wrapQuotedPrintable(line + encoded, 76);
      const lastBreak = wrapped.lastIndexOf('\n');
      output += wrapped.slice(0, lastBreak + 1);
      line = wrapped.slice(lastBreak + 1);
    }
  };
  encodeSlices(bytes.subarray(0, heldBack));
  encodeSlices(bytes.subarray(heldBack));
  return output + line;
}

/** A text part's body as nodemailer writes it: 7bit when it is short-lined ASCII, else quoted-printable or base64. */
function textPart(contentType: string, content: string): { headers: string[]; body: string } {
  const encoding = transferEncoding(content);
  const headers = [`Content-Type: ${contentType}`];
  if (!encoding) return { headers, body: '' };
  headers.push(`Content-Transfer-Encoding: ${encoding}`);
  const body = encoding === 'quoted-printable' ? quotedPrintable(content) : encoding === 'base64' ? wrapBase64(encodeBase64(content), 76) : content;
  return { headers, body };
}

/** Random bytes for the boundaries, drawn 4 KiB at a time: one draw from the system costs as much as a header. */
let randomPool = Buffer.alloc(0);
let randomAt = 0;
function randomHex(bytes: number): string {
  if (randomAt + bytes > randomPool.length) {
    randomPool = randomBytes(4096);
    randomAt = 0;
  }
  return randomPool.toString('hex', randomAt, (randomAt += bytes));
}

export interface ComposeOptions {
  /** The Date header; now unless given. */
  date?: Date;
  /** The random part of the multipart boundary (nodemailer's baseBoundary); 8 random bytes unless given. */
  baseBoundary?: string;
}

/**
 * An outgoing email as a MIME message with CRLF line breaks: the bytes nodemailer's MailComposer makes of it,
 * header by header and part by part. Every sender sends these bytes: the SMTP sender hands them to nodemailer as
 * they are (its `raw` message), the outbox writes them (with LF line breaks). mimeMessage.test.ts holds it equal to MailComposer's; outboxSender.test.ts
 * reads a written file back with an independent parser.
 *
 * Composed here rather than by MailComposer, which builds a tree of MIME nodes, draws random bytes for each,
 * normalises every header name with regular expressions and streams each part through an encoder: through a
 * stream transport, several times the CPU of rendering the email. The encodings are nodemailer's own functions.
 *
 * The shape is the one MailComposer gives an email with these fields: the text and HTML parts as
 * multipart/alternative (either alone as the whole message), our headers first, then From, To, Reply-To,
 * Subject, Message-ID, Date and MIME-Version, and the Content-Type last. Header names are written as given.
 */
export function composeMessage(email: OutgoingEmail, options: ComposeOptions = {}): string {
  const root: string[] = [];
  const add = (line: string | undefined) => line !== undefined && root.push(line);
  for (const [name, value] of Object.entries(email.headers)) add(header(name, value));
  add(repeatedHeader('From', email.from));
  add(header('To', email.to));
  if (email.replyTo) add(repeatedHeader('Reply-To', email.replyTo));
  if (email.subject) add(header('Subject', email.subject));
  add(header('Message-ID', email.messageId));

  const parts = [...(email.text ? [textPart('text/plain; charset=utf-8', email.text)] : []), ...(email.html ? [textPart('text/html; charset=utf-8', email.html)] : [])];
  const date = `Date: ${(options.date ?? new Date()).toUTCString().replace(/GMT/, '+0000')}`;
  let message: string;
  if (parts.length === 2) {
    const boundary = `--_NmP-${options.baseBoundary ?? randomHex(8)}-Part_1`;
    root.push(date, 'MIME-Version: 1.0', foldLines(`Content-Type: ${buildHeaderValue({ value: 'multipart/alternative', params: { boundary } })}`, 76));
    message = `${root.join('\r\n')}\r\n\r\n`;
    parts.forEach((part, i) => (message += `${i ? '\r\n' : ''}--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n${part.body}`));
    message += `\r\n--${boundary}--\r\n`;
  } else {
    // one part (or none: an empty text/plain message) is the message itself; its transfer encoding comes before
    // the Date, where nodemailer sets it
    const [contentType, encoding] = parts.length ? parts[0].headers : ['Content-Type: text/plain'];
    if (encoding) root.push(encoding);
    root.push(date, 'MIME-Version: 1.0', contentType);
    message = `${root.join('\r\n')}\r\n\r\n${parts.length ? parts[0].body : ''}`;
  }
  // nodemailer ends every message with a line break
  return message.endsWith('\n') ? message : message.endsWith('\r') ? `${message}\n` : `${message}\r\n`;
}
