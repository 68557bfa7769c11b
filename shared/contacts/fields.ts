import { Consent } from './consent.ts';

/**
 * The contact fields every contact has a column for, in the order screens list them. ONE list: the SQL rule
 * compiler, the contact view the interpreter reads, the engine's update-contact writer, the contact screen and
 * the template scope all take it from here, so a field cannot be built-in for one and custom for another.
 */
export const builtInFields = ['email', 'first_name', 'last_name', 'phone', 'country', 'timezone', 'locale', 'consent'] as const;
export type BuiltInField = (typeof builtInFields)[number];

const builtIn: ReadonlySet<string> = new Set(builtInFields);
export const isBuiltInField = (name: string): name is BuiltInField => builtIn.has(name);

/**
 * What an update-contact step may do to a built-in field, or why it may not. The email is the contact's key
 * (changing it from a journey would merge or split people), and consent only takes its three values and is never
 * empty. Every other built-in is a text column: a number or true/false is written as its text, exactly as the
 * store then returns it, so the simulator shows what the engine writes.
 */
export function builtInWriteProblem(field: BuiltInField, value: string | number | boolean | undefined): string | undefined {
  if (field === 'email') return 'the email address is the contact\'s key and cannot be changed by a journey';
  if (field === 'consent') {
    if (value === undefined) return 'consent cannot be cleared: set it to subscribed, unsubscribed or never-asked';
    if (!Consent.safeParse(value).success) return `consent must be subscribed, unsubscribed or never-asked, not ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** A value as a built-in column holds it: text (the columns are TEXT), or null when cleared. */
export const builtInValue = (value: string | number | boolean | undefined): string | null => (value === undefined ? null : String(value));
