// Writes docs/journey.schema.json from the zod schemas (npm run docs:schema). A test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { journeyJsonSchemaText } from '../shared/format/jsonSchema.ts';

const target = new URL('../docs/journey.schema.json', import.meta.url);
writeFileSync(target, journeyJsonSchemaText());
process.stdout.write(`wrote ${target.pathname}\n`);
