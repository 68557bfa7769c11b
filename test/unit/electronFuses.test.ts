import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The fuses electron-builder flips in the packaged Electron binary (electron-builder.yml, `electronFuses`). Electron
 * cannot run here, so this holds the configuration: the packaged app can't be turned into a Node runtime or
 * debugged from outside, and file:// pages get no extra privileges.
 */
const root = resolve(import.meta.dirname, '../..');

/** The `electronFuses:` block of electron-builder.yml, as key → boolean (one `key: value` per indented line). */
function configuredFuses(): Record<string, unknown> {
  const lines = readFileSync(resolve(root, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^electronFuses:\s*$/.test(line));
  if (start < 0) return {};
  const fuses: Record<string, unknown> = {};
  for (const line of lines.slice(start + 1)) {
    const entry = /^\s+(\w+):\s*(\S+)\s*$/.exec(line);
    if (!entry) break;
    fuses[entry[1]] = entry[2] === 'true' ? true : entry[2] === 'false' ? false : entry[2];
  }
  return fuses;
}

describe('the packaged binary’s fuses', () => {
  it('are set as Electron’s security checklist asks', () => {
    expect(configuredFuses()).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('are named as electron-builder knows them', () => {
    const builder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
    const scheme = JSON.parse(readFileSync(builder.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(known).toEqual(expect.arrayContaining(Object.keys(configuredFuses())));
    expect(scheme.properties.electronFuses).toBeDefined();
  });
});
