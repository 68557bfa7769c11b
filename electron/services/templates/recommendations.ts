import type { Db } from '../../store/database.ts';
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
 * Recommendations over the store's events. The index is rebuilt when new events have arrived, checked at most
 * every few seconds, so a send loop does not query for each email.
 */
export class StoreRecommender {
  private readonly db: Db;
  private index: ProductIndex | undefined;
  private builtAtEventId = -1;
  private checkedAt = 0;

  constructor(db: Db) {
    this.db = db;
  }

  private current(): ProductIndex {
    const now = Date.now();
    if (this.index && now - this.checkedAt < 5_000) return this.index;
    this.checkedAt = now;
    const lastId = (this.db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number) ?? 0;
    if (this.index && lastId === this.builtAtEventId) return this.index;
    const names = [...purchaseEvents, ...productInterestEvents];
    const rows = this.db
      .prepare(`SELECT contact_id, name, properties FROM events WHERE name IN (${names.map(() => '?').join(',')}) ORDER BY contact_id, occurred_at`)
      .iterate(...names) as Iterable<{ contact_id: number; name: string; properties: string }>;
    const index = new ProductIndex();
    let contactId = -1;
    let batch: Array<{ name: string; properties: Record<string, unknown> }> = [];
    for (const row of rows) {
      if (row.contact_id !== contactId) {
        if (batch.length) index.addContact(batch);
        batch = [];
        contactId = row.contact_id;
      }
      try {
        batch.push({ name: row.name, properties: JSON.parse(row.properties) as Record<string, unknown> });
      } catch {
        // an unreadable event says nothing about products
      }
    }
    if (batch.length) index.addContact(batch);
    this.index = index;
    this.builtAtEventId = lastId;
    return index;
  }

  recommend(contact: ContactView, limit: number): Product[] {
    return this.current().recommend(contact, limit);
  }
}
