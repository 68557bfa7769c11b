import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { Db } from '../../store/database.ts';
import type { SendingSettings } from './sendingSettings.ts';

/**
 * Unsubscribe links that cannot be forged: the token is the contact id signed with a per-workspace key.
 * The key only signs links (it unlocks nothing else), so it lives in the settings table.
 */
/** Its row in the settings table; a workspace backup never carries it (exchange/backupSettings.ts). */
export const UNSUBSCRIBE_KEY_SETTING = 'engine.unsubscribeKey';

export class UnsubscribeLinks {
  private key: KeyObject | undefined;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.key = this.storedKey();
  }

  private storedKey(): KeyObject | undefined {
    const stored = this.db.prepare(`SELECT value FROM settings WHERE key = 'engine.unsubscribeKey'`).pluck().get() as string | undefined;
    return stored ? createSecretKey(Buffer.from(stored, 'base64')) : undefined;
  }

  /**
   * The workspace's key, made when the first link is signed: checking a token needs none (without a key, no link
   * was ever made), so a refused unsubscribe writes nothing.
   */
  private signingKey(): KeyObject {
    if (!this.key) {
      this.db.prepare(`INSERT OR IGNORE INTO settings (key, value) VALUES ('engine.unsubscribeKey', ?)`).run(randomBytes(32).toString('base64'));
      this.key = this.storedKey()!;
    }
    return this.key;
  }

  /**
   * Makes the workspace's key now if it has none: the engine does, before its delivery thread (which reads the
   * workspace on a read-only connection) signs the first link.
   */
  ensureSigningKey(): void {
    this.signingKey();
  }

  private sign(contactId: number, key: KeyObject = this.signingKey()): string {
    return createHmac('sha256', key).update(`unsubscribe:${contactId}`).digest('base64url').slice(0, 22);
  }

  token(contactId: number): string {
    return `${contactId}.${this.sign(contactId)}`;
  }

  /** The contact id of a valid token, else undefined. */
  verify(token: string): number | undefined {
    const match = /^(\d+)\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
    this.key ??= this.storedKey();
    if (!match || !this.key) return undefined;
    const id = Number(match[1]);
    const expected = Buffer.from(this.sign(id, this.key));
    const given = Buffer.from(match[2]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }

  /** The link for the email body and the headers (RFC 2369, RFC 8058 one-click) for one contact. */
  forContact(settings: SendingSettings, contactId: number): { url: string; headers: Record<string, string> } {
    const token = this.token(contactId);
    const url = `${settings.unsubscribeUrl}${settings.unsubscribeUrl.includes('?') ? '&' : '?'}t=${token}`;
    const links = [`<${url}>`];
    if (settings.unsubscribeMailto) links.push(`<mailto:${settings.unsubscribeMailto}?subject=unsubscribe%20${token}>`);
    return { url, headers: { 'List-Unsubscribe': links.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
  }

  /** Marks the contact unsubscribed; returns their email, or undefined for a bad token. */
  unsubscribe(token: string, now: number): string | undefined {
    const id = this.verify(token);
    if (id === undefined) return undefined;
    const email = this.db.prepare('SELECT email FROM contacts WHERE id = ?').pluck().get(id) as string | undefined;
    if (!email) return undefined;
    this.db.prepare(`UPDATE contacts SET consent = 'unsubscribed', updated_at = ? WHERE id = ?`).run(now, id);
    return email;
  }
}
