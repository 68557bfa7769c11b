import { writeTransaction, type Db } from '../../store/database.ts';
import { SendingPauseState, SendingRefusal } from '../../../shared/engine/sendingPause.ts';

/**
 * When refusals that are not the recipients' fault pause the workspace's sending: this many within this window.
 * Five in ten minutes is past what one picky recipient server or a stray content filter causes, and early enough
 * that a blocklisted IP or a broken login does not burn through the queue (and the sender's reputation) before
 * someone looks. Not a setting: a marketer cannot know what to set it to.
 */
export const PAUSE_THRESHOLD = { refusals: 5, withinMs: 10 * 60_000 } as const;

const PAUSED_KEY = 'engine.sendingPaused';
const REFUSALS_KEY = 'engine.sendingRefusals';

const advice: Record<SendingRefusal['kind'], string> = {
  policy:
    'refused by the receiving servers for policy or reputation reasons (a blocklist, a spam filter, SPF, DKIM or DMARC), which says nothing about the recipients, so none was suppressed. Check the sending domain and IP (blocklists, DNS records), then resume',
  'our-fault': 'refused because the SMTP server would not take our own commands or login. Check the sending settings (server, user, password), then resume',
};

/**
 * The workspace's sending pause: a row in the settings table (so every engine on the workspace, and every screen,
 * sees it), written when PAUSE_THRESHOLD refusals arrive within the window; delivery sends nothing while it is
 * there; only a person resumes it. The recent refusals are kept beside it, at most PAUSE_THRESHOLD.refusals.
 */
export class SendingPause {
  private readonly readPaused;
  private readonly readRefusals;
  private readonly write;
  private readonly remove;
  /**
   * Notes one refusal at `refusal.at`; when it makes PAUSE_THRESHOLD.refusals within the window, pauses sending and
   * returns the pause. Its own small transaction: refusals are rare, and the pause must hold at once, before the
   * batch's other marks are written.
   */
  readonly record: (refusal: SendingRefusal) => SendingPauseState | null;

  constructor(db: Db) {
    this.readPaused = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().bind(PAUSED_KEY);
    this.readRefusals = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().bind(REFUSALS_KEY);
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.remove = db.prepare('DELETE FROM settings WHERE key IN (?, ?)');
    this.record = writeTransaction(db, (refusal: SendingRefusal) => this.recordNow(refusal));
  }

  /** The pause, or null while sending. A row this version cannot read still pauses: never send by accident. */
  current(): SendingPauseState | null {
    const stored = this.readPaused.get() as string | undefined;
    if (stored === undefined) return null;
    const parsed = SendingPauseState.safeParse(safeJson(stored));
    return parsed.success ? parsed.data : { since: 0, reason: 'Sending is paused (the record of why could not be read).', refusals: [] };
  }

  private recordNow(refusal: SendingRefusal): SendingPauseState | null {
    const paused = this.current();
    if (paused) return paused;
    const recent = this.recentRefusals()
      .filter((r) => r.at > refusal.at - PAUSE_THRESHOLD.withinMs)
      .concat(refusal)
      .slice(-PAUSE_THRESHOLD.refusals);
    this.write.run(REFUSALS_KEY, JSON.stringify(recent));
    if (recent.length < PAUSE_THRESHOLD.refusals) return null;
    const state: SendingPauseState = { since: refusal.at, reason: reasonFor(recent), refusals: recent };
    this.write.run(PAUSED_KEY, JSON.stringify(state));
    return state;
  }

  /** Sending resumes; the refusals before are forgotten, so the next one does not pause it again at once. */
  resume(): void {
    this.remove.run(PAUSED_KEY, REFUSALS_KEY);
  }

  private recentRefusals(): SendingRefusal[] {
    const stored = this.readRefusals.get() as string | undefined;
    const parsed = SendingRefusal.array().safeParse(stored === undefined ? [] : safeJson(stored));
    return parsed.success ? parsed.data : [];
  }
}

function reasonFor(refusals: readonly SendingRefusal[]): string {
  const last = refusals[refusals.length - 1];
  const minutes = Math.round(PAUSE_THRESHOLD.withinMs / 60_000);
  return `Sending is paused: ${refusals.length} emails in ${minutes} minutes were ${advice[last.kind]}. The last reply: ${last.reply}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
