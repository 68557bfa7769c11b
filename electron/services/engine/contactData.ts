import type { Db } from '../../store/database.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { ContactChange, RecentSend } from '../../../shared/engine/types.ts';
import { contactViewFromRow } from '../contacts/contactView.ts';
import { addTagSql, removeTagSql } from '../contacts/tagColumn.ts';

/** Sends older than this do not matter to any frequency cap or engagement tie-back. */
const SEND_HISTORY_MS = 35 * 86_400_000;
const builtInColumns = new Set(['first_name', 'last_name', 'phone', 'country', 'timezone', 'locale']);

/** What a decision reads about a contact, and how its contact changes are written back. */
export class ContactData {
  private readonly db: Db;
  private readonly contactRow;
  private readonly eventsOf;
  private readonly segmentsOf;
  private readonly sendsOf;
  private readonly suppressedStatement;
  private readonly addTag;
  private readonly removeTag;
  private readonly setAttribute;
  private readonly clearAttribute;

  constructor(db: Db) {
    this.db = db;
    this.contactRow = db.prepare('SELECT * FROM contacts WHERE id = ?');
    this.eventsOf = db.prepare('SELECT name, occurred_at AS at, properties FROM events WHERE contact_id = ? ORDER BY occurred_at, id');
    this.segmentsOf = db.prepare('SELECT segment_id FROM segment_members WHERE contact_id = ?').pluck();
    this.sendsOf = db.prepare(
      `SELECT created_at AS at, message_key AS messageKey FROM outbound_emails
       WHERE contact_id = ? AND created_at > ? AND status IN ('queued', 'sent') ORDER BY created_at`,
    );
    this.suppressedStatement = db.prepare('SELECT 1 FROM suppressions WHERE email = ?').pluck();
    this.addTag = db.prepare(`UPDATE contacts SET tags = ${addTagSql('tags', '@tag')} WHERE id = @id`);
    this.removeTag = db.prepare(`UPDATE contacts SET tags = ${removeTagSql('tags', '@tag')} WHERE id = @id`);
    this.setAttribute = db.prepare(`UPDATE contacts SET attributes = json_set(attributes, ?, json(?)), updated_at = ? WHERE id = ?`);
    this.clearAttribute = db.prepare(`UPDATE contacts SET attributes = json_remove(attributes, ?), updated_at = ? WHERE id = ?`);
  }

  /** The contact as the rule evaluator sees it (the contacts module's shape), with segment memberships. */
  view(contactId: number): ContactView | undefined {
    const row = this.contactRow.get(contactId) as Parameters<typeof contactViewFromRow>[0] | undefined;
    if (!row) return undefined;
    const events = (this.eventsOf.all(contactId) as Array<{ name: string; at: number; properties: string }>).map((e) => ({
      name: e.name,
      at: e.at,
      properties: JSON.parse(e.properties) as Record<string, unknown>,
    }));
    const view = contactViewFromRow(row, events);
    return { ...view, segments: new Set(this.segmentsOf.all(contactId) as string[]) };
  }

  recentSends(contactId: number, now: number): RecentSend[] {
    return this.sendsOf.all(contactId, now - SEND_HISTORY_MS) as RecentSend[];
  }

  isSuppressed(email: string): boolean {
    return this.suppressedStatement.get(email) !== undefined;
  }

  apply(contactId: number, change: ContactChange, now: number): void {
    switch (change.op) {
      case 'add-tag':
        this.addTag.run({ id: contactId, tag: change.tag });
        return;
      case 'remove-tag':
        this.removeTag.run({ id: contactId, tag: change.tag });
        return;
      case 'set-attribute':
        if (builtInColumns.has(change.attribute)) {
          this.db.prepare(`UPDATE contacts SET ${change.attribute} = ?, updated_at = ? WHERE id = ?`).run(String(change.value), now, contactId);
        } else {
          this.setAttribute.run(jsonPath(change.attribute), JSON.stringify(change.value), now, contactId);
        }
        return;
      case 'clear-attribute':
        if (builtInColumns.has(change.attribute)) {
          this.db.prepare(`UPDATE contacts SET ${change.attribute} = NULL, updated_at = ? WHERE id = ?`).run(now, contactId);
        } else {
          this.clearAttribute.run(jsonPath(change.attribute), now, contactId);
        }
        return;
    }
  }
}

/** A JSON path naming one top-level key, quoted so that dots and spaces in attribute names stay literal. */
const jsonPath = (key: string) => `$."${key.replace(/"/g, '""')}"`;
