/**
 * What an SMTP reply (or a delivery status notification's Status) says about an email, sorted by who it blames:
 *
 * - `hard-bounce`: the address does not exist or cannot take mail (5.1.x, a null MX): suppress it;
 * - `transient`: try again later (every 4.x.x, a full mailbox 5.2.2, the mail system 5.3.x, the network 5.4.x, a
 *   dropped connection): retried with backoff, and after the last attempt a soft bounce, which suppresses nothing;
 * - `policy`: the receiver refuses the sender, not the address (5.7.x, blocklists, spam filters, DMARC): never the
 *   recipient's fault, so never suppressed; many of them in a row pause the workspace's sending (sendingPause.ts);
 * - `our-fault`: the server refuses our own commands or login (5.5.x syntax, 503 bad sequence, authentication, relay
 *   denied): nothing to do with the recipient either, and every email would meet it, so it counts towards the pause.
 *
 * Enhanced status codes (RFC 3463) decide when the reply has one, with the few exceptions the big mailbox providers
 * made necessary (below); without one, the reply's words, then its basic code (RFC 5321).
 */
export type ReplyKind = 'hard-bounce' | 'transient' | 'policy' | 'our-fault';

export interface SmtpReply {
  kind: ReplyKind;
  /** The three-digit reply code, when there was a reply. */
  basic?: number;
  /** The RFC 3463 status, e.g. '5.1.1', when the reply (or the DSN) carried one. */
  enhanced?: string;
  /** The server's words, lines joined. */
  text: string;
  /** What it means, in plain words, for the outbox, the suppression list and the pause banner. */
  meaning: string;
}

const meanings: Record<ReplyKind, string> = {
  'hard-bounce': 'the address does not exist or cannot receive mail',
  transient: 'a temporary refusal (for example a full mailbox, or the server busy)',
  policy: 'refused by the receiving server for policy or reputation reasons, not because of the address',
  'our-fault': 'the server refused our own commands or login: a sending setup problem, not the address',
};

// The words servers use when they give no enhanced code (or a generic one such as 5.0.0 or 5.5.0).
const ourFaultWords = /relay(ing)? (access )?denied|not permitted to relay|authentication (is )?required|must issue a starttls|syntax error|bad sequence|command not recogni[sz]ed/i;
const blocklistWords = /spamhaus|spamcop|barracuda|sorbs|block ?list|black ?list|\bdnsbl\b|\brbl\b|listed (at|on|in)|poor reputation|\breputation\b|blocked using/i;
const policyWords = /\bspam\b|unsolicited|\bpolicy\b|\bdmarc\b|\bspf\b|\bdkim\b|not accepted for policy|content rejected/i;
const fullWords = /mailbox (is )?full|over ?quota|quota exceeded|out of storage|insufficient (system )?storage|receiving mail at a rate/i;
const unknownWords =
  /user unknown|unknown user|unknown recipient|no such (user|recipient|mailbox|address)|does ?n[o']t exist|mailbox (not found|unavailable|does not exist)|recipient (not found|address rejected)|invalid (recipient|mailbox|address)|not a valid|do(es)?n'?t have an? [\w.-]+ account|no mailbox here|address (is )?unknown|account (has been |is )?disabled|undeliverable address/i;

/** Reads the first line's codes: '550-5.1.1 The email account…' gives 550 and 5.1.1. */
export function parseSmtpReply(reply: string): { basic?: number; enhanced?: string; text: string } {
  const lines = reply.split(/\r?\n/).map((line) => line.trimEnd()).filter(Boolean);
  const first = /^([2-5]\d\d)(?:[ -](?:([245]\.\d{1,3}\.\d{1,3})\b)?)?/.exec(lines[0]?.trim() ?? '');
  const basic = first ? Number(first[1]) : undefined;
  const enhanced = first?.[2];
  // Each line of a multi-line reply repeats the codes: keep the words once.
  const text = lines.map((line) => line.trim().replace(/^[2-5]\d\d[ -]?(?:[245]\.\d{1,3}\.\d{1,3}\s*)?/, '')).join(' ').trim();
  return { basic, enhanced, text };
}

/** A refusal whose kind is known without a reply to read (the outbox's disk full, nodemailer's missing login). */
export function replyOfKind(kind: ReplyKind, text: string): SmtpReply {
  return { kind, text, meaning: meanings[kind] };
}

/** Sorts a reply given as the server sent it ('550-5.1.1 …', several lines allowed). */
export function classifySmtpReply(reply: string): SmtpReply {
  const parsed = parseSmtpReply(reply);
  return classifyReply(parsed.basic, parsed.enhanced, parsed.text || reply.trim());
}

/**
 * Sorts a delivery status notification's recipient (RFC 3464) by its Status ('5.1.1') and Diagnostic-Code
 * ('smtp; 550-5.1.1 The email account…', a multi-line reply unfolded into one line).
 */
export function classifyDeliveryStatus(status: string | null, diagnostic: string | null): SmtpReply {
  const reply = (diagnostic ?? '').replace(/^\s*[\w-]+;\s*/, '').replace(/\s+(?=[2-5]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b)/g, '\n');
  const parsed = parseSmtpReply(reply);
  return classifyReply(parsed.basic, status ?? parsed.enhanced, parsed.text || reply.trim() || (status ?? ''));
}

/**
 * Sorts a reply from its parts: the basic code (absent in a DSN's Status field or when the connection failed before
 * any reply), the enhanced code, and the words.
 */
export function classifyReply(basic: number | undefined, enhanced: string | undefined, text: string): SmtpReply {
  const kind = kindOf(basic, enhanced, text);
  return { kind, ...(basic !== undefined && { basic }), ...(enhanced !== undefined && { enhanced }), text, meaning: meanings[kind] };
}

function kindOf(basic: number | undefined, enhanced: string | undefined, text: string): ReplyKind {
  const [cls, subject, detail] = (enhanced ?? '').split('.').map(Number);
  // A temporary failure is temporary, whatever it says: the basic code wins over a mismatched enhanced one.
  if (basic !== undefined && basic < 500) return 'transient';
  if (basic === undefined && cls === 4) return 'transient';
  // Authentication replies (RFC 4954) are about our login, whatever enhanced code a provider puts on them
  // (Gmail's '534 5.7.9 Application-specific password required').
  if (basic === 530 || basic === 534 || basic === 535 || basic === 538) return 'our-fault';
  if (basic === undefined && cls !== 5) return 'transient'; // no reply at all: the connection failed
  if (cls === 5 && subject !== 0 && !(subject === 5 && detail === 0)) return byEnhancedCode(subject, detail, text);
  return byWords(basic, text);
}

function byEnhancedCode(subject: number, detail: number, text: string): ReplyKind {
  switch (subject) {
    case 1:
      // 5.1.7 and 5.1.8 are about our sender address, not the recipient's.
      return detail === 7 || detail === 8 ? 'our-fault' : 'hard-bounce';
    case 2:
      // 5.2.1 'mailbox disabled' is an account that no longer takes mail, unless it says it is only throttled.
      return detail === 1 && !fullWords.test(text) ? 'hard-bounce' : 'transient';
    case 3:
      return 'transient';
    case 4:
      // 5.4.4 'unable to route': the address's domain has nowhere to deliver. Exchange Online answers an address
      // missing from its directory with '550 5.4.1 Recipient address rejected: Access denied'.
      if (detail === 4 || (detail === 1 && /recipient address rejected/i.test(text))) return 'hard-bounce';
      return 'transient';
    case 5:
    case 6:
      return 'our-fault';
    case 7:
      return ourFaultWords.test(text) ? 'our-fault' : 'policy';
    default:
      return byWords(undefined, text);
  }
}

/**
 * No enhanced code, or a generic one (5.0.0; Outlook.com's '550 5.5.0 Requested action not taken: mailbox
 * unavailable' for an unknown address): the words first, then the basic code.
 */
function byWords(basic: number | undefined, text: string): ReplyKind {
  if (ourFaultWords.test(text)) return 'our-fault';
  if (blocklistWords.test(text)) return 'policy';
  if (fullWords.test(text)) return 'transient';
  if (unknownWords.test(text)) return 'hard-bounce';
  if (policyWords.test(text)) return 'policy';
  switch (basic) {
    case 550: // mailbox unavailable
    case 551: // user not local
    case 553: // mailbox name not allowed
    case 521: // the domain accepts no mail (RFC 7504)
    case 556:
      return 'hard-bounce';
    case 552: // exceeded storage allocation
      return 'transient';
    case 500:
    case 501:
    case 502:
    case 503:
    case 504:
      return 'our-fault';
    default:
      // '554 transaction failed' and the like say nothing about the address: do not blame it.
      return 'policy';
  }
}
