import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { sampleTrigger } from '../../electron/services/templates/sampleContact.ts';
import type { ApiError } from '../../shared/api/errors.ts';

const NOW = Date.UTC(2026, 5, 1);
let ws: ReturnType<typeof tempWorkspace>;
beforeEach(() => {
  ws = tempWorkspace(() => NOW);
  loadSample(ws.services.db, { contacts: 200, seed: 3, now: NOW });
});
afterEach(() => ws.close());

/** A cart email that lists the trigger's product, as the sample cart reminder does. */
const cartTemplate = {
  id: 't_cart_1',
  name: 'Cart reminder',
  document: {
    fromName: 'Shop',
    fromEmail: 'hello@shop.example',
    replyTo: '',
    format: 'html' as const,
    locale: 'en',
    variants: {},
    content: { subject: 'Still want the {{ trigger.name | default: "items" }}?', preheader: '', text: 'Left in your cart: {{ trigger.name }} ({{ trigger.product_id }})', body: '<p>{{ trigger.name }}</p>' },
  },
};

function latest(contactId: number, event: string): { at: number; properties: Record<string, unknown> } | undefined {
  const row = ws.services.db
    .prepare('SELECT occurred_at AS at, properties FROM events WHERE contact_id = ? AND name = ? AND occurred_at <= ? ORDER BY occurred_at DESC, id DESC LIMIT 1')
    .get(contactId, event, NOW) as { at: number; properties: string } | undefined;
  return row && { at: row.at, properties: JSON.parse(row.properties) as Record<string, unknown> };
}

const contactWith = (event: string, has: boolean) =>
  ws.services.db
    .prepare(`SELECT id FROM contacts c WHERE ${has ? '' : 'NOT'} EXISTS (SELECT 1 FROM events e WHERE e.contact_id = c.id AND e.name = ? AND e.occurred_at <= ?) ORDER BY id LIMIT 1`)
    .pluck()
    .get(event, NOW) as number;

describe("a stored contact's preview uses their own trigger event", { timeout: 60_000 }, () => {
  it("renders the contact's latest event of the journey's trigger (added_to_cart for the cart journey)", async () => {
    const id = contactWith('added_to_cart', true);
    const cart = latest(id, 'added_to_cart')!;
    const preview = await ws.client['templates.preview']({ template: cartTemplate, contactId: id });
    expect(preview.trigger).toMatchObject({ source: 'contact-event', event: 'added_to_cart', at: cart.at, journey: 'Cart abandonment' });
    expect(preview.trigger.contactEvents).toContain('added_to_cart');
    expect(preview.email?.subject).toBe(`Still want the ${String(cart.properties.name)}?`);
    expect(preview.email?.text).toBe(`Left in your cart: ${String(cart.properties.name)} (${String(cart.properties.product_id)})`);
  });

  it('uses the event the user picks instead', async () => {
    const id = contactWith('product_viewed', true);
    const viewed = latest(id, 'product_viewed')!;
    const preview = await ws.client['templates.preview']({ template: cartTemplate, contactId: id, triggerEvent: 'product_viewed' });
    expect(preview.trigger).toMatchObject({ source: 'contact-event', event: 'product_viewed', at: viewed.at, journey: null });
    expect(preview.email?.subject).toBe(`Still want the ${String(viewed.properties.name)}?`);
  });

  it('falls back to the sample cart, and says so, when the contact never had the event', async () => {
    const id = contactWith('added_to_cart', false);
    const preview = await ws.client['templates.preview']({ template: cartTemplate, contactId: id });
    expect(preview.trigger).toMatchObject({ source: 'sample', event: 'added_to_cart', at: null, journey: 'Cart abandonment' });
    expect(preview.email?.subject).toBe(`Still want the ${sampleTrigger.name}?`);
  });

  it('falls back to the sample cart for a template no journey sends, and the sample contact always gets it', async () => {
    const id = contactWith('added_to_cart', true);
    const unsent = { ...cartTemplate, id: 't_not_sent' };
    expect((await ws.client['templates.preview']({ template: unsent, contactId: id })).trigger).toMatchObject({ source: 'sample', event: null });
    const sample = await ws.client['templates.preview']({ template: cartTemplate });
    expect(sample.trigger.source).toBe('sample');
    expect(sample.email?.subject).toBe(`Still want the ${sampleTrigger.name}?`);
  });

  it('uses trigger data given in the call as it is, and refuses an unknown journey', async () => {
    const id = contactWith('added_to_cart', true);
    const given = await ws.client['templates.preview']({ template: cartTemplate, contactId: id, trigger: { name: 'Kettle' } });
    expect(given.trigger.source).toBe('given');
    expect(given.email?.subject).toBe('Still want the Kettle?');
    const error = await ws.client['templates.preview']({ template: cartTemplate, contactId: id, journeyId: 'j_nope' }).then(
      () => undefined,
      (e: ApiError) => e,
    );
    expect(error?.code).toBe('not-found');
    expect(error?.message).toContain('j_nope');
  });
});
