import { classifySmtpReply, replyOfKind, type ReplyKind, type SmtpReply } from './smtpReply.ts';

/** One rendered email, ready for a sender. The Message-ID is deterministic (see shared/engine/messageKey.ts). */
export interface OutgoingEmail {
  messageKey: string;
  messageId: string;
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** List-Unsubscribe and the like. */
  headers: Record<string, string>;
}

/** An email with its MIME message composed (composeMessage, CRLF line breaks): what a sender is handed. */
export interface ReadyEmail extends OutgoingEmail {
  raw: string;
}

/** What became of one email of a batch: where it went (the outbox file, the SMTP server's answer), or why not. */
export type SendOutcome = { location?: string } | { error: SendError };

/**
 * Where emails go: the local outbox or an SMTP server. A sender takes a whole delivery batch, so that each can do
 * what is cheapest for it: the outbox writes the batch as one file, an SMTP pool sends its emails side by side.
 */
export interface EmailSender {
  readonly kind: 'outbox' | 'smtp';
  /**
   * Sends `emails`, calling `settled` once for each as soon as it is accepted or refused (so that delivery can mark
   * it), and resolves when every one of them is settled. Never rejects for one email's failure: that is its outcome.
   * Once `stop` is aborted (sending paused), the emails not yet handed over are left unsettled: they stay queued.
   */
  sendBatch(emails: readonly ReadyEmail[], settled: (email: ReadyEmail, outcome: SendOutcome) => void, stop?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * A batch sent one email at a time, `concurrency` in flight at once: for senders whose unit is one email (an SMTP
 * pool, the tests' recorders). Each email's error is sorted by toSendError; none is started once `stop` is aborted.
 */
export async function sendEach(
  emails: readonly ReadyEmail[],
  settled: (email: ReadyEmail, outcome: SendOutcome) => void,
  concurrency: number,
  sendOne: (email: ReadyEmail) => Promise<{ location?: string } | void>,
  stop?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < emails.length && !stop?.aborted) {
      const email = emails[next++];
      let outcome: SendOutcome;
      try {
        outcome = (await sendOne(email)) ?? {};
      } catch (error) {
        outcome = { error: toSendError(error) };
      }
      settled(email, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, emails.length) }, worker));
}

/**
 * A send that did not go through, with what the refusal blames (smtpReply.ts): a hard bounce marks the email failed
 * and suppresses the address; anything else never suppresses it (delivery.ts decides the retries and the pause).
 */
export class SendError extends Error {
  readonly reply: SmtpReply;
  constructor(message: string, reply: SmtpReply | ReplyKind) {
    super(message);
    this.reply = typeof reply === 'string' ? replyOfKind(reply, message) : reply;
  }
}

/** nodemailer's errors, sorted by their reply (basic and enhanced codes, words); no reply at all is transient. */
export function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const e = error as { message?: string; responseCode?: number; response?: string; code?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = e.response ?? e.message ?? String(error);
  if (code !== undefined) {
    const reply = text.startsWith(String(code)) ? text : `${code} ${text}`;
    return new SendError(reply, classifySmtpReply(reply));
  }
  // nodemailer refuses to log in without credentials before asking the server: our setup, like a 535.
  return new SendError(`${e.code ?? 'error'}: ${text}`, e.code === 'EAUTH' ? 'our-fault' : 'transient');
}
