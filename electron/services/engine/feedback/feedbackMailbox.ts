import type { Db } from '../../../store/database.ts';
import type { SendingSettings } from '../../../../shared/engine/sendingSettings.ts';
import { recordFeedbackMessage, type FeedbackRecorder, type MessageOutcome } from './feedbackRecorder.ts';

export type BounceMailbox = NonNullable<SendingSettings['bounceMailbox']>;

/** Messages read per pass: a backlog of thousands is read over a few passes rather than held in memory at once. */
const MESSAGES_PER_PASS = 500;

const CURSOR_KEY = 'engine.bounceMailboxCursor';

/** How far the mailbox has been read: the last UID, valid while the folder's UIDVALIDITY and identity stay the same. */
interface Cursor {
  mailbox: string;
  uidValidity: string;
  lastUid: number;
}

/**
 * Reads the bounce mailbox over IMAP: the messages that arrived since the last pass (by UID, the folder opened
 * read-only, so nothing in it is marked or moved), each written by the recorder. The cursor is saved after each
 * message, so a pass cut short resumes where it stopped; were it lost, reading again changes nothing.
 */
export async function readBounceMailbox(db: Db, mailbox: BounceMailbox, password: string | undefined, recorder: FeedbackRecorder): Promise<MessageOutcome[]> {
  // Loaded when a mailbox is read: every command of the CLI imports the engine, few of them read mail.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth: { user: mailbox.user, pass: password ?? '' },
    tls: { rejectUnauthorized: !mailbox.allowInvalidCertificates },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  // A dropped connection is reported by the command that was waiting on it; without a listener it would throw.
  client.on('error', () => undefined);
  const where = `${mailbox.user}@${mailbox.host}:${mailbox.port}/${mailbox.mailbox}`;
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`could not read the bounce mailbox ${where}: ${describe(error)}`, { cause: error });
  }
  const results: MessageOutcome[] = [];
  try {
    const lock = await client.getMailboxLock(mailbox.mailbox, { readOnly: true });
    try {
      const opened = client.mailbox;
      if (!opened) throw new Error(`the folder ${mailbox.mailbox} could not be opened`);
      const uidValidity = String(opened.uidValidity);
      const stored = readCursor(db);
      const after = stored && stored.mailbox === where && stored.uidValidity === uidValidity ? stored.lastUid : 0;
      const uids = ((await client.search({ uid: `${after + 1}:*` }, { uid: true })) || []).filter((uid) => uid > after).sort((a, b) => a - b).slice(0, MESSAGES_PER_PASS);
      if (uids.length === 0) return results;
      const messages = await client.fetchAll(uids.join(','), { uid: true, source: true }, { uid: true });
      for (const message of messages.sort((a, b) => a.uid - b.uid)) {
        if (message.source) results.push(await recordFeedbackMessage(recorder, `${mailbox.mailbox} UID ${message.uid}`, message.source));
        writeCursor(db, { mailbox: where, uidValidity, lastUid: message.uid });
      }
    } finally {
      lock.release();
    }
  } catch (error) {
    throw new Error(`could not read the bounce mailbox ${where}: ${describe(error)}`, { cause: error });
  } finally {
    await client.logout().catch(() => client.close());
  }
  return results;
}

function describe(error: unknown): string {
  const e = error as { message?: string; responseText?: string; authenticationFailed?: boolean; code?: string };
  if (e.authenticationFailed) return `the server refused the login${e.responseText ? ` (${e.responseText})` : ''}`;
  return e.responseText ?? e.message ?? String(error);
}

function readCursor(db: Db): Cursor | undefined {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CURSOR_KEY) as string | undefined;
  try {
    return stored ? (JSON.parse(stored) as Cursor) : undefined;
  } catch {
    return undefined;
  }
}

function writeCursor(db: Db, cursor: Cursor): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(CURSOR_KEY, JSON.stringify(cursor));
}
