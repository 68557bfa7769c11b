import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDatabase, writeTransaction } from '../../electron/store/database.ts';
import { tempDir, tempWorkspace } from '../helpers/workspace.ts';
import { previewImport, runImport } from '../../electron/services/import/importRunner.ts';
import type { AttributeType, ColumnMapping } from '../../shared/contacts/importMapping.ts';
import { ABANDONED_UPLOAD_MS, ImportManager } from '../../electron/services/import/importManager.ts';
import { sourceImportThreads } from '../../electron/services/import/importThreads.ts';
import { DecisionContacts } from '../../electron/services/decisions/decisionContacts.ts';
import { writeSampleFiles } from '../../electron/services/sample/writeSampleFiles.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
let workspace: ReturnType<typeof tempWorkspace>;
let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  workspace = tempWorkspace(() => NOW);
  dir = tempDir();
});
afterEach(() => {
  workspace.close();
  dir.remove();
});

const file = (name: string, content: string | Buffer) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
const db = () => workspace.services.db;
const count = (table: string) => db().prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const importContacts = (path: string) => runImport(db(), { kind: 'contacts', path, now: () => NOW });
const importEvents = (path: string) => runImport(db(), { kind: 'events', path, now: () => NOW });
const emails = () => db().prepare('SELECT email FROM contacts ORDER BY id').pluck().all();
/** A guessed mapping with some attribute columns typed by the user, as the import screen lets them. */
const typed = (mapping: ColumnMapping[], types: Record<string, AttributeType>): ColumnMapping[] =>
  mapping.map((m) => (m.target.kind === 'attribute' && types[m.source] ? { ...m, target: { ...m.target, type: types[m.source] } } : m));

describe('contact import', () => {
  it('imports a good CSV with built-in fields, typed attributes and tags, and merges on re-import', async () => {
    const path = file('good.csv', 'Email,First Name,Country,Consent,Tags,LTV,Signed up,VIP\nana@example.com,Ana,PT,yes,shoes;sale,120.5,2025-03-01,true\nBOB@example.com,Bob,,no,,80,2025-04-02,false\n');
    const report = await importContacts(path);
    expect(report).toMatchObject({ status: 'done', inserted: 2, updated: 0, skipped: 0, rowsRead: 2 });
    const ana = new DecisionContacts(db()).one(1)!.view;
    expect(ana.attributes).toMatchObject({ email: 'ana@example.com', first_name: 'Ana', country: 'PT', consent: 'subscribed', ltv: 120.5, signed_up: '2025-03-01', vip: true });
    expect([...ana.tags].sort()).toEqual(['sale', 'shoes']);
    expect(emails()).toEqual(['ana@example.com', 'bob@example.com']);

    // Same file again: nothing new, nothing changed. A changed row updates; an empty cell keeps what is stored.
    expect(await importContacts(path)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, skipped: 0 });
    await importContacts(file('change.csv', 'email,first_name,country\nana@example.com,Anna,\n'));
    expect(new DecisionContacts(db()).one(1)!.view.attributes).toMatchObject({ first_name: 'Anna', country: 'PT', ltv: 120.5 });
    expect(count('contacts')).toBe(2);
  });

  it('adds the tags of a re-imported contact to the ones it has, and reports a tag with a control character', async () => {
    await importContacts(file('first.csv', 'email,tags\nana@example.com,shoes;sale\n'));
    const report = await importContacts(file('second.jsonl', '{"email":"ana@example.com","tags":["vip","sale"]}\n{"email":"bo@example.com","tags":["ok","tab\\there"]}\n'));
    expect(report).toMatchObject({ inserted: 0, updated: 1, skipped: 1 });
    expect(report.problems).toEqual([{ line: 2, reason: 'tags: a tag cannot contain control characters (tabs, line breaks)' }]);
    expect([...new DecisionContacts(db()).one(1)!.view.tags].sort()).toEqual(['sale', 'shoes', 'vip']);
    expect(emails()).toEqual(['ana@example.com']);
  });

  it('imports JSON Lines with nested attributes and list tags', async () => {
    const path = file('c.jsonl', '{"email":"a@example.com","first_name":"A","tags":["x","y"],"attributes":{"plan":"pro","seats":3}}\n\n{"email":"b@example.com","score":7}\n');
    expect(await importContacts(path)).toMatchObject({ status: 'done', inserted: 2, skipped: 0 });
    expect(new DecisionContacts(db()).one(1)!.view.attributes).toMatchObject({ plan: 'pro', seats: 3 });
    expect([...new DecisionContacts(db()).one(1)!.view.tags]).toEqual(['x', 'y']);
    expect(new DecisionContacts(db()).one(2)!.view.attributes.score).toBe(7);
  });

  it('reads a semicolon file with a BOM, quoted newlines and mixed line endings, reporting lines as the editor numbers them', async () => {
    const content = '\uFEFFemail;first_name;note\r\na@example.com;Ann;"two\nlines"\nb@example.com;Bo;x\r\rc@example.com;Cy;y\nnot-an-email;Dee;z\r\n';
    const report = await importContacts(file('semi.csv', content));
    expect(report).toMatchObject({ inserted: 3, skipped: 1 });
    expect(report.problems).toEqual([{ line: 7, reason: 'invalid email in email' }]);
    expect(new DecisionContacts(db()).one(1)!.view.attributes.note).toBe('two\nlines');
    expect(emails()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });

  it('reports every bad row with its line and keeps the good ones', async () => {
    const long = 'x'.repeat(1024 * 1024);
    const rows = [
      'email,first_name,consent,age,joined',
      'good1@example.com,Ann,subscribed,31,2024-01-01', // 2
      'broken@,Bob,subscribed,40,2024-01-01', // 3 invalid email
      `big@example.com,${long},subscribed,22,2024-01-01`, // 4 a 1 MB field
      'good2@example.com,Cy,maybe,22,2024-01-01', // 5 bad consent
      'good3@example.com,Di,subscribed,old,2024-01-01', // 6 wrong type
      'good4@example.com,Ed,subscribed,50,yesterday', // 7 unparseable date
      'GOOD1@example.com,Ann again,subscribed,31,2024-01-01', // 8 duplicate email
      'good5@example.com,Fay,subscribed,50,2024-01-01,extra', // 9 too many fields
    ];
    rows.push('semi@example.com;Sam;subscribed;30;2024-01-01'); // 10 a row in another delimiter
    const buffer = Buffer.concat([
      Buffer.from(rows.join('\n') + '\n'),
      Buffer.from('bad\xffutf8@example.com,G', 'latin1'), // 11 invalid UTF-8
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',subscribed,20,2024-01-01\ngood6@example.com,Hal,,,\n'), // 12 good
    ]);
    const path = file('bad.csv', buffer);
    // Read from every row, age and joined are text ('old', 'yesterday'): the user types them, and reads the
    // file as UTF-8 (with its broken bytes, the file would be read as windows-1252).
    const preview = await previewImport('contacts', path, { encoding: 'utf-8' });
    expect(preview.mapping.filter((m) => m.target.kind === 'attribute').map((m) => m.target)).toEqual([
      { kind: 'attribute', name: 'age', type: 'text' },
      { kind: 'attribute', name: 'joined', type: 'text' },
    ]);
    const mapping = typed(preview.mapping, { age: 'number', joined: 'date' });
    const report = await runImport(db(), { kind: 'contacts', path, now: () => NOW, mapping, encoding: 'utf-8' });
    expect(report.status).toBe('done');
    expect(report.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(report.problems.map((p) => p.reason)).toEqual([
      'invalid email in email',
      'first_name is longer than 64 KB (a missing closing quote?)',
      'consent must be subscribed, unsubscribed or never-asked, not "maybe"',
      'age should be a number, not "old"',
      'unparseable date in joined: "yesterday"',
      'duplicate email: the same address is on an earlier line of this file',
      '6 fields where the header has 5 (a wrong delimiter or an unquoted ","?)',
      'invalid email in email',
      "invalid UTF-8 in email (choose the file's encoding, or save it as UTF-8)",
    ]);
    expect(report).toMatchObject({ inserted: 2, skipped: 9 });
    expect(emails()).toEqual(['good1@example.com', 'good6@example.com']);
    // The report is kept for download.
    expect(db().prepare('SELECT COUNT(*) FROM import_problems WHERE run_id = ?').pluck().get(report.runId)).toBe(9);
  });

  it('refuses a file without an email column, or that cannot be read, and writes nothing', async () => {
    const missing = await importContacts(file('noemail.csv', 'name,country\nAnn,PT\n'));
    expect(missing).toMatchObject({ status: 'failed', rowsRead: 0 });
    expect(missing.error).toMatch(/no column is mapped to email/);
    const absent = await importContacts(join(dir.path, 'nope.csv'));
    expect(absent.error).toMatch(/cannot read .*nope\.csv: ENOENT/);
    expect(count('contacts')).toBe(0);
  });

  it('reports invalid JSON lines and keeps going', async () => {
    const report = await importContacts(file('c.jsonl', '{"email":"a@example.com"}\n{"email": "b@example.com",\n[1,2]\n{"email":"c@example.com"}\n'));
    expect(report.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(report.problems[0].reason).toMatch(/^not valid JSON/);
    expect(report.inserted).toBe(2);
  });

  it('skips a row whose attribute is nested too deep or too large, naming it, and keeps the others', async () => {
    const nest = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const lines = [
      '{"email":"a@example.com","plan":"pro"}',
      `{"email":"deep@example.com","deep":${nest(40)}}`,
      `{"email":"deeper@example.com","deep":${nest(1000)}}`,
      `{"email":"deepest@example.com","deepest":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      `{"email":"big@example.com","attributes":{"notes":["${'x'.repeat(40_000)}","${'y'.repeat(40_000)}"]}}`,
      `{"email":"b@example.com","fine":${nest(32)}}`,
    ];
    const report = await importContacts(file('c.jsonl', `${lines.join('\n')}\n`));
    expect(report.problems).toEqual([
      { line: 2, reason: 'attribute "deep": nested deeper than 32 levels (at a.a.a.a….a.a.a); a stored value nests at most 32 levels and takes at most 64 KB of JSON' },
      { line: 3, reason: 'nested deeper than 64 levels (at column 353)' },
      { line: 4, reason: 'nested deeper than 64 levels (at column 105)' },
      { line: 5, reason: 'attribute "notes": larger than 64 KB as JSON (at [1]); a stored value nests at most 32 levels and takes at most 64 KB of JSON' },
    ]);
    expect(emails()).toEqual(['a@example.com', 'b@example.com']);
  });

  it("gives the app's connection back as it found it: its page cache and checkpoint interval", async () => {
    const settings = () => [db().pragma('cache_size', { simple: true }), db().pragma('wal_autocheckpoint', { simple: true })];
    const before = settings();
    expect((await importContacts(file('c.csv', 'email\nana@example.com\n'))).inserted).toBe(1);
    expect(settings()).toEqual(before);
  });

  it('stops at a cancel between batches, leaving whole batches', async () => {
    const lines = ['email'];
    for (let i = 0; i < 50; i++) lines.push(`c${i}@example.com`);
    const controller = new AbortController();
    const report = await runImport(db(), {
      kind: 'contacts',
      path: file('many.csv', lines.join('\n')),
      batchSize: 10,
      signal: controller.signal,
      onProgress: (r) => r.rowsRead >= 20 && controller.abort(),
    });
    expect(report.status).toBe('cancelled');
    expect(count('contacts')).toBe(20);
    expect(report.inserted).toBe(20);
    // Running it again finishes the job without duplicating anything.
    const again = await importContacts(join(dir.path, 'many.csv'));
    expect(again).toMatchObject({ inserted: 30, updated: 0, unchanged: 20 });
  });
});

describe('a file imported as it was written', () => {
  const attributes = (id: number) => new DecisionContacts(db()).one(id)!.view.attributes;

  it('keeps the first row of an address on every run of the file, and reports the later ones each time', async () => {
    const path = file('twice.csv', 'email,first_name,city\nana@example.com,Ana,Lisbon\nbo@example.com,Bo,Porto\nANA@example.com,Anabela,Faro\n');
    const duplicate = [{ line: 4, reason: 'duplicate email: the same address is on an earlier line of this file' }];
    expect(await importContacts(path)).toMatchObject({ inserted: 2, skipped: 1, problems: duplicate });
    const stamped = db().prepare('SELECT updated_at FROM contacts WHERE id = 1').pluck().get();

    const again = await runImport(db(), { kind: 'contacts', path, now: () => NOW + 60_000 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, skipped: 1, problems: duplicate });
    expect(attributes(1)).toMatchObject({ first_name: 'Ana', city: 'Lisbon' });
    // Nothing changed, so nothing is stamped as changed.
    expect(db().prepare('SELECT updated_at FROM contacts WHERE id = 1').pluck().get()).toBe(stamped);
  });

  it('keeps each value as written unless every value of its column reads back unchanged as a number, true/false or a date', async () => {
    const rows = ['email,zip,ref,code,ltv,big,score,vip,joined'];
    for (let i = 0; i < 30; i++) rows.push(`c${i}@example.com,${75001 + i},${100 + i},${i},${i}.5,${i},${i},${i % 2 === 0},2025-03-${10 + (i % 10)}`);
    // Past the first twenty rows: a postal code, an id, a code, an amount and a number that are not plain numbers.
    rows.push('late@example.com,01234,007,1e5,1.50,12345678901234567890,42,TRUE,2025-04-01');
    const path = file('types.csv', `${rows.join('\n')}\n`);

    const preview = await previewImport('contacts', path);
    expect(Object.fromEntries(preview.mapping.flatMap((m) => (m.target.kind === 'attribute' ? [[m.source, m.target.type]] : [])))).toEqual({
      zip: 'text',
      ref: 'text',
      code: 'text',
      ltv: 'text',
      big: 'text',
      score: 'number',
      vip: 'boolean',
      joined: 'date',
    });

    // Without a mapping (the command line), the same values.
    expect(await importContacts(path)).toMatchObject({ inserted: 31, skipped: 0 });
    expect(attributes(1)).toEqual(expect.objectContaining({ zip: '75001', ref: '100', code: '0', ltv: '0.5', big: '0', score: 0, vip: true, joined: '2025-03-10' }));
    expect(attributes(31)).toEqual(expect.objectContaining({ zip: '01234', ref: '007', code: '1e5', ltv: '1.50', big: '12345678901234567890', score: 42, vip: true, joined: '2025-04-01' }));
  });

  it('reads a Windows-1252 file separated by semicolons, as Excel saves CSV in much of Europe, keeping accents in names', async () => {
    const text = 'E-mail;Prénom;Code postal;Ville\nzoe@example.fr;Zoé;01234;Besançon\nleo@example.fr;Léo;75001;Orléans\n';
    const path = file('excel.csv', Buffer.from(text, 'latin1'));
    const preview = await previewImport('contacts', path);
    expect(preview).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', columns: ['E-mail', 'Prénom', 'Code postal', 'Ville'] });
    expect(preview.mapping.map((m) => m.target)).toEqual([
      { kind: 'field', field: 'email' },
      { kind: 'attribute', name: 'prénom', type: 'text' },
      { kind: 'attribute', name: 'code_postal', type: 'text' },
      { kind: 'attribute', name: 'ville', type: 'text' },
    ]);
    expect(await importContacts(path)).toMatchObject({ status: 'done', encoding: 'windows-1252', delimiter: ';', inserted: 2, skipped: 0 });
    expect(attributes(1)).toMatchObject({ prénom: 'Zoé', code_postal: '01234', ville: 'Besançon' });
    expect(attributes(2)).toMatchObject({ prénom: 'Léo', code_postal: '75001', ville: 'Orléans' });
  });

  it("reads UTF-16 with its byte order mark, tab-separated, as Excel's Unicode text", async () => {
    const text = 'email\tNom\nzoe@example.fr\tZoé Ærø\n';
    const path = file('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await previewImport('contacts', path)).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', columns: ['email', 'Nom'] });
    expect(await importContacts(path)).toMatchObject({ inserted: 1, skipped: 0 });
    expect(attributes(1)).toMatchObject({ nom: 'Zoé Ærø' });
  });

  it('reads a UTF-8 file with a broken byte as UTF-8, reporting that row, rather than turning every accent into two letters', async () => {
    const path = file('mostly-utf8.csv', Buffer.concat([Buffer.from('email,prénom\nzoe@example.fr,Zoé\nbad@example.fr,'), Buffer.from([0xe9]), Buffer.from('\nleo@example.fr,Léo\n')]));
    const report = await importContacts(path);
    expect(report).toMatchObject({ encoding: 'utf-8', inserted: 2, skipped: 1 });
    expect(report.problems).toEqual([{ line: 3, reason: "invalid UTF-8 in prénom (choose the file's encoding, or save it as UTF-8)" }]);
    expect(attributes(2)).toMatchObject({ prénom: 'Léo' });
  });

  it('finds the delimiter from the lines, not the header alone, and takes the one chosen instead', async () => {
    // The header has more commas (in a quoted name) than semicolons; every line has one semicolon.
    const path = file('names.csv', 'email;"Name (last, first, middle)"\nana@example.com;Lopez Ana\nbo@example.com;Silva Bo\n');
    expect((await previewImport('contacts', path)).delimiter).toBe(';');
    expect(await importContacts(path)).toMatchObject({ inserted: 2, skipped: 0 });
    expect(attributes(1)).toMatchObject({ name_last_first_middle: 'Lopez Ana' });

    // Chosen: a comma, and the file is then one column that is not an email.
    const chosen = await previewImport('contacts', path, { delimiter: ',', encoding: 'windows-1252' });
    expect(chosen).toMatchObject({ delimiter: ',', encoding: 'windows-1252', columns: ['email;"Name (last', 'first', 'middle)"'] });
  });

  it('leaves out a cell that cannot be read, and reports it, when the user chooses so; the row is imported without it', async () => {
    const path = file('cells.csv', 'email,consent,tags,age\nana@example.com,maybe,vip,31\nbo@example.com,yes,"ok;tab\there",old\nbroken@,yes,,1\n');
    const mapping = typed((await previewImport('contacts', path)).mapping, { age: 'number' });
    // By default a bad cell skips its row.
    expect(await runImport(db(), { kind: 'contacts', path, now: () => NOW, mapping })).toMatchObject({ inserted: 0, skipped: 3, cellsSkipped: 0 });

    const manager = new ImportManager(db(), workspace.databasePath, () => NOW);
    const { runId } = manager.start('contacts', { path }, mapping, { badCells: 'skip-cell' });
    const report = await manager.finished(runId);
    const problems = [
      { line: 2, reason: 'consent must be subscribed, unsubscribed or never-asked, not "maybe" (cell left out)' },
      { line: 3, reason: 'tags: a tag cannot contain control characters (tabs, line breaks) (cell left out)' },
      { line: 3, reason: 'age should be a number, not "old" (cell left out)' },
      { line: 4, reason: 'invalid email in email' },
    ];
    expect(report).toMatchObject({ status: 'done', inserted: 2, skipped: 1, cellsSkipped: 3, problems });
    expect(attributes(1)).toMatchObject({ consent: 'never-asked', age: 31 });
    expect([...new DecisionContacts(db()).one(1)!.view.tags]).toEqual(['vip']);
    expect(attributes(2)).toMatchObject({ consent: 'subscribed' });
    expect(attributes(2).age).toBeUndefined();
    // As the app lists it later, from the store.
    expect(new ImportManager(db(), workspace.databasePath, () => NOW).status(runId)).toMatchObject({ skipped: 1, cellsSkipped: 3, problems });
  });

  it('takes the encoding, delimiter and bad-cell choice on the command line, and says how it read the file', { timeout: 60_000 }, () => {
    workspace.services.db.close();
    try {
      const cli = (...args: string[]) => spawnSync(process.execPath, [resolve(import.meta.dirname, '../../bin/journey-studio.js'), '--db', workspace.databasePath, ...args], { encoding: 'utf8' });
      const path = file('excel.csv', Buffer.from('E-mail;Prénom;Consent\nzoe@example.fr;Zoé;maybe\n', 'latin1'));
      const found = cli('import', 'contacts', path, '--skip-bad-cells');
      expect(found.status).toBe(1);
      expect(found.stdout).toContain('(windows-1252, ";"): 1 rows read, 1 inserted, 0 updated, 0 unchanged, 0 skipped, 1 cell(s) left out');
      expect(found.stdout).toContain('excel.csv:2: consent must be subscribed, unsubscribed or never-asked, not "maybe" (cell left out)');
      expect(found.stderr).toContain('0 row(s) skipped, 1 cell(s) left out');

      // Read as UTF-8, as chosen, the accented row is reported, and the tab option is spelt out.
      const chosen = cli('import', 'contacts', path, '--encoding', 'utf-8', '--delimiter', ';', '--json');
      expect(JSON.parse(chosen.stdout)).toMatchObject({ encoding: 'utf-8', delimiter: ';', skipped: 1, problems: [{ line: 2, reason: expect.stringMatching(/^invalid UTF-8 in Pr\uFFFDnom/) }] });
      expect(cli('import', 'contacts', path, '--delimiter', 'tab', '--json').stdout).toContain('"delimiter": "\\t"');
      expect(cli('import', 'contacts', path, '--encoding', 'ebcdic').stderr).toMatch(/argument 'ebcdic' is invalid. Allowed choices are utf-8, utf-16le, utf-16be, windows-1252/);
      expect(cli('import', 'contacts', path, '--delimiter', ':').stderr).toMatch(/the delimiter is one of , ; tab \|, not ":"/);
    } finally {
      workspace.services.db = openDatabase(workspace.databasePath); // afterEach closes it
    }
  });
});

describe('event import', () => {
  beforeEach(async () => {
    await importContacts(file('contacts.csv', 'email\nana@example.com\nbob@example.com\n'));
  });

  it('imports CSV events by email with typed properties, ISO and epoch times, and de-duplicates on re-import', async () => {
    const path = file('events.csv', 'email,event,timestamp,amount,product_id,items\nana@example.com,purchased,2026-01-10T10:00:00Z,120.5,p1,"[{""sku"":""a""}]"\nbob@example.com,email_opened,1767952800,,,\nana@example.com,unsubscribed,1767952800000,,,\n');
    const report = await importEvents(path);
    expect(report).toMatchObject({ status: 'done', inserted: 3, skipped: 0 });
    const ana = new DecisionContacts(db()).one(1)!.view;
    expect(ana.events[1]).toEqual({ name: 'purchased', at: Date.UTC(2026, 0, 10, 10), properties: { amount: 120.5, product_id: 'p1', items: [{ sku: 'a' }] } });
    expect(new DecisionContacts(db()).one(2)!.view.events[0].at).toBe(1767952800000);
    expect(ana.attributes.consent).toBe('unsubscribed'); // unsubscribes change consent
    expect(await importEvents(path)).toMatchObject({ inserted: 0, unchanged: 3 });
    expect(count('events')).toBe(3);
  });

  it('de-duplicates by the event id column when there is one', async () => {
    const path = file('e.jsonl', '{"id":"e1","email":"ana@example.com","name":"page_viewed","timestamp":"2026-01-01T00:00:00Z"}\n{"id":"e1","email":"ana@example.com","name":"page_viewed","timestamp":"2026-01-02T00:00:00Z"}\n');
    expect(await importEvents(path)).toMatchObject({ inserted: 1, unchanged: 1 });
  });

  it('de-duplicates an event id within its contact: the same id under another contact is another event', async () => {
    const path = file('e.jsonl', '{"id":"e1","email":"ana@example.com","name":"page_viewed","timestamp":"2026-01-01T00:00:00Z"}\n{"id":"e1","email":"bob@example.com","name":"page_viewed","timestamp":"2026-01-01T00:00:00Z"}\n');
    expect(await importEvents(path)).toMatchObject({ inserted: 2, unchanged: 0 });
    expect(await importEvents(path)).toMatchObject({ inserted: 0, unchanged: 2 });
  });

  it('without an id column, de-duplicates by contact, name, time and properties: any of them changed is another event', async () => {
    const path = file(
      'e.csv',
      [
        'email,event,timestamp,amount',
        'ana@example.com,purchased,2026-01-10T10:00:00Z,120', // 2
        'ana@example.com,purchased,2026-01-10T10:00:00Z,120', // 3 the same event again
        'ana@example.com,purchased,2026-01-10T10:00:00Z,121', // 4 another amount
        'ana@example.com,purchased,2026-01-10T10:00:01Z,120', // 5 another time
        'ana@example.com,added_to_cart,2026-01-10T10:00:00Z,120', // 6 another name
        'bob@example.com,purchased,2026-01-10T10:00:00Z,120', // 7 another contact
      ].join('\n'),
    );
    expect(await importEvents(path)).toMatchObject({ inserted: 5, unchanged: 1 });
    expect(await importEvents(path)).toMatchObject({ inserted: 0, unchanged: 6 });
    expect(count('events')).toBe(5);
  });

  it('reports unknown contacts, unparseable and future dates with their lines', async () => {
    const path = file('e.csv', 'email,name,timestamp\nana@example.com,page_viewed,2026-01-01\nzed@example.com,page_viewed,2026-01-01\nbob@example.com,page_viewed,last tuesday\nbob@example.com,page_viewed,2031-01-01\nbob@example.com,,2026-01-01\n');
    const report = await importEvents(path);
    expect(report.problems).toEqual([
      { line: 3, reason: 'unknown contact: no contact with this email (import the contacts first)' },
      { line: 4, reason: 'unparseable date in timestamp: "last tuesday"' },
      { line: 5, reason: 'the date 2031-01-01T00:00:00.000Z is in the future' },
      { line: 6, reason: 'no event name' },
    ]);
    expect(report.inserted).toBe(1);
  });

  it('skips an event whose properties are nested too deep, even 30,000 deep in a CSV cell, and keeps the others', async () => {
    const deep = `"${'['.repeat(30_000)}${']'.repeat(30_000)}"`;
    const path = file('e.csv', `email,name,timestamp,items\nana@example.com,viewed,2026-01-01,"[1]"\nana@example.com,viewed,2026-01-02,${deep}\nbob@example.com,viewed,2026-01-03,\n`);
    const report = await importEvents(path);
    expect(report).toMatchObject({ status: 'done', inserted: 2, skipped: 1 });
    expect(report.problems).toEqual([{ line: 3, reason: 'the properties: nested deeper than 32 levels (at items[0][0][0]…[0][0][0]); a stored value nests at most 32 levels and takes at most 64 KB of JSON' }]);
  });

  it('refuses an events file without a timestamp column', async () => {
    const report = await importEvents(file('e.csv', 'email,name\nana@example.com,x\n'));
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/no column is mapped to timestamp/);
  });
});

describe('the sample files', () => {
  it('import to the same contacts and events as loading the sample directly', async () => {
    const files = await writeSampleFiles(dir.path, { contacts: 150, seed: 3, now: NOW });
    expect((await importContacts(files.contactsCsv)).inserted).toBe(150);
    const events = await importEvents(files.eventsJsonl);
    expect(events).toMatchObject({ inserted: files.events, skipped: 0 });

    const direct = tempWorkspace(() => NOW);
    try {
      loadSample(direct.services.db, { contacts: 150, seed: 3, now: NOW });
      for (const id of [1, 75, 150]) {
        const imported = new DecisionContacts(db()).one(id)!.view;
        const loaded = new DecisionContacts(direct.services.db).one(id)!.view;
        expect(imported.events).toEqual(loaded.events);
        expect([...imported.tags].sort()).toEqual([...loaded.tags].sort());
        const { birthday, signup_date, plan } = loaded.attributes;
        expect(imported.attributes).toMatchObject({ plan, signup_date, ...(birthday ? { birthday } : {}) });
      }
    } finally {
      direct.close();
    }
  });
});

describe('a crash mid-import', () => {
  it('leaves whole batches and a report that matches them; running again finishes without duplicates', async () => {
    const lines = ['email,first_name'];
    for (let i = 0; i < 100; i++) lines.push(`c${i}@example.com,C${i}`);
    const path = file('many.csv', lines.join('\n'));
    workspace.services.db.close();
    // A child process imports in batches of 10 and dies abruptly (no cleanup, no rollback) after the third.
    const script = `
      import { openDatabase } from ${JSON.stringify(resolve(import.meta.dirname, '../../electron/store/database.ts'))};
      import { runImport } from ${JSON.stringify(resolve(import.meta.dirname, '../../electron/services/import/importRunner.ts'))};
      const db = openDatabase(${JSON.stringify(workspace.databasePath)});
      await runImport(db, { kind: 'contacts', path: ${JSON.stringify(path)}, batchSize: 10, onProgress: (r) => r.rowsRead >= 30 && process.kill(process.pid, 'SIGKILL') });
    `;
    const crashed = spawnSync(process.execPath, ['--input-type=module', '-e', script]);
    expect(crashed.signal).toBe('SIGKILL');

    const db = openDatabase(workspace.databasePath);
    try {
      expect(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(30);
      expect(db.prepare('SELECT status, rows_read, inserted FROM import_runs').get()).toEqual({ status: 'running', rows_read: 30, inserted: 30 });
      // The next start marks it interrupted (its process is gone) and says how to finish it.
      const runId = db.prepare('SELECT id FROM import_runs').pluck().get() as string;
      const manager = new ImportManager(db, workspace.databasePath, () => NOW);
      expect(manager.status(runId)).toMatchObject({ status: 'interrupted', rowsRead: 30, inserted: 30, error: expect.stringMatching(/Import the same file again/) });
      expect(manager.runs(5).map((r) => r.status)).toEqual(['interrupted']);
      const again = await runImport(db, { kind: 'contacts', path, now: () => NOW });
      expect(again).toMatchObject({ status: 'done', inserted: 70, updated: 0, unchanged: 30, skipped: 0 });
      expect(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(100);
    } finally {
      db.close();
      workspace.services.db = openDatabase(workspace.databasePath); // afterEach closes it
    }
  });
});

describe('runs and uploads left behind', () => {
  it('leaves a run alone while the process running it is alive', () => {
    const db = workspace.services.db;
    db.prepare(`INSERT INTO import_runs (id, kind, file, status, started_at, pid) VALUES ('imp_alive', 'contacts', 'a.csv', 'running', ?, ?)`).run(NOW, process.ppid);
    new ImportManager(db, workspace.databasePath, () => NOW);
    expect(db.prepare(`SELECT status FROM import_runs WHERE id = 'imp_alive'`).pluck().get()).toBe('running');
  });

  it('deletes abandoned upload files: old ones at start-up, and uploads nobody finished within the hour', async () => {
    const uploads = join(dir.path, 'uploads');
    mkdirSync(uploads);
    writeFileSync(join(uploads, 'up_crashed.csv'), 'email\n');
    const old = (NOW - ABANDONED_UPLOAD_MS - 1000) / 1000;
    utimesSync(join(uploads, 'up_crashed.csv'), old, old);
    writeFileSync(join(uploads, 'up_other_window.csv'), 'email\n'); // young: maybe another window's upload

    let clock = NOW;
    const manager = new ImportManager(workspace.services.db, join(dir.path, 'workspace.db'), () => clock);
    expect(readdirSync(uploads).sort()).toEqual(['up_other_window.csv']);

    const chunk = Buffer.from('email\nann@example.com\n').toString('base64');
    const { uploadId } = manager.upload({ fileName: 'closed-tab.csv', chunkBase64: chunk });
    const finished = manager.upload({ fileName: 'used.csv', chunkBase64: chunk });
    const { runId } = manager.start('contacts', { uploadId: finished.uploadId });
    expect((await manager.finished(runId)).inserted).toBe(1);
    expect(readdirSync(uploads).filter((f) => f.startsWith(finished.uploadId))).toEqual([]); // deleted after its import

    clock += ABANDONED_UPLOAD_MS + 1;
    manager.upload({ fileName: 'next.csv', chunkBase64: chunk }); // any new upload sweeps the stale ones
    expect(readdirSync(uploads).some((f) => f.startsWith(uploadId))).toBe(false);
    expect(() => manager.upload({ uploadId, fileName: 'closed-tab.csv', chunkBase64: chunk })).toThrow(/no upload/);
    expect(existsSync(join(uploads, 'up_other_window.csv'))).toBe(true);
  });
});

describe('a large file, imported on threads of its own', () => {
  const onThread = (path: string, extra: Partial<Parameters<typeof runImport>[1]> = {}) =>
    runImport(db(), { kind: 'contacts', path, now: () => NOW, threadFromBytes: 0, ...extra });
  const sourceThreads = sourceImportThreads()!;
  const contactsFile = (rows: number) => file('many.csv', `email,first_name\n${Array.from({ length: rows }, (_, i) => `c${i}@example.com,C${i}`).join('\n')}\n`);

  it('reports the same rows and problems as reading it here', async () => {
    const content = 'email,first_name,tags,joined\nana@example.com,Ana,vip;new,2025-03-01\nbad,Bo,,2025-03-01\ncy@example.com,Cy,,2025-02-30\n';
    const path = file('c.csv', content);
    const report = await onThread(path, { mapping: typed((await previewImport('contacts', path)).mapping, { joined: 'date' }) });
    expect(report).toMatchObject({ status: 'done', inserted: 1, skipped: 2 });
    expect(report.problems).toEqual([
      { line: 3, reason: 'invalid email in email' },
      { line: 4, reason: 'unparseable date in joined: "2025-02-30"' },
    ]);
    expect([...new DecisionContacts(db()).one(1)!.view.tags].sort()).toEqual(['new', 'vip']);
  });

  it('reads the file as found or chosen, and leaves bad cells out when asked, on its threads as here', async () => {
    const path = file('excel.csv', Buffer.from('E-mail;Prénom;Consent\nzoe@example.fr;Zoé;maybe\n', 'latin1'));
    const report = await onThread(path, { badCells: 'skip-cell' });
    expect(report).toMatchObject({ status: 'done', encoding: 'windows-1252', delimiter: ';', inserted: 1, cellsSkipped: 1 });
    expect(new DecisionContacts(db()).one(1)!.view.attributes).toMatchObject({ prénom: 'Zoé', consent: 'never-asked' });
    const chosen = await onThread(path, { encoding: 'utf-8', delimiter: ';' });
    expect(chosen).toMatchObject({ encoding: 'utf-8', skipped: 1, problems: [{ line: 2, reason: expect.stringMatching(/^invalid UTF-8/) }] });
  });

  it('says why a file cannot be read, and writes nothing', async () => {
    // An opening quote never closed: the header is never read.
    const report = await onThread(file('open-quote.csv', '"email,first_name\nana@example.com,Ana\n'), { mapping: [{ source: 'email', target: { kind: 'field', field: 'email' } }] });
    expect(report).toMatchObject({ status: 'failed', error: 'the file has no header row' });
    expect(count('contacts')).toBe(0);
  });

  it('imports on this thread when the writing thread cannot start, and reads here too when the reading thread cannot', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const missing = join(dir.path, 'missing-worker.js');
    const report = await onThread(file('c.csv', 'email,tags\nana@example.com,vip\n'), { threads: { reading: sourceThreads.reading, writing: missing } });
    expect(report).toMatchObject({ status: 'done', inserted: 1 });
    expect(warn.mock.calls.map(([message]) => message)).toEqual([expect.stringContaining("the import's writing thread could not start")]);

    warn.mockClear();
    const both = await onThread(file('d.csv', 'email,tags\nbo@example.com,vip\n'), { threads: { reading: missing, writing: missing } });
    expect(both).toMatchObject({ status: 'done', inserted: 1 });
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringContaining("the import's writing thread could not start"),
      expect.stringContaining("the import's reading thread could not start"),
    ]);
    warn.mockRestore();
  });

  it('says so when the writing thread stops mid-import, and marks the run failed', async () => {
    const dying = file('dying-writer.mjs', `import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ type: 'started' }); process.exit(3);`);
    const report = await onThread(contactsFile(10), { threads: { reading: sourceThreads.reading, writing: dying }, runId: 'imp_dying' });
    expect(report).toMatchObject({ status: 'failed', error: expect.stringMatching(/writing thread stopped \(exit code 3\).*Import the same file again/) });
    expect(count('contacts')).toBe(0);
  });

  it('lets the app write while it imports: the app waits for a batch at most, never fails', async () => {
    const importing = onThread(contactsFile(60_000), { batchSize: 5000 });
    let finished = false;
    void importing.then(() => (finished = true));
    const bump = writeTransaction(db(), () => {
      // Read, then write: a transaction that began before a batch's commit would otherwise fail here.
      const value = Number(db().prepare(`SELECT value FROM settings WHERE key = 'saves'`).pluck().get() ?? 0);
      db().prepare(`INSERT INTO settings (key, value) VALUES ('saves', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(value + 1));
    });
    let saves = 0;
    let contactsSeen = 0;
    while (!finished) {
      bump();
      saves++;
      contactsSeen = Math.max(contactsSeen, count('contacts'));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await importing).toMatchObject({ status: 'done', inserted: 60_000 });
    expect(db().prepare(`SELECT value FROM settings WHERE key = 'saves'`).pluck().get()).toBe(String(saves));
    // The app saw the import's batches arrive while it ran.
    expect(saves).toBeGreaterThan(1);
    expect(contactsSeen).toBeGreaterThan(0);
  });

  it('imports a file of large rows, a few to each piece read, in whole batches', async () => {
    const note = 'x'.repeat(60_000);
    const rows = Array.from({ length: 70 }, (_, i) => `c${i}@example.com,${note}`);
    const report = await onThread(file('wide.csv', `email,note\n${rows.join('\n')}\n`), { batchSize: 20 });
    expect(report).toMatchObject({ status: 'done', inserted: 70, skipped: 0 });
  });

  it('stops at a cancel and leaves whole batches', async () => {
    const controller = new AbortController();
    const report = await onThread(contactsFile(100_000), {
      batchSize: 2000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(report.status).toBe('cancelled');
    expect(count('contacts')).toBe(report.inserted);
    expect(report.inserted % 2000).toBe(0);
    expect(report.inserted).toBeLessThan(100_000);
    expect(db().prepare('SELECT status, inserted FROM import_runs').get()).toEqual({ status: 'cancelled', inserted: report.inserted });
  });
});
