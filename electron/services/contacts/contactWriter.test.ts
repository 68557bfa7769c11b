import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ContactWriter, contactValues, eventDedupeKey, storedDedupeKey, type ContactValues } from './contactWriter.ts';
import { openDatabase } from '../../store/database.ts';

describe('event de-duplication keys', () => {
  const event = { contactId: 7, name: 'purchased', occurredAt: Date.UTC(2026, 0, 10), properties: { amount: 120, sku: 'a' } };

  it('keeps a source id whole and hashes the contents to a short key otherwise', () => {
    expect(eventDedupeKey({ ...event, sourceId: 'evt-123' })).toBe('id:evt-123');
    expect(eventDedupeKey(event)).toMatch(/^h:[\w-]{11}$/);
    // Property order does not matter; any change of contact, name, time or properties does.
    expect(eventDedupeKey({ ...event, properties: { sku: 'a', amount: 120 } })).toBe(eventDedupeKey(event));
    const others = [{ contactId: 8 }, { name: 'added_to_cart' }, { occurredAt: event.occurredAt + 1 }, { properties: { amount: 121, sku: 'a' } }];
    for (const change of others) expect(eventDedupeKey({ ...event, ...change })).not.toBe(eventDedupeKey(event));
  });

  it('turns a key stored before migration 0005 (the whole hash, as in older backups) into the one computed now', () => {
    const whole = `h:${createHash('sha1').update(`7\u0000purchased\u0000${event.occurredAt}\u0000{"amount":120,"sku":"a"}`).digest('base64url')}`;
    expect(whole).toHaveLength(29);
    expect(storedDedupeKey(whole)).toBe(eventDedupeKey(event));
    expect(storedDedupeKey(eventDedupeKey(event))).toBe(eventDedupeKey(event));
    expect(storedDedupeKey('id:evt-123')).toBe('id:evt-123');
  });
});

describe('writing contacts', () => {
  it('inserts a new email, updates a known one, and says so when the table refuses a value instead of skipping it', () => {
    const db = openDatabase(':memory:');
    const writer = new ContactWriter(db, () => 5);
    expect(writer.upsertContact({ email: 'ana@example.com', first_name: 'Ana', tags: ['vip'] })).toEqual({ id: 1, inserted: true, changed: true });
    expect(writer.upsertContact({ email: 'ana@example.com', last_name: 'Lopez', tags: ['new'] })).toEqual({ id: 1, inserted: false, changed: true });
    expect(db.prepare('SELECT first_name, last_name FROM contacts').get()).toEqual({ first_name: 'Ana', last_name: 'Lopez' });

    // The insert ignores conflicts; a value that breaks the table's CHECK must not pass for one.
    const refused = contactValues({ email: 'bo@example.com' });
    refused[7] = 'maybe' as ContactValues[7];
    expect(() => writer.upsertValues(refused)).toThrow('the store refused the contact bo@example.com');
    expect(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(1);
    db.close();
  });

  it('leaves a known contact as it is, its updated_at too, when given nothing it does not already have', () => {
    const db = openDatabase(':memory:');
    let now = 5;
    const writer = new ContactWriter(db, () => now);
    const ana = { email: 'ana@example.com', first_name: 'Ana', attributes: { zip: '01234', seats: 3, prefs: ['a'] }, tags: ['vip', 'new'] };
    writer.upsertContact(ana);
    now = 6;
    const updatedAt = () => db.prepare('SELECT updated_at FROM contacts').pluck().get();
    expect(writer.upsertContact(ana)).toEqual({ id: 1, inserted: false, changed: false });
    // Empty fields keep what is stored; a tag already held and an attribute of the same value change nothing.
    expect(writer.upsertContact({ email: 'ana@example.com', attributes: { seats: 3 }, tags: ['vip'] }).changed).toBe(false);
    expect(updatedAt()).toBe(5);
    for (const change of [{ first_name: 'Anna' }, { attributes: { seats: 4 } }, { attributes: { zip: 1234 } }, { tags: ['other'] }, { consent: 'subscribed' as const }]) {
      expect(writer.upsertContact({ email: 'ana@example.com', ...change }).changed, JSON.stringify(change)).toBe(true);
    }
    expect(updatedAt()).toBe(6);
    db.close();
  });
});
