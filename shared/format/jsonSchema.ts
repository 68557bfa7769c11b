import { z } from 'zod';
import { JourneyNode } from '../journey/nodes.ts';
import { Rule } from '../rules/rule.ts';
import { JourneyFile } from './journeyFile.ts';
import { MAX_JOURNEY_STEPS } from '../limits.ts';

/**
 * The journey file as a JSON Schema (draft 2020-12), generated from the same zod schemas the importer uses,
 * for editors and other tools. One difference: where the app keeps a node's config loose (a draft may be
 * half-made, and the importer checks each config against its kind), the published schema gives every node
 * kind its full config, so that an editor can complete and check it.
 */
export const JOURNEY_SCHEMA_ID = 'https://journey-studio.local/schemas/journey.schema.json';

export function journeyJsonSchema(): Record<string, unknown> {
  const documented = JourneyFile.extend({ nodes: z.array(JourneyNode).max(MAX_JOURNEY_STEPS) }).meta({
    title: 'Journey Studio journey file',
    description: 'One journey with its logic, its canvas layout and the templates, snippets and segments it refers to. See docs/journey-format.md.',
  });
  // Named definitions for the recursive rule, instead of a generated name.
  const names = z.registry<{ id: string }>();
  names.add(Rule, { id: 'Rule' });
  const schema = z.toJSONSchema(documented, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', metadata: names }) as Record<string, unknown>;
  return { $id: JOURNEY_SCHEMA_ID, ...schema };
}

/** As committed in docs/: pretty-printed with a final newline. */
export const journeyJsonSchemaText = () => `${JSON.stringify(journeyJsonSchema(), null, 2)}\n`;
