import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mboxReader } from 'mbox-reader';

/** One message as an independent mbox reader (mbox-reader, by nodemailer's authors) finds it in the outbox. */
export interface OutboxMessage {
  file: string;
  /** The message as the reader gives it back: the RFC 5322 text, '>From ' unquoted. */
  content: Buffer;
  messageId: string;
  /** The time on the message's separator line, false when the reader could not read one. */
  time: Date | false;
}

/** The outbox's batch files, in name order (day folder, then time). */
export function outboxFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every message in the outbox, file by file, read with mbox-reader (none of the outbox's own code). */
export async function readOutbox(folder: string): Promise<OutboxMessage[]> {
  const messages: OutboxMessage[] = [];
  for (const file of outboxFiles(folder)) {
    for await (const message of mboxReader(createReadStream(file))) {
      const header = message.headers.get('message-id')?.[0]?.trim() ?? '';
      messages.push({ file, content: message.content, messageId: header, time: message.time });
    }
  }
  return messages;
}
