import nodemailer from 'nodemailer';
import type { EmailSender, OutgoingEmail } from './emailSender.ts';
import { toSendError } from './emailSender.ts';
import { toMailOptions } from './mailOptions.ts';

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

/** Sends through an SMTP server with a connection pool and a rate limit. The password comes from a SecretStore. */
export class SmtpSender implements EmailSender {
  readonly kind = 'smtp' as const;
  private readonly transport;

  constructor(config: SmtpConfig, password: string | undefined) {
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

  async send(email: OutgoingEmail): Promise<{ location?: string }> {
    try {
      const info = await this.transport.sendMail(toMailOptions(email));
      return { location: info.response };
    } catch (error) {
      throw toSendError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
