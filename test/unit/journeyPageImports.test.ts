import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The journey page draws a 500-step journey before anything else (docs/canvas.md): building the journey's zod
 * schemas at startup cost its first paint about a tenth of its time, so they load after it (problems check, side panel,
 * paste). This holds the line: no module the renderer loads up front (its static imports, followed from main.tsx;
 * `import()` ends a path) imports zod.
 */
const root = resolve(import.meta.dirname, '../..');

/** The modules a file loads when it is evaluated: value imports and re-exports, not type-only ones or import(). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every path from main.tsx to a file that imports `pkg`, as the chain of files. */
function pathsTo(pkg: string): string[][] {
  const entry = resolve(root, 'renderer/src/main.tsx');
  const from = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const found: string[][] = [];
  while (queue.length) {
    const file = queue.shift()!;
    for (const specifier of staticImports(file)) {
      if (specifier === pkg || specifier.startsWith(`${pkg}/`)) {
        const chain = [file];
        for (let at = from.get(file); at; at = from.get(at)) chain.push(at);
        found.push(chain.map((f) => relative(root, f)));
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      if (!/\.tsx?$/.test(target) || from.has(target) || !existsSync(target)) continue;
      from.set(target, file);
      queue.push(target);
    }
  }
  return found;
}

describe("the renderer's first bundle", () => {
  it('builds no zod schema before the journey page can draw', () => {
    expect(pathsTo('zod').map((chain) => chain.join(' <- '))).toEqual([]);
  });

  it('is followed far enough to see the canvas (the check above would pass on an empty walk)', () => {
    // A module the canvas uses and that imports a package: the walk reaches it through App, the editor and the canvas.
    expect(pathsTo('@xyflow/react').map((chain) => chain[0])).toContain('renderer/src/canvas/JourneyCanvas.tsx');
  });
});
