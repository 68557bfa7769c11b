import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addTagSql, decodeTags, encodeTags, hasTagSql, removeTagSql, unionTags } from './tagColumn.ts';
import { TagName } from '../../../shared/contacts/tags.ts';

const tag = fc.string({ minLength: 1, maxLength: 8 }).filter((t) => TagName.safeParse(t).success);

describe('the tags column', () => {
  it('round-trips a set of tags, sorted and once each', () => {
    expect(decodeTags(encodeTags(['vip', 'new', 'vip']))).toEqual(['new', 'vip']);
    expect(encodeTags([])).toBe('');
    expect(decodeTags('')).toEqual([]);
    expect(decodeTags(unionTags(encodeTags(['b']), encodeTags(['a', 'b'])))).toEqual(['a', 'b']);
    expect(unionTags(encodeTags(['b']), '')).toBe(encodeTags(['b']));
  });

  it('finds, adds and removes tags in SQL exactly as a set would, and never matches part of a tag', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE c (id INTEGER PRIMARY KEY, tags TEXT NOT NULL DEFAULT '')`);
    const has = db.prepare(`SELECT ${hasTagSql('tags', '@tag')} FROM c WHERE id = 1`).pluck();
    const add = db.prepare(`UPDATE c SET tags = ${addTagSql('tags', '@tag')} WHERE id = 1`);
    const remove = db.prepare(`UPDATE c SET tags = ${removeTagSql('tags', '@tag')} WHERE id = 1`);
    const stored = db.prepare('SELECT tags FROM c WHERE id = 1').pluck();
    fc.assert(
      fc.property(fc.uniqueArray(tag, { maxLength: 5 }), fc.array(fc.tuple(fc.boolean(), tag), { maxLength: 12 }), fc.array(tag, { maxLength: 6 }), (start, steps, probes) => {
        db.prepare('DELETE FROM c').run();
        db.prepare('INSERT INTO c (id, tags) VALUES (1, ?)').run(encodeTags(start));
        const expected = new Set(start);
        for (const [adding, name] of steps) {
          (adding ? add : remove).run({ tag: name });
          if (adding) expected.add(name);
          else expected.delete(name);
        }
        expect(decodeTags(stored.get() as string)).toEqual([...expected].sort());
        // An emptied set is stored as '' (so 'no tags' has one form).
        if (expected.size === 0) expect(stored.get()).toBe('');
        for (const probe of [...probes, ...expected]) expect(has.get({ tag: probe })).toBe(expected.has(probe) ? 1 : 0);
      }),
    );
  });

  it('refuses tag names with control characters, the separator among them', () => {
    expect(TagName.safeParse('vip').success).toBe(true);
    expect(TagName.safeParse('a\u001fb').success).toBe(false);
    expect(TagName.safeParse('line\nbreak').success).toBe(false);
  });
});
