import type { Db } from '../../store/database.ts';
import type { ContactChange } from '../../../shared/engine/types.ts';
import { builtInValue, isBuiltInField, type BuiltInField } from '../../../shared/contacts/fields.ts';
import { addTagSql, removeTagSql } from '../contacts/tagColumn.ts';
import { readableSql } from '../../store/readableJson.ts';

/**
 * Writes an update-contact step's changes to the store, exactly as applyContactChange() (shared/engine/contactChange.ts)
 * applies them in memory for the simulator: a built-in field (shared/contacts/fields.ts) goes to its column as
 * text, a custom attribute into the attributes JSON. The validator refuses the writes a column cannot take (the
 * email, an invalid or empty consent), so none reaches here from a published journey.
 */
export class ContactChanges {
  private readonly addTag;
  private readonly removeTag;
  private readonly setAttribute;
  private readonly clearAttribute;
  private readonly setColumn = new Map<BuiltInField, { run(...params: unknown[]): unknown }>();
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.addTag = db.prepare(`UPDATE contacts SET tags = ${addTagSql('tags', '@tag')} WHERE id = @id`);
    this.removeTag = db.prepare(`UPDATE contacts SET tags = ${removeTagSql('tags', '@tag')} WHERE id = @id`);
    // Attributes SQLite cannot read (store/readableJson.ts) are left as they are: no JSON function can change them.
    this.setAttribute = db.prepare(`UPDATE contacts SET attributes = json_set(attributes, ?, json(?)), updated_at = ? WHERE id = ? AND ${readableSql('attributes')}`);
    this.clearAttribute = db.prepare(`UPDATE contacts SET attributes = json_remove(attributes, ?), updated_at = ? WHERE id = ? AND ${readableSql('attributes')}`);
  }

  /** Writes the change; false when it could not be, a custom attribute of a contact whose stored attributes cannot be read. */
  apply(contactId: number, change: ContactChange, now: number): boolean {
    switch (change.op) {
      case 'add-tag':
        this.addTag.run({ id: contactId, tag: change.tag });
        return true;
      case 'remove-tag':
        this.removeTag.run({ id: contactId, tag: change.tag });
        return true;
      case 'set-attribute':
      case 'clear-attribute': {
        const value = change.op === 'set-attribute' ? change.value : undefined;
        if (isBuiltInField(change.attribute)) {
          this.column(change.attribute).run(builtInValue(value), now, contactId);
          return true;
        }
        const written = value === undefined ? this.clearAttribute.run(jsonPath(change.attribute), now, contactId) : this.setAttribute.run(jsonPath(change.attribute), JSON.stringify(value), now, contactId);
        return written.changes === 1;
      }
    }
  }

  /** The statement that writes one built-in column (the name comes from the fixed list, never from input). */
  private column(field: BuiltInField) {
    let statement = this.setColumn.get(field);
    if (!statement) this.setColumn.set(field, (statement = this.db.prepare(`UPDATE contacts SET ${field} = ?, updated_at = ? WHERE id = ?`)));
    return statement;
  }
}

/** A JSON path naming one top-level key, quoted so that dots and spaces in attribute names stay literal. */
const jsonPath = (key: string) => `$."${key.replace(/"/g, '""')}"`;
