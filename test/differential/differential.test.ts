import { describe, expect, it } from 'vitest';
import { nodeKinds } from '../../shared/journey/nodes.ts';
import { configSchemas } from '../../shared/journey/nodes.ts';
import { generateCase } from './gen/case.ts';
import { runCases } from './harness.ts';
import { summaryReport } from './report.ts';

/**
 * The differential test: seeded random journeys, contacts and events through the one-contact simulator, the
 * audience forecast and the live runner, which must do exactly the same thing (docs/simulation.md). The long run
 * is `npm run test:differential -- --cases 100000 --seed N`; any case runs alone by its seed.
 */
const CASES = 2000;
const FIRST_SEED = 1;

describe('the differential test', () => {
  it('generates the same valid case from the same seed, with every node kind, trigger type and wait', () => {
    expect(generateCase(42)).toEqual(generateCase(42));
    const kinds = new Set<string>();
    const triggers = new Set<string>();
    const waits = new Set<string>();
    for (let seed = FIRST_SEED; seed < FIRST_SEED + 300; seed++) {
      for (const node of generateCase(seed).journey.nodes) {
        kinds.add(node.kind);
        if (node.kind === 'trigger') triggers.add(configSchemas.trigger.parse(node.config).trigger.type);
        if (node.kind === 'wait') waits.add(configSchemas.wait.parse(node.config).wait.type);
      }
    }
    expect([...kinds].sort()).toEqual([...nodeKinds].sort());
    expect([...triggers].sort()).toEqual(['contact-created', 'date-attribute', 'event', 'segment-entered', 'tag-added']);
    expect([...waits].sort()).toEqual(['duration', 'relative-to-attribute', 'time-of-day', 'until-datetime', 'usual-hour']);
  });

  // On a disagreement it fails listing each class with its count and smallest seed, whose case report is printed.
  it(`finds the simulator, the forecast and the live engine agreeing on ${CASES} seeded cases`, { timeout: 900_000 }, async () => {
    const summary = await runCases({ seed: FIRST_SEED, cases: CASES });
    console.log(summaryReport(summary));
    for (const k of summary.classes) console.log(`\n${k.report}`);
    expect(summary.classes.map((k) => `${k.kind} (${k.count} case(s), smallest: seed ${k.seed})`)).toEqual([]);
  });
});
