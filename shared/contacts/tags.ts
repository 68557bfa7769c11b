import { z } from 'zod';

/**
 * A tag's name, checked the same way wherever one is named: contact edits, imports, journey steps, triggers and
 * segment rules. Control characters are refused: a tag is a label people read, and the store keeps a contact's
 * tags in one text separated by a control character (electron/services/contacts/tagColumn.ts).
 */
export const TagName = z
  .string()
  .min(1, 'name the tag')
  .max(100, 'a tag is at most 100 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'a tag cannot contain control characters (tabs, line breaks)');
