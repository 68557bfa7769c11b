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
   */
  sendBatch(emails: readonly ReadyEmail[], settled: (email: ReadyEmail, outcome: SendOutcome) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * A batch sent one email at a time, `concurrency` in flight at once: for senders whose unit is one email (an SMTP
 * pool, the tests' recorders). Each email's error is sorted by toSendError into permanent and transient.
 */
export async function sendEach(
  emails: readonly ReadyEmail[],
  settled: (email: ReadyEmail, outcome: SendOutcome) => void,
  concurrency: number,
  sendOne: (email: ReadyEmail) => Promise<{ location?: string } | void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
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
 * A send that did not go through. Permanent failures (5xx: no such mailbox, rejected) mark the email failed
 * and suppress the address; transient ones (4xx, a dropped connection, a timeout) are retried with backoff.
 */
export class SendError extends Error {
  readonly permanent: boolean;
  readonly responseCode?: number;
  constructor(message: string, permanent: boolean, responseCode?: number) {
    super(message);
    this.permanent = permanent;
    this.responseCode = responseCode;
  }
}

/** nodemailer's errors, sorted into permanent and transient. 503 (bad sequence) is our fault, not the address's. */
export function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const e = error as { message?: string; responseCode?: number; response?: string; code?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent = code !== undefined && code >= 500 && code < 600 && code !== 503;
  const text = e.response ?? e.message ?? String(error);
  return new SendError(code ? `${code} ${text}`.replace(`${code} ${code}`, String(code)) : `${e.code ?? 'error'}: ${text}`, permanent, code);
}
