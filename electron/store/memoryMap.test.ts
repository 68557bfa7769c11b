import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDir } from '../../test/helpers/workspace.ts';
import { openDatabase } from './database.ts';
import { whileMapped } from './memoryMap.ts';

const mapped = (db: ReturnType<typeof openDatabase>) => db.pragma('mmap_size', { simple: true }) as number;
/** Pages of files mapped into this process (Linux); null elsewhere. */
function residentFileMb(): number | null {
  const match = /^RssFile:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : null;
}

const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((done) => done()));

describe('whileMapped', () => {
  it('maps the file for the scan and unmaps it after, also around nested scans and when the scan throws', () => {
    const dir = tempDir();
    const db = openDatabase(`${dir.path}/map.db`);
    cleanup.push(() => (db.close(), dir.remove()));
    expect(mapped(db)).toBe(0);
    whileMapped(db, () => {
      expect(mapped(db)).toBeGreaterThan(1e9);
      whileMapped(db, () => expect(mapped(db)).toBeGreaterThan(1e9));
      expect(mapped(db)).toBeGreaterThan(1e9); // the inner scan leaves the outer one's mapping
    });
    expect(mapped(db)).toBe(0);
    expect(() => whileMapped(db, () => { throw new Error('scan failed'); })).toThrow('scan failed');
    expect(mapped(db)).toBe(0);
  });

  it.runIf(residentFileMb() !== null)('the pages a scan read do not stay in the resident set', () => {
    const dir = tempDir();
    const db = openDatabase(`${dir.path}/big.db`);
    cleanup.push(() => (db.close(), dir.remove()));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, pad TEXT)');
    const insert = db.prepare('INSERT INTO t (pad) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 60_000; i++) insert.run('x'.repeat(1000)); // about 64 MB
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = residentFileMb()!;
    const during = whileMapped(db, () => (db.prepare('SELECT SUM(length(pad)) FROM t').pluck().get(), residentFileMb()!));
    const after = residentFileMb()!;
    expect(during - before).toBeGreaterThan(40); // the scan went through the map
    expect(after - before).toBeLessThan(10);
  });
});
