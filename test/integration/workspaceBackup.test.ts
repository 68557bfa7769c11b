import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mutate, pathsOf } from '../helpers/jsonMutation.ts';
import { tempWorkspace } from '../helpers/workspace.ts';
import { dumpStore } from '../helpers/storeDump.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { TemplateDocument } from '../../shared/templates/template.ts';
import { putSnippet } from '../../electron/services/exchange/resourceRows.ts';
import { writeSendingSettings, SendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { UnsubscribeLinks } from '../../electron/services/engine/unsubscribe.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { SafeStorageSecrets } from '../../electron/main/safeStorageSecrets.ts';

let source: ReturnType<typeof tempWorkspace>;
let target: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  source = tempWorkspace();
  target = tempWorkspace();
  loadSample(source.services.db, { contacts: 30, seed: 3, now: Date.UTC(2026, 0, 1) });
  putSnippet(source.services.db, { name: 'footer', body: '<p>Unsubscribe: {{ unsubscribe_url }}</p>' }, 1);
  writeSendingSettings(source.services.db, SendingSettings.parse({ defaultFrom: { name: 'News', email: 'news@example.com' } }));
});
afterEach(() => {
  source.close();
  target.close();
});

describe('workspace backup', () => {
  it('restores journeys, templates, segments, snippets, settings, contacts and events into an empty workspace', async () => {
    const backup = await source.client['exchange.exportWorkspace']({ includeContacts: true, includeEvents: true });
    expect(backup.counts).toMatchObject({ journeys: 3, templates: 15, segments: 1, snippets: 1, settings: 1, contacts: 30 });
    expect(backup.counts.events).toBeGreaterThan(0);

    const restored = await target.client['exchange.restoreWorkspace']({ file: { text: backup.text! } });
    expect(restored).toMatchObject({ outcome: 'restored', counts: backup.counts });
    const again = await target.client['exchange.exportWorkspace']({ includeContacts: true, includeEvents: true });
    expect(again.text).toBe(backup.text);
  });

  it('leaves contacts and events out unless asked', async () => {
    const backup = await source.client['exchange.exportWorkspace']({});
    const file = JSON.parse(backup.text!);
    expect(file).not.toHaveProperty('contacts');
    expect(file).not.toHaveProperty('events');
    expect(file.journeys.map((j: { id: string }) => j.id)).toEqual(['j_cart_abandonment', 'j_trial_drip', 'j_win_back']);
  });

  it('restoring twice adds nothing twice', async () => {
    const backup = await source.client['exchange.exportWorkspace']({ includeEvents: true });
    await target.client['exchange.restoreWorkspace']({ file: { text: backup.text! } });
    const once = dumpStore(target.services.db);
    await target.client['exchange.restoreWorkspace']({ file: { text: backup.text! } });
    const twice = dumpStore(target.services.db);
    expect(twice.events).toEqual(once.events);
    expect(twice.contacts).toEqual(once.contacts);
  });

  it('restores a backup made before migration 0005 (whole-hash event keys) into the store it came from without adding an event', async () => {
    const backup = JSON.parse((await source.client['exchange.exportWorkspace']({ includeEvents: true })).text!);
    const hashed = backup.events.filter((e: { dedupeKey: string }) => e.dedupeKey.startsWith('h:'));
    expect(hashed.length).toBeGreaterThan(0);
    // Those keys were the whole base64url SHA-1, of which today's are the first characters.
    for (const e of hashed) e.dedupeKey = `${e.dedupeKey}0123456789abcdef`;
    const before = dumpStore(source.services.db).events;
    expect(await source.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(backup) } })).toMatchObject({ outcome: 'restored' });
    expect(dumpStore(source.services.db).events).toEqual(before);
  });

  it('writes nothing when any part of the backup is wrong', async () => {
    const backup = JSON.parse((await source.client['exchange.exportWorkspace']({ includeEvents: true })).text!);
    backup.journeys[2].edges[0].target = 'n_missing';
    backup.events[0].email = 'nobody@example.com';
    const before = dumpStore(target.services.db);
    const result = await target.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(backup) } });
    expect(result.outcome === 'invalid' && result.problems.map((p) => p.path)).toEqual(['journeys[2].edges[0].target', 'events[0].email']);
    expect(dumpStore(target.services.db)).toEqual(before);
  });

  it('refuses contact attributes and event properties beyond the stored-value limits, by path, writing nothing', async () => {
    const backup = JSON.parse((await source.client['exchange.exportWorkspace']({ includeEvents: true })).text!);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    backup.contacts[1].attributes.deep = deep;
    backup.events[3].properties.notes = 'x'.repeat(70_000);
    const before = dumpStore(target.services.db);
    const result = await target.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(backup) } });
    expect(result).toEqual({
      outcome: 'invalid',
      problems: [
        { path: 'contacts[1].attributes.deep', message: 'nested deeper than 32 levels (at [0][0][0][0]…[0][0][0]); a stored value nests at most 32 levels and takes at most 64 KB of JSON' },
        { path: 'events[3].properties', message: 'larger than 64 KB as JSON (at notes); a stored value nests at most 32 levels and takes at most 64 KB of JSON' },
      ],
    });
    expect(dumpStore(target.services.db)).toEqual(before);
  });

  it('refuses a template whose name another template in the workspace has', async () => {
    const backup = await source.client['exchange.exportWorkspace']({});
    target.services.templates.create('Cart reminder 1', TemplateDocument.parse({ content: { subject: 'Hello', body: '<p>Hello</p>' } }), 't_mine');
    const file = JSON.parse(backup.text!);
    const clashing = file.templates.findIndex((t: { name: string }) => t.name === 'Cart reminder 1');
    if (clashing < 0) file.templates[0].name = 'Cart reminder 1';
    const before = dumpStore(target.services.db);
    const result = await target.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(file) } });
    expect(result).toMatchObject({ outcome: 'invalid', problems: [{ message: 'another template in the workspace is already named "Cart reminder 1"' }] });
    expect(dumpStore(target.services.db)).toEqual(before);
  });

  it('never throws and never half-writes on random mutations of a backup', async () => {
    const backup = JSON.parse((await source.client['exchange.exportWorkspace']({ includeEvents: true })).text!);
    // A few contacts and events keep each run quick; the structure is what is being mutated.
    backup.contacts = backup.contacts.slice(0, 3);
    backup.events = backup.events.filter((e: { email: string }) => backup.contacts.some((c: { email: string }) => c.email === e.email)).slice(0, 10);
    const paths = pathsOf(backup);
    const junk = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant({}), fc.constant([]));
    const mutation = fc.oneof(
      fc.record({ path: fc.constantFrom(...paths), value: junk }),
      fc.record({ path: fc.constantFrom(...paths), value: fc.constant(undefined) }),
    );
    const seen = { restored: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const file = structuredClone(backup);
        for (const m of mutations) mutate(file, m.path, m.value === undefined ? null : { value: m.value });
        const before = dumpStore(target.services.db);
        const result = await target.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(file) } });
        seen[result.outcome]++;
        if (result.outcome === 'invalid') expect(dumpStore(target.services.db)).toEqual(before);
        else expect((await target.client['journeys.list']({})).length).toBeGreaterThanOrEqual(result.counts.journeys > 0 ? 1 : 0);
      }),
      { numRuns: 100, seed: 5 },
    );
    expect(seen.invalid).toBeGreaterThan(10);
    expect(seen.restored).toBeGreaterThan(5);
  }, 120_000);

  describe('secrets', () => {
    /** The desktop app's keychain store, over a stand-in for Electron's safeStorage that "encrypts" reversibly. */
    const keychain = (db: typeof source.services.db) =>
      new SafeStorageSecrets(db, {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (text: string) => Buffer.from(`sealed:${text}`),
        decryptString: (sealed: Buffer) => sealed.toString().slice('sealed:'.length),
      } as unknown as ConstructorParameters<typeof SafeStorageSecrets>[1]);
    const settingsOf = (db: typeof source.services.db) =>
      Object.fromEntries((db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>).map((r) => [r.key, r.value]));

    it('never puts the unsubscribe signing key or a secret in a backup', async () => {
      new UnsubscribeLinks(source.services.db).ensureSigningKey();
      keychain(source.services.db).set('smtp.password', 'hunter2');
      const stored = settingsOf(source.services.db);
      expect(Object.keys(stored).sort()).toEqual(['engine.sending', 'engine.unsubscribeKey', 'secret.smtp.password']);

      const backup = await source.client['exchange.exportWorkspace']({ includeContacts: true });
      expect(Object.keys(JSON.parse(backup.text!).settings)).toEqual(['engine.sending']);
      expect(backup.text).not.toContain(stored['engine.unsubscribeKey']);
      expect(backup.text).not.toContain(stored['secret.smtp.password']);
      expect(backup.counts.settings).toBe(1);
    });

    it('restores only the listed settings, and links this workspace already sent keep working', async () => {
      const links = new UnsubscribeLinks(target.services.db);
      const { id } = new ContactWriter(target.services.db, () => 1).upsertContact({ email: 'ann@example.com', consent: 'subscribed' });
      const sentToken = links.token(id);
      const keyBefore = settingsOf(target.services.db)['engine.unsubscribeKey'];

      // What a backup made before this rule carried: the signing key, the password as stored, and anything else.
      const file = JSON.parse((await source.client['exchange.exportWorkspace']({})).text!);
      file.settings = {
        ...file.settings,
        'engine.unsubscribeKey': Buffer.alloc(32, 1).toString('base64'),
        'secret.smtp.password': 'hunter2 in plain text',
        'ui.theme': 'dark',
      };
      const result = await target.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(file) } });

      expect(result).toMatchObject({ outcome: 'restored', counts: { settings: 1 } });
      const notes = result.outcome === 'restored' ? result.notes.filter((n) => n.path.startsWith('settings.')) : [];
      expect(notes.map((n) => n.path)).toEqual(['settings.engine.unsubscribeKey', 'settings.secret.smtp.password', 'settings.ui.theme']);
      expect(notes[0].message).toMatch(/keeps its own unsubscribe signing key/);
      const after = settingsOf(target.services.db);
      expect(Object.keys(after).sort()).toEqual(['engine.sending', 'engine.unsubscribeKey']);
      expect(after['engine.unsubscribeKey']).toBe(keyBefore);
      expect(new UnsubscribeLinks(target.services.db).unsubscribe(sentToken, 2)).toBe('ann@example.com');
    });

    it('refuses a listed setting whose value the app could not read, and writes nothing', async () => {
      const file = JSON.parse((await source.client['exchange.exportWorkspace']({})).text!);
      file.settings['engine.sending'] = JSON.stringify({ sender: 'pigeon' });
      file.settings['segments.minimumSize'] = 'many';
      const before = dumpStore(target.services.db);
      const result = await target.client['exchange.restoreWorkspace']({ file: { text: JSON.stringify(file) } });
      expect(result.outcome === 'invalid' && result.problems.map((p) => p.path)).toEqual(['settings.engine.sending.sender', 'settings.segments.minimumSize']);
      expect(dumpStore(target.services.db)).toEqual(before);
    });
  });
});
