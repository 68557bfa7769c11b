import { mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { EmailSender, OutgoingEmail } from './emailSender.ts';
import { toMailOptions } from './mailOptions.ts';

/**
 * The default sender: each email becomes a .eml file in the data folder's outbox, named by its message key,
 * so a repeated send overwrites the same file instead of adding a second one. Nothing leaves the machine.
 */
export class OutboxSender implements EmailSender {
  readonly kind = 'outbox' as const;
  readonly folder: string;
  private readonly transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(folder: string) {
    this.folder = folder;
    mkdirSync(folder, { recursive: true });
  }

  fileOf(messageKey: string): string {
    return join(this.folder, `${messageKey.replace(/[^A-Za-z0-9_.-]/g, '_')}.eml`);
  }

  async send(email: OutgoingEmail): Promise<{ location: string }> {
    const info = await this.transport.sendMail(toMailOptions(email));
    const file = this.fileOf(email.messageKey);
    // Write then rename: a crash never leaves half an email in the outbox.
    const partial = `${file}.partial`;
    await writeFile(partial, info.message as Buffer);
    await rename(partial, file);
    return { location: file };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
