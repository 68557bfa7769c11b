import type { Migration } from './types.ts';

/**
 * A contact's tags move into their row (`contacts.tags`, see services/contacts/tagColumn.ts) from the
 * `contact_tags` table. Importing a contact with four or five tags wrote four or five more rows, each into two
 * B-trees: more than half of a contacts import's time. Every reader of one contact now gets the tags with the
 * row, and 'has tag' is one instr() per row. The date a tag was added, which nothing read, is not kept.
 */
export const contactTagsColumn: Migration = {
  version: 6,
  name: 'contact-tags-column',
  sql: `
    ALTER TABLE contacts ADD COLUMN tags TEXT NOT NULL DEFAULT '';
    UPDATE contacts SET tags = (
      SELECT char(31) || group_concat(replace(t.tag, char(31), ' '), char(31) ORDER BY t.tag) || char(31)
      FROM contact_tags t WHERE t.contact_id = contacts.id
    )
    WHERE id IN (SELECT contact_id FROM contact_tags);
    DROP TABLE contact_tags;
  `,
};
