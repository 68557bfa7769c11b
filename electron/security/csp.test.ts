import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy } from './csp.ts';
import { rendererFile } from './rendererFiles.ts';
import { tempDir } from '../../test/helpers/workspace.ts';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );

/** Every policy a page built from renderer/index.html runs under: the header each host sends, and any meta tag. */
async function policiesOfThePage(): Promise<string[]> {
  const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]);
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, 'index.html'), html);
    const served = await rendererFile(dir.path, '/index.html');
    return [served.ok ? served.headers['content-security-policy'] : '', ...metas];
  } finally {
    dir.remove();
  }
}

describe('the Content Security Policy', () => {
  it('forbids posting forms anywhere and images over plain http, in every policy the page runs under', async () => {
    const policies = await policiesOfThePage();
    expect(policies[0]).toBe(contentSecurityPolicy);
    for (const policy of policies) {
      const d = directives(policy);
      expect(d.get('form-action'), policy).toEqual(["'none'"]);
      expect(d.get('img-src'), policy).toEqual(["'self'", 'data:', 'https:']);
      expect(d.get('script-src'), policy).toEqual(["'self'"]);
      expect(d.get('object-src'), policy).toEqual(["'none'"]);
    }
  });
});
