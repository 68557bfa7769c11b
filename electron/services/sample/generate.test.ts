import { afterEach, describe, expect, it } from 'vitest';
import { generateSample } from './generate.ts';
import { loadSample } from './loadSample.ts';
import { sampleJourneys } from './sampleJourneys.ts';
import { validateJourney } from '../../../shared/journey/validate.ts';
import { tempWorkspace } from '../../../test/helpers/workspace.ts';
import { createHash } from 'node:crypto';

const now = Date.UTC(2026, 10, 1, 12);
const digest = (seed: number, contacts: number) =>
  createHash('sha256').update(JSON.stringify([...generateSample({ seed, contacts, now })])).digest('hex');

let workspace: ReturnType<typeof tempWorkspace> | undefined;
afterEach(() => workspace?.close());

describe('the sample workspace', () => {
  it('is the same for the same seed, and different for another', () => {
    expect(digest(7, 300)).toBe(digest(7, 300));
    expect(digest(7, 300)).not.toBe(digest(8, 300));
  });

  it('grows without changing the contacts it already had', () => {
    const small = [...generateSample({ seed: 3, contacts: 50, now })];
    const big = [...generateSample({ seed: 3, contacts: 80, now })];
    expect(big.slice(0, 50)).toEqual(small);
  });

  it('has realistic contacts and a few months of behaviour', () => {
    const sample = [...generateSample({ seed: 1, contacts: 2000, now })];
    const emails = new Set(sample.map((s) => s.contact.email));
    expect(emails.size).toBe(2000);
    const names = new Set(sample.flatMap((s) => s.events.map((e) => e.name)));
    for (const name of ['email_opened', 'email_clicked', 'page_viewed', 'product_viewed', 'added_to_cart', 'purchased', 'signed_up']) {
      expect(names).toContain(name);
    }
    const purchase = sample.flatMap((s) => s.events).find((e) => e.name === 'purchased')!;
    expect(purchase.properties).toMatchObject({ amount: expect.any(Number), items: expect.any(Array) });
    const consents = new Set(sample.map((s) => s.contact.consent));
    expect(consents).toEqual(new Set(['subscribed', 'unsubscribed', 'never-asked']));
    const oldest = Math.min(...sample.flatMap((s) => s.events.map((e) => e.occurredAt)));
    expect((now - oldest) / 86_400_000).toBeGreaterThan(90);
  });

  it('loads into the store with three valid journeys, and loading twice duplicates nothing', () => {
    workspace = tempWorkspace();
    const first = loadSample(workspace.services.db, { contacts: 200, seed: 1, now });
    const second = loadSample(workspace.services.db, { contacts: 200, seed: 1, now });
    expect(first.contacts).toBe(200);
    expect(second.events).toBe(0);
    const count = (table: string) => workspace!.services.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get();
    expect(count('contacts')).toBe(200);
    expect(count('events')).toBe(first.events);
    for (const journey of sampleJourneys()) {
      const stored = workspace.services.journeys.get(journey.id);
      const templateIds = workspace.services.templates.ids();
      expect(validateJourney(stored.document, { templateIds, segmentIds: new Set(['s_lapsed_buyers']) })).toEqual([]);
    }
  });
});
