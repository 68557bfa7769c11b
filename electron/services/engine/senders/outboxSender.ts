import { existsSync, mkdirSync, readdirSync, readFileSync, rename, renameSync, rmSync, writeFile, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { messageIdOf } from '../../../../shared/engine/messageKey.ts';
import { SendError, type EmailSender, type ReadyEmail, type SendOutcome } from './emailSender.ts';

// The callback forms, promisified: fs/promises' writeFile goes through a FileHandle, which costs this thread about
// twice the time. The file is written on libuv's threads while this one goes on deciding.
const writeFileAsync = promisify(writeFile);
const renameAsync = promisify(rename);

/**
 * The default sender: nothing leaves the machine. Each delivery batch is written as ONE mbox file (mboxrd, the
 * format mail clients import and export), in a folder per day:
 * `outbox/2026-12-06/23-41-07.123-<first message key>.mbox`.
 *
 * One file per batch rather than one per email because creating a file is the costliest thing a send does here:
 * on the development machine's ext4 a new file costs 250 to 500 µs of kernel time (20 times tmpfs, docs/engine.md),
 * and a desktop's virus scanner looks at each new file; a batch's file costs that once for hundreds of emails.
 * The file is written whole, then renamed into place, so a crash never leaves half a batch: the batch's emails are
 * not marked sent and go again on restart, with the same Message-IDs. LF line breaks, as a mail client saves mail.
 */
export class OutboxSender implements EmailSender {
  readonly kind = 'outbox' as const;
  readonly folder: string;

  constructor(folder: string) {
    this.folder = folder;
    mkdirSync(folder, { recursive: true });
  }

  async sendBatch(emails: readonly ReadyEmail[], settled: (email: ReadyEmail, outcome: SendOutcome) => void): Promise<void> {
    if (!emails.length) return;
    const at = new Date();
    let outcome: SendOutcome;
    try {
      const file = this.fileFor(at, emails[0].messageKey);
      outcome = { location: file };
      const partial = `${file}.partial`;
      const separator = mboxSeparator(at);
      await writeFileAsync(partial, emails.map((email) => mboxEntry(email.raw, separator)).join(''));
      await renameAsync(partial, file);
    } catch (error) {
      // the disk is full or the folder is gone: each email is retried later, none is lost
      outcome = { error: new SendError(`the outbox could not be written: ${error instanceof Error ? error.message : String(error)}`, 'transient') };
    }
    for (const email of emails) settled(email, outcome);
  }

  private fileFor(at: Date, firstKey: string): string {
    const iso = at.toISOString(); // 2026-12-06T23:41:07.123Z
    const day = iso.slice(0, 10);
    const dayFolder = join(this.folder, day);
    mkdirSync(dayFolder, { recursive: true }); // each batch: someone may have cleared the outbox meanwhile
    return join(dayFolder, `${iso.slice(11, 23).replaceAll(':', '-')}-${safeName(firstKey)}.mbox`);
  }

  async close(): Promise<void> {}
}

const safeName = (text: string) => text.replace(/[^A-Za-z0-9_.-]/g, '_');

/** The line that starts each message of an mbox, with the time in UTC as asctime writes it: 'Sun Dec  6 23:41:07 2026'. */
function mboxSeparator(at: Date): string {
  const [weekday, day, month, year, time] = at.toUTCString().split(' '); // 'Sun, 06 Dec 2026 23:41:07 GMT'
  return `From MAILER-DAEMON ${weekday.slice(0, 3)} ${month} ${day.replace(/^0/, ' ')} ${time} ${year}\n`;
}

/**
 * One message as an mboxrd entry: the separator line, the message with LF line breaks and every line that starts
 * with 'From ' after any number of '>' given one more '>' (what a reader takes off again), and a blank line.
 */
function mboxEntry(raw: string, separator: string): string {
  const message = raw.replaceAll('\r', '').replace(/^(>*From )/gm, '>$1');
  return `${separator}${message}${message.endsWith('\n') ? '' : '\n'}\n`;
}

/** The outbox's files, oldest day first. */
function outboxFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mbox'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Erasure: removes the emails with these message keys from the outbox, rewriting each batch file that holds one of
 * them (whole, then renamed into place) and deleting a file left empty. Also removes the one-file-per-email `.eml`
 * copies outboxes written before batch files still hold.
 */
export function eraseFromOutbox(folder: string, messageKeys: readonly string[]): void {
  if (!messageKeys.length) return;
  const ids = messageKeys.map(messageIdOf);
  for (const file of outboxFiles(folder)) {
    const text = readFileSync(file, 'utf8');
    if (!ids.some((id) => text.includes(id))) continue;
    const kept = text.split(/^(?=From )/m).filter((entry) => !ids.some((id) => headerPart(entry).includes(id)));
    if (kept.length) {
      writeFileSync(`${file}.partial`, kept.join(''));
      renameSync(`${file}.partial`, file);
    } else rmSync(file);
  }
  for (const key of messageKeys) rmSync(join(folder, `${safeName(key)}.eml`), { force: true });
}

const headerPart = (entry: string) => entry.slice(0, entry.indexOf('\n\n') + 1 || undefined);
