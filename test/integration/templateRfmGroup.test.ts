import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import { starterDocument } from '../../electron/services/templates/starterTemplate.ts';
import { rfmGroups } from '../../shared/rules/rule.ts';

const NOW = Date.UTC(2026, 5, 1);
let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace(() => NOW);
  loadSample(ws.services.db, { contacts: 400, seed: 7, now: NOW });
});
afterEach(() => ws.close());

const template = { name: 'RFM', document: { ...starterDocument(), content: { subject: 'You are {{ rfm_group | default: "none" }}', preheader: '', text: '{{ contact.rfm_group }}', body: '<p>{{ rfm_group }}</p>' } } };

describe('rfm_group in a template', { timeout: 60_000 }, () => {
  it('is the group a segment rule puts the contact in, for every group, and empty for a contact who never bought', async () => {
    const segments = new SegmentEvaluator(ws.services.db);
    const seen = new Set<string>();
    const members = new Map<number, string>();
    for (const group of rfmGroups) for (const id of segments.ids({ type: 'rfm-group', group }, NOW)) members.set(id, group);
    const all = ws.services.db.prepare('SELECT id FROM contacts ORDER BY id').pluck().all() as number[];
    const nonBuyer = all.find((id) => !members.has(id));
    // every contact in a group, a handful per group so that the test stays quick
    const perGroup = new Map<string, number>();
    for (const [id, group] of members) {
      if ((perGroup.get(group) ?? 0) >= 4) continue;
      perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
      const { email } = await ws.client['templates.preview']({ template, contactId: id });
      expect(email?.text, `contact ${id}`).toBe(group);
      expect(email?.subject).toBe(`You are ${group}`);
      seen.add(group);
    }
    // the sample has buyers of every kind, so each group was checked
    expect([...seen].sort()).toEqual([...rfmGroups].sort());
    expect(nonBuyer).toBeDefined();
    const { email } = await ws.client['templates.preview']({ template, contactId: nonBuyer! });
    expect(email?.subject).toBe('You are none');
    expect(email?.text).toBe('');
  });
});
