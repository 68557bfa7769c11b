import { join } from 'node:path';
import type { Services } from '../../services.ts';
import { readSendingSettings } from '../sendingSettings.ts';
import { secretEnvironment } from '../secretStore.ts';
import { FeedbackRecorder, type MessageOutcome } from './feedbackRecorder.ts';
import { feedbackFolder, readFeedbackFolder } from './feedbackFolder.ts';
import { readBounceMailbox } from './feedbackMailbox.ts';

/** How often the live engine reads the bounce mailbox and the feedback folder: bounces matter within minutes, not seconds. */
export const FEEDBACK_INTERVAL_MS = 5 * 60_000;

export interface FeedbackRead {
  /** The .eml files read from the workspace's feedback/ folder (moved to feedback/read/ afterwards). */
  folder: MessageOutcome[];
  /** The messages read from the bounce mailbox; null when none is configured. */
  mailbox: MessageOutcome[] | null;
}

/**
 * Reads the bounces and complaints that arrived since the last pass, from the two places they arrive: the bounce
 * mailbox over IMAP (when the sending settings name one) and .eml files dropped in the `feedback/` folder beside the
 * workspace. The live engine does this every FEEDBACK_INTERVAL_MS; `journey-studio feedback read` does it once.
 */
export class FeedbackPoller {
  private readonly services: Services;
  private readonly recorder: FeedbackRecorder;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<unknown> | undefined;
  private stopped = false;

  constructor(services: Services, onError: (error: unknown) => void = (error) => console.error(`bounces and complaints: ${error instanceof Error ? error.message : String(error)}`)) {
    this.services = services;
    this.recorder = new FeedbackRecorder(services.db, services.now);
    this.onError = onError;
  }

  /** Both sources once; the mailbox's failure (unreachable, wrong password) is thrown after the folder is read. */
  async readOnce(): Promise<FeedbackRead> {
    const folder = feedbackFolder(this.services.databasePath);
    const read: FeedbackRead = { folder: await readFeedbackFolder(folder, this.recorder, { moveReadTo: join(folder, 'read') }), mailbox: null };
    read.mailbox = await this.readMailbox();
    return read;
  }

  /** The bounce mailbox alone; null when none is configured. */
  async readMailbox(): Promise<MessageOutcome[] | null> {
    const mailbox = readSendingSettings(this.services.db).bounceMailbox;
    if (!mailbox) return null;
    const password = this.services.secrets.get('imap.password');
    if (password === undefined) {
      throw new Error(
        `the bounce mailbox ${mailbox.user}@${mailbox.host} needs a password: ${this.services.secrets.canStore ? 'save it in the sending settings' : `set ${secretEnvironment['imap.password']}`}`,
      );
    }
    return readBounceMailbox(this.services.db, mailbox, password, this.recorder);
  }

  /** Reads now, then every `intervalMs`, until stop(); a failed pass is reported and the next one tried. */
  start(intervalMs = FEEDBACK_INTERVAL_MS): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      try {
        this.reading = this.readOnce();
        await this.reading;
      } catch (error) {
        this.onError(error);
      } finally {
        this.reading = undefined;
      }
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.reading?.catch(() => undefined);
  }
}
