import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers/workspace.ts';
import { detectEncoding } from './textEncoding.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const detect = (bytes: Buffer) => {
  const path = join(dir.path, 'f.csv');
  writeFileSync(path, bytes);
  return detectEncoding(path, bytes.subarray(0, 64 * 1024));
};

describe('finding the encoding a file was saved in', () => {
  it('takes the byte order mark first', async () => {
    expect(await detect(Buffer.from('\uFEFFemail,prénom\n'))).toBe('utf-8');
    expect(await detect(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email\n', 'utf16le')]))).toBe('utf-16le');
    expect(await detect(Buffer.from([0xfe, 0xff, 0, 0x65]))).toBe('utf-16be');
  });

  it('reads valid UTF-8 as UTF-8, whatever byte its characters are cut at by the reads (1 MB each)', async () => {
    for (const cut of [1, 2, 3]) {
      // A four-byte character (an emoji) and a two-byte one, straddling the end of the first megabyte.
      const filler = Buffer.alloc(1024 * 1024 - cut, 'a');
      expect(await detect(Buffer.concat([filler, Buffer.from('😀é\n')]))).toBe('utf-8');
    }
    expect(await detect(Buffer.from('plain ascii\n'))).toBe('utf-8');
  });

  it("falls back to windows-1252 for bytes that are not UTF-8, even when the first megabyte is plain ASCII", async () => {
    expect(await detect(Buffer.from('email;prénom\nzoe@example.fr;Zoé\n', 'latin1'))).toBe('windows-1252');
    expect(await detect(Buffer.concat([Buffer.alloc(2 * 1024 * 1024, 'a'), Buffer.from('Besançon\n', 'latin1')]))).toBe('windows-1252');
    // A file cut in the middle of a character is not valid UTF-8 either.
    expect(await detect(Buffer.from([0x61, 0xc3]))).toBe('windows-1252');
  });

  it('keeps UTF-8 for a UTF-8 file with fewer broken bytes than accented letters', async () => {
    const mostly = Buffer.concat([Buffer.from('Zoé Léo Orléans\n'), Buffer.from([0xe9, 0x0a])]);
    expect(await detect(mostly)).toBe('utf-8');
    const mostlyNot = Buffer.concat([Buffer.from('Zoé\n'), Buffer.from('Léo Orléans Besançon\n', 'latin1')]);
    expect(await detect(mostlyNot)).toBe('windows-1252');
  });
});
