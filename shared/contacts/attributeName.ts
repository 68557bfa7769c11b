import { z } from 'zod';
import { isBuiltInField } from './fields.ts';

/**
 * The name of a value kept beside a contact or an event: an event's property, and what a custom attribute's name
 * is besides (AttributeName). Any letters (accents and other scripts included: templates read
 * `contact.prénom`, rules compare it), at most 200 characters.
 */
export const PropertyName = z
  .string()
  .min(1, 'a name is needed')
  .max(200, 'a name is at most 200 characters')
  .refine((name) => name.trim() === name, 'a name cannot begin or end with a space')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'a name cannot contain control characters');

/**
 * A custom attribute's name, as a contact edit and a contacts import take it: a PropertyName that is not a
 * built-in field's. Every reader takes a built-in from the contact's own column (the built-in wins on a clash),
 * so an attribute of that name could be written and never read.
 */
export const AttributeName = PropertyName.refine((name) => !isBuiltInField(name), {
  error: (issue) => `${String(issue.input)} is a built-in field: map the column to it, or give the attribute another name`,
});

/**
 * The attribute name a column header suggests: lower case, letters (with their accents) and digits kept, every
 * other run of characters one underscore. 'Prénom' -> 'prénom', 'Code postal' -> 'code_postal', 'E-mail 2' ->
 * 'e_mail_2'. Composed (NFC), so that an é typed as e + accent is the same name as a precomposed one.
 */
export function attributeNameFromHeader(header: string): string {
  const name = header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  return name || 'column';
}
