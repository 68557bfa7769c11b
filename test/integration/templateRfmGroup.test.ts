import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempWorkspace } from '../helpers/workspace.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import { OutboxSender } from '../../electron/services/engine/senders/outboxSender.ts';
import { simulate } from '../../electron/services/simulation/simulationService.ts';
import { SimulationRequest } from '../../shared/simulation/input.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { SegmentEvaluator } from '../../electron/services/segments/segmentEvaluator.ts';
import { starterDocument } from '../../electron/services/templates/starterTemplate.ts';
import { rfmGroups } from '../../shared/rules/rule.ts';

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;
let clock = NOW;
let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  clock = NOW;
  ws = tempWorkspace(() => clock);
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

describe('rfm_group in a journey email', { timeout: 60_000 }, () => {
  /** The group segments put a contact in at `at`, and a buyer in the given group now. */
  const groupAt = (contactId: number, at: number) => rfmGroups.find((group) => new SegmentEvaluator(ws.services.db).ids({ type: 'rfm-group', group }, at).includes(contactId)) ?? null;
  const firstBuyer = () => {
    const ids = ws.services.db.prepare(`SELECT DISTINCT contact_id FROM events WHERE name = 'purchased' ORDER BY contact_id`).pluck().all() as number[];
    return ids.find((id) => groupAt(id, NOW) !== null)!;
  };

  beforeEach(async () => {
    const { document } = await ws.client['templates.get']({ id: 't_cart_1' });
    await ws.client['templates.update']({ id: 't_cart_1', document: { ...document, content: { ...document.content, subject: 'Group {{ rfm_group | default: "none" }}' } } });
    await ws.client['journeys.publish']({ id: 'j_cart_abandonment' });
  });

  it('is the segments\' group when the engine sends it', async () => {
    const contactId = firstBuyer();
    const { db } = ws.services;
    db.prepare(`UPDATE contacts SET consent = 'subscribed', timezone = 'UTC' WHERE id = ?`).run(contactId);
    db.prepare('DELETE FROM suppressions').run();
    clock = NOW + 12 * HOUR; // noon in UTC: outside the quiet hours
    const runner = new JourneyRunner({ db, emailRenderer: ws.services.emailRenderer, sender: new OutboxSender(join(ws.dir, 'outbox')), now: () => clock, membershipIntervalMs: 0, onError: (error) => { throw error; } });
    try {
      new ContactWriter(db, () => clock).insertEvent({ contactId, name: 'added_to_cart', occurredAt: clock, properties: { name: 'Mug', value: 12 } });
      const sent = db.prepare(`SELECT subject, sent_at AS sentAt FROM outbound_emails WHERE contact_id = ? AND status = 'sent'`);
      for (let hour = 0; hour < 6 && !sent.get(contactId); hour++) {
        await runner.runOnce();
        clock += HOUR;
      }
      const email = sent.get(contactId) as { subject: string; sentAt: number } | undefined;
      expect(email, 'the first reminder was sent').toBeDefined();
      expect(email!.subject).toBe(`Group ${groupAt(contactId, email!.sentAt)}`);
    } finally {
      await runner.close();
    }
  });

  it('is the segments\' group in the simulator\'s rendered email', async () => {
    const contactId = firstBuyer();
    const start = NOW + 12 * HOUR;
    const result = await simulate(
      ws.services,
      SimulationRequest.parse({
        journeyId: 'j_cart_abandonment',
        version: 'live',
        contact: { type: 'existing', ref: String(contactId) },
        start: new Date(start).toISOString(),
        until: '30h',
        events: [{ type: 'event', at: '+0h', name: 'added_to_cart', properties: { name: 'Mug', value: 12 } }],
      }),
    );
    const email = result.timeline.find((step) => step.nodeId === 'n_email_1')?.email;
    expect(email?.subject).toBe(`Group ${groupAt(contactId, start)}`);
  });
});
