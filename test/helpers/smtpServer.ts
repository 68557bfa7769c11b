import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  messageId: string;
  to: string[];
  subject: string;
  raw: string;
}

export interface SmtpServerOptions {
  /** Refuse this recipient for good (a 550 at RCPT TO). */
  refuseRecipient?: (address: string) => boolean;
  /**
   * The reply to give at RCPT TO, as a server would send it ('550 5.7.1 Service unavailable, …'), or undefined to
   * accept: for replies chosen per recipient. Read at each attempt, so a test may change its answer.
   */
  replyTo?: (address: string) => string | undefined;
  /** Answer 451 (try again later) to this message's first attempt. */
  deferOnce?: (messageId: string) => boolean;
}

/** A real SMTP server on 127.0.0.1 that keeps what it accepts, for tests that send real SMTP. */
export async function startSmtpServer(options: SmtpServerOptions = {}) {
  const received: ReceivedEmail[] = [];
  const deferred = new Set<string>();
  const replied: Array<{ to: string; reply: string }> = [];
  let refusedRcpt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 50,
    onRcptTo(address, _session, callback) {
      const reply = options.replyTo?.(address.address);
      if (reply !== undefined) {
        const [, code, words] = /^(\d{3}) (.*)$/s.exec(reply) ?? [];
        if (!code) throw new Error(`replyTo gave "${reply}": a reply starts with its three-digit code and a space`);
        replied.push({ to: address.address, reply });
        return callback(Object.assign(new Error(words), { responseCode: Number(code) }));
      }
      if (options.refuseRecipient?.(address.address)) {
        refusedRcpt++;
        const error = Object.assign(new Error('no such mailbox here'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        if (options.deferOnce?.(messageId) && !deferred.has(messageId)) {
          deferred.add(messageId);
          return callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
        }
        const subjectLine = /^Subject:\s*(.*)$/im.exec(raw)?.[1] ?? '';
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), subject: subjectLine.trim(), raw });
        callback();
      });
    },
  });
  // A client killed mid-conversation resets its socket; that is the test's doing, not a server failure.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    deferred,
    /** Every refusal given by replyTo, in order. */
    replied,
    refused: () => refusedRcpt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
