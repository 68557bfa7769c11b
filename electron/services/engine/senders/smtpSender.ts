import nodemailer from 'nodemailer';
import type { EmailSender, ReadyEmail, SendOutcome } from './emailSender.ts';
import { sendEach } from './emailSender.ts';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  /** At most this many messages per second across the pool. */
  messagesPerSecond: number;
  maxConnections: number;
  /** Accept self-signed certificates (a test server); off by default. */
  allowInvalidCertificates: boolean;
}

/**
 * Sends through an SMTP server with a connection pool and a rate limit. The password comes from a SecretStore.
 * The message goes as composed (composeMessage: the bytes nodemailer's own composer would make), so what the server
 * receives is byte for byte what the outbox keeps.
 */
export class SmtpSender implements EmailSender {
  readonly kind = 'smtp' as const;
  private readonly transport;
  /** Emails handed to the pool at once: enough to keep every connection busy while others wait for an answer. */
  private readonly inFlight: number;

  constructor(config: SmtpConfig, password: string | undefined) {
    this.inFlight = Math.max(8, config.maxConnections * 2);
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: password ?? '' } : undefined,
      pool: true,
      maxConnections: config.maxConnections,
      rateDelta: 1000,
      rateLimit: config.messagesPerSecond,
      tls: { rejectUnauthorized: !config.allowInvalidCertificates },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  sendBatch(emails: readonly ReadyEmail[], settled: (email: ReadyEmail, outcome: SendOutcome) => void, stop?: AbortSignal): Promise<void> {
    return sendEach(
      emails,
      settled,
      this.inFlight,
      async (email) => {
        const info = await this.transport.sendMail({ envelope: { from: email.from.address, to: [email.to] }, raw: email.raw });
        return { location: info.response };
      },
      stop,
    );
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
