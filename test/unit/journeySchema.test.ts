import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journeyJsonSchema, journeyJsonSchemaText } from '../../shared/format/jsonSchema.ts';
import { JOURNEY_FORMAT, JOURNEY_FORMAT_VERSION } from '../../shared/format/journeyFile.ts';
import { parseJourneyFile } from '../../shared/format/parse.ts';
import { serializeJourneyFile } from '../../shared/format/canonical.ts';
import { ID_PATTERN, MAX_JOURNEY_STEPS, MAX_NAME_CHARS } from '../../shared/limits.ts';

describe('docs/journey.schema.json', () => {
  it('is what the zod schemas generate now (run `npm run docs:schema` after changing them)', () => {
    const committed = readFileSync(new URL('../../docs/journey.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(journeyJsonSchemaText());
  });

  it('names the format and version and gives each node kind its config', () => {
    const schema = journeyJsonSchema() as {
      properties: Record<string, { const?: unknown; items?: { oneOf?: Array<{ properties: { kind: { const: string } } }> } }>;
      required: string[];
    };
    expect(schema.properties.format.const).toBe(JOURNEY_FORMAT);
    expect(schema.properties.version.const).toBe(JOURNEY_FORMAT_VERSION);
    expect(schema.required).toEqual(expect.arrayContaining(['nodes', 'edges', 'settings', 'layout', 'templates', 'snippets', 'segments']));
    const kinds = schema.properties.nodes.items?.oneOf?.map((n) => n.properties.kind.const);
    expect(kinds).toEqual(expect.arrayContaining(['trigger', 'wait', 'email', 'exit']));
  });

  it('carries the limits the importer applies: the step count, node ids and name lengths', () => {
    type Field = { pattern?: string; maxLength?: number };
    type Node = { properties: { id: Field; name: Field } };
    const schema = journeyJsonSchema() as { properties: { name: Field; nodes: { maxItems?: number; items: { oneOf: Node[] } } } };
    expect(schema.properties.nodes.maxItems).toBe(MAX_JOURNEY_STEPS);
    expect(schema.properties.name.maxLength).toBe(MAX_NAME_CHARS);
    for (const node of schema.properties.nodes.items.oneOf) {
      expect(node.properties.id.pattern).toBe(ID_PATTERN.source);
      expect(node.properties.name.maxLength).toBe(MAX_NAME_CHARS);
    }
  });
});

describe('docs/journey-format.md', () => {
  it('has an example that imports without a problem and is in canonical form', () => {
    const page = readFileSync(new URL('../../docs/journey-format.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
    const parsed = parseJourneyFile(example);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(parsed.notes).toEqual([]);
    expect(serializeJourneyFile(parsed.file)).toBe(example);
  });
});
