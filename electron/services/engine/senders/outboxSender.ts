import { mkdirSync, rename, writeFile } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EmailSender, OutgoingEmail } from './emailSender.ts';
import { composeMessage } from './mimeMessage.ts';

// The callback forms, promisified: fs/promises' writeFile goes through a FileHandle, which costs this thread about
// twice the time per file. The files are written on libuv's threads, beside the renders on this one.
const writeFileAsync = promisify(writeFile);
const renameAsync = promisify(rename);

/**
 * The default sender: each email becomes a .eml file in the data folder's outbox, named by its message key,
 * so a repeated send overwrites the same file instead of adding a second one. Nothing leaves the machine.
 * The file has LF line breaks, as a mail client saves a message.
 */
export class OutboxSender implements EmailSender {
  readonly kind = 'outbox' as const;
  readonly folder: string;

  constructor(folder: string) {
    this.folder = folder;
    mkdirSync(folder, { recursive: true });
  }

  fileOf(messageKey: string): string {
    return outboxFileOf(this.folder, messageKey);
  }

  async send(email: OutgoingEmail): Promise<{ location: string }> {
    const message = composeMessage(email).replaceAll('\r', '');
    const file = this.fileOf(email.messageKey);
    // Write then rename: a crash never leaves half an email in the outbox.
    const partial = `${file}.partial`;
    await writeFileAsync(partial, message);
    await renameAsync(partial, file);
    return { location: file };
  }

  async close(): Promise<void> {}
}

/** Where the outbox keeps the email with this message key (also used to erase a forgotten contact's mail). */
export function outboxFileOf(folder: string, messageKey: string): string {
  return join(folder, `${messageKey.replace(/[^A-Za-z0-9_.-]/g, '_')}.eml`);
}
