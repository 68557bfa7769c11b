import type { Db } from '../../store/database.ts';
import { readableJsonSql } from '../../store/readableJson.ts';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Product } from '../../../shared/templates/product.ts';
import { productInterestEvents, productOf, purchaseEvents } from './computedFields.ts';

/** How much one signal says about a contact's interest in a product. */
const weightOf = (eventName: string) => (purchaseEvents.has(eventName) ? 3 : eventName === 'added_to_cart' ? 2 : 1);

function productsOfEvent(name: string, properties: Record<string, unknown>): Product[] {
  if (purchaseEvents.has(name) && Array.isArray(properties.items)) {
    return (properties.items as Array<Record<string, unknown>>).map(productOf).filter((p): p is Product => p !== null);
  }
  const product = productOf(properties);
  return product ? [product] : [];
}

/**
 * An index of what contacts bought, carted and viewed, built from the imported events: products that go together
 * (bought together, or looked at by the same people), and how popular each is.
 */
export class ProductIndex {
  readonly products = new Map<string, Product>();
  /** Product id -> product id -> how strongly they go together. */
  private readonly together = new Map<string, Map<string, number>>();
  private readonly popularity = new Map<string, number>();
  private popularOrder: string[] = [];

  /** Adds one contact's history: every pair of products they touched counts as going together. */
  addContact(events: ReadonlyArray<{ name: string; properties: Record<string, unknown> }>) {
    const touched = new Map<string, number>();
    for (const event of events) {
      if (!purchaseEvents.has(event.name) && !productInterestEvents.has(event.name)) continue;
      for (const product of productsOfEvent(event.name, event.properties)) {
        this.products.set(product.id, { ...this.products.get(product.id), ...product });
        const weight = weightOf(event.name);
        touched.set(product.id, Math.max(touched.get(product.id) ?? 0, weight));
        this.popularity.set(product.id, (this.popularity.get(product.id) ?? 0) + weight);
      }
    }
    const ids = [...touched.keys()];
    for (const a of ids) {
      let row = this.together.get(a);
      if (!row) this.together.set(a, (row = new Map()));
      for (const b of ids) if (a !== b) row.set(b, (row.get(b) ?? 0) + touched.get(a)! * touched.get(b)!);
    }
    this.popularOrder = [];
  }

  /**
   * Up to `limit` products for a contact: those that go with what they bought, carted and viewed, best first; then
   * the most popular ones. Never what they already bought. Ties break by id, so previews are stable.
   */
  recommend(contact: ContactView, limit: number): Product[] {
    const bought = new Set<string>();
    const interest = new Map<string, number>();
    for (const event of contact.events) {
      for (const product of productsOfEvent(event.name, event.properties)) {
        if (purchaseEvents.has(event.name)) bought.add(product.id);
        interest.set(product.id, (interest.get(product.id) ?? 0) + weightOf(event.name));
      }
    }
    const scores = new Map<string, number>();
    for (const [id, weight] of interest) {
      for (const [other, strength] of this.together.get(id) ?? []) {
        if (bought.has(other) || interest.has(other)) continue;
        scores.set(other, (scores.get(other) ?? 0) + weight * strength);
      }
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
    if (ranked.length < limit) {
      if (!this.popularOrder.length) this.popularOrder = [...this.popularity].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
      for (const id of this.popularOrder) {
        if (ranked.length >= limit) break;
        if (!bought.has(id) && !ranked.includes(id)) ranked.push(id);
      }
    }
    return ranked.slice(0, limit).map((id) => this.products.get(id)!);
  }
}

/**
 * Recommendations over the store's events. They reflect the store's events at render time: sync(), called once per
 * batch of renders (EmailRenderer.prepare), notes the newest event, and renders from then on recommend from the
 * events up to it. So a batch sent right after new events knows them, and no render queries the store to find out.
 * sync() is one primary-key lookup; the index is rebuilt (a pass over every product event) only when product
 * events came or went since it was built, and only when a render reads `recommendations`.
 */
export class StoreRecommender {
  private readonly lastEventId;
  private readonly productEventBetween;
  private readonly productEvents;
  private index: ProductIndex | undefined;
  /** The index holds the events with ids up to this. */
  private builtThrough = -1;
  /** The events the next recommendations are to reflect: those with ids up to this (sync()). */
  private wantedThrough: number | undefined;

  constructor(db: Db) {
    const names = [...purchaseEvents, ...productInterestEvents];
    const namesIn = `name IN (${names.map(() => '?').join(',')})`;
    this.lastEventId = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck();
    // a range of the primary key: the events that arrived since the index was built, no more
    const productEventBetween = db.prepare(`SELECT 1 FROM events WHERE id > ? AND id <= ? AND ${namesIn} LIMIT 1`).pluck();
    this.productEventBetween = (after: number, through: number) => productEventBetween.get(after, through, ...names) !== undefined;
    // `+id`: the id bound must not steer the plan to a rowid range and a sort of every product event; walking the
    // (contact, key) index sorts only each contact's own events
    const productEvents = db.prepare(`SELECT contact_id, name, ${readableJsonSql('properties')} AS properties FROM events WHERE +id <= ? AND ${namesIn} ORDER BY contact_id, occurred_at, id`);
    this.productEvents = (through: number) => productEvents.iterate(through, ...names) as Iterable<{ contact_id: number; name: string; properties: string }>;
  }

  /** From now on, recommend from the events the store has now. */
  sync(): void {
    this.wantedThrough = this.lastEventId.get() as number;
  }

  private current(): ProductIndex {
    const wanted = (this.wantedThrough ??= this.lastEventId.get() as number);
    if (this.index && wanted === this.builtThrough) return this.index;
    // New events take ids above the top; a higher top matters only when a product event is among them. A lower top
    // means events were removed (a contact erased). A removal below the top goes unseen until the next change.
    if (this.index && wanted > this.builtThrough && !this.productEventBetween(this.builtThrough, wanted)) {
      this.builtThrough = wanted;
      return this.index;
    }
    const index = new ProductIndex();
    let contactId = -1;
    let batch: Array<{ name: string; properties: Record<string, unknown> }> = [];
    for (const row of this.productEvents(wanted)) {
      if (row.contact_id !== contactId) {
        if (batch.length) index.addContact(batch);
        batch = [];
        contactId = row.contact_id;
      }
      batch.push({ name: row.name, properties: JSON.parse(row.properties) as Record<string, unknown> });
    }
    if (batch.length) index.addContact(batch);
    this.index = index;
    this.builtThrough = wanted;
    return index;
  }

  recommend(contact: ContactView, limit: number): Product[] {
    return this.current().recommend(contact, limit);
  }
}
