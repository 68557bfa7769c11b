import type { Db } from '../../store/database.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { MadeUpContact } from '../../../shared/simulation/input.ts';
import { resolveMoment } from '../../../shared/simulation/offset.ts';
import { builtInFields } from '../../../shared/contacts/fields.ts';
import type { DecisionContact } from '../decisions/decisionContacts.ts';

/** One contact of the workspace by id or email, or a clear not-found. */
export function findContactId(db: Db, ref: string): number {
  const byEmail = db.prepare('SELECT id FROM contacts WHERE email = ?').pluck().get(ref.trim()) as number | undefined;
  if (byEmail !== undefined) return byEmail;
  if (/^\d+$/.test(ref.trim())) {
    const byId = db.prepare('SELECT id FROM contacts WHERE id = ?').pluck().get(Number(ref)) as number | undefined;
    if (byId !== undefined) return byId;
  }
  throw new ApiError('not-found', `no contact with the id or email "${ref}"`);
}

/** Every built-in field, empty: a stored contact's view has them all, so a made-up one must too. */
const nullFields = Object.fromEntries(builtInFields.map((field) => [field, null]));

/**
 * A contact that exists only in the simulation, shaped as the decision reader shapes a stored one: its history
 * placed relative to the start, on no static list, never sent anything. Dynamic segments are evaluated on it at
 * each decision, exactly as on a stored contact with the same data.
 */
export function madeUpContact(input: MadeUpContact, start: number): DecisionContact {
  const events = input.history
    .map((e) => ({ name: e.name, at: resolveMoment(e.at, start), properties: e.properties }))
    .sort((a, b) => a.at - b.at);
  return {
    view: {
      id: 'made-up',
      email: input.email,
      attributes: { ...nullFields, ...input.attributes, email: input.email, timezone: input.timezone, consent: input.consent },
      tags: new Set(input.tags),
      events,
      segments: new Set(),
    },
    suppressed: input.suppressed,
    unreadable: [],
    recentSends: [],
  };
}
