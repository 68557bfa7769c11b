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

/** Where emails go: the local outbox (.eml files) or an SMTP server. */
export interface EmailSender {
  readonly kind: 'outbox' | 'smtp';
  /** Resolves once the email is accepted; rejects with a SendError. */
  send(email: OutgoingEmail): Promise<{ location?: string }>;
  close(): Promise<void>;
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
