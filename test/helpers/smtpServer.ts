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
  /** Answer 451 (try again later) to this message's first attempt. */
  deferOnce?: (messageId: string) => boolean;
}

/** A real SMTP server on 127.0.0.1 that keeps what it accepts, for tests that send real SMTP. */
export async function startSmtpServer(options: SmtpServerOptions = {}) {
  const received: ReceivedEmail[] = [];
  const deferred = new Set<string>();
  let refusedRcpt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 50,
    onRcptTo(address, _session, callback) {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    deferred,
    refused: () => refusedRcpt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
