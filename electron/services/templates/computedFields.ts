import type { ContactEvent } from '../../../shared/rules/contactView.ts';
import type { Product } from '../../../shared/templates/product.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';
import { engagementScore, lifecycleStage, rfmGroup } from './contactScores.ts';

/** Event names read as an order, a product interest, or engagement with email. */
export const purchaseEvents: ReadonlySet<string> = new Set(['purchased', 'order_completed', 'placed_order']);
export const productInterestEvents: ReadonlySet<string> = new Set(['added_to_cart', 'product_viewed', 'viewed_product']);
export const engagementEvents: ReadonlySet<string> = new Set(['email_opened', 'email_clicked']);

/** The fields a template may use that are computed from the contact's events, not stored. */
export const computedFieldNames = [
  'last_product',
  'last_purchase_date',
  'last_engagement_date',
  'total_spent',
  'order_count',
  'engagement_score',
  'rfm_group',
  'lifecycle_stage',
] as const;
export type ComputedFieldName = (typeof computedFieldNames)[number];

export interface ComputedFields {
  last_product: Product | null;
  /** ISO 8601 (UTC); the date filter shows it in the contact's zone. */
  last_purchase_date: string | null;
  last_engagement_date: string | null;
  total_spent: number;
  order_count: number;
  engagement_score: number;
  /** The segments' RFM group (champions, loyal, ..., lost) from the workspace's quintile cuts; null for a non-buyer. */
  rfm_group: string | null;
  lifecycle_stage: string;
}

const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The order's amount: its own total, else the sum of its items. */
function orderAmount(properties: Record<string, unknown>): number {
  for (const key of ['amount', 'total', 'value', 'revenue']) {
    const n = numberOf(properties[key]);
    if (n !== undefined) return n;
  }
  const items = properties.items;
  if (!Array.isArray(items)) return 0;
  let sum = 0;
  for (const item of items as Array<Record<string, unknown>>) sum += (numberOf(item?.price) ?? 0) * (numberOf(item?.quantity) ?? 1);
  return sum;
}

/** A product out of an event's properties or an order item, when it names one. */
export function productOf(properties: Record<string, unknown> | undefined): Product | null {
  if (!properties || typeof properties !== 'object') return null;
  const id = properties.product_id ?? properties.id ?? properties.sku;
  const name = properties.name ?? properties.product_name ?? properties.title;
  if (typeof name !== 'string' || !name) return null;
  const product: Product = { id: id === undefined || id === null ? name : String(id), name };
  if (typeof properties.category === 'string') product.category = properties.category;
  const price = numberOf(properties.price);
  if (price !== undefined) product.price = price;
  if (typeof properties.url === 'string') product.url = properties.url;
  const image = properties.image_url ?? properties.image;
  if (typeof image === 'string') product.imageUrl = image;
  return product;
}

function lastItemOf(properties: Record<string, unknown>): Product | null {
  const items = properties.items;
  if (Array.isArray(items) && items.length) return productOf(items[items.length - 1] as Record<string, unknown>);
  return productOf(properties);
}

/** The fields the purchase and engagement pass gives; the scores each cost a pass of their own. */
const passFields: ReadonlySet<ComputedFieldName> = new Set(['last_product', 'last_purchase_date', 'last_engagement_date', 'total_spent', 'order_count']);

/**
 * The computed fields a template reads (all of them when `wanted` is omitted); the others are left out, so a
 * template that never reads `engagement_score` or `rfm_group` never pays for them. last_product is the latest
 * product bought, else the latest product added to a cart or viewed. Events after `now` are ignored, so previews
 * on a virtual clock agree. `rfm_group` needs the workspace's quintile cuts: without them it is null, as a
 * segment's RFM rule is false without them.
 */
export function computeFields(events: readonly ContactEvent[], now: number, options: { wanted?: ReadonlySet<ComputedFieldName>; rfmCuts?: RfmCuts; createdAt?: number } = {}): Partial<ComputedFields> {
  const wanted = options.wanted;
  const fields: Partial<ComputedFields> = {};
  if (!wanted || readsAny(wanted, passFields)) Object.assign(fields, purchasePass(events, now));
  if (!wanted || wanted.has('engagement_score')) fields.engagement_score = engagementScore(events, now);
  if (!wanted || wanted.has('rfm_group')) fields.rfm_group = rfmGroup(events, now, options.rfmCuts);
  if (!wanted || wanted.has('lifecycle_stage')) fields.lifecycle_stage = lifecycleStage(events, now, options.createdAt);
  return fields;
}

function readsAny(wanted: ReadonlySet<ComputedFieldName>, names: ReadonlySet<ComputedFieldName>): boolean {
  for (const name of names) if (wanted.has(name)) return true;
  return false;
}

/** Orders, spend, the last product and the last engagement, in one pass over the events (oldest first). */
function purchasePass(events: readonly ContactEvent[], now: number): Pick<ComputedFields, 'last_product' | 'last_purchase_date' | 'last_engagement_date' | 'total_spent' | 'order_count'> {
  let orderCount = 0;
  let totalSpent = 0;
  let lastPurchaseAt: number | undefined;
  let lastEngagementAt: number | undefined;
  // products are read from the events at the end, newest first: building one per event would be wasted
  const bought: Array<Record<string, unknown>> = [];
  const interest: Array<Record<string, unknown>> = [];
  for (const event of events) {
    if (event.at > now) continue;
    if (purchaseEvents.has(event.name)) {
      orderCount++;
      totalSpent += orderAmount(event.properties);
      lastPurchaseAt = event.at;
      bought.push(event.properties);
    } else if (productInterestEvents.has(event.name)) {
      interest.push(event.properties);
    } else if (engagementEvents.has(event.name)) {
      lastEngagementAt = event.at;
    }
  }
  let lastBought: Product | null = null;
  for (let k = bought.length - 1; k >= 0 && !lastBought; k--) lastBought = lastItemOf(bought[k]);
  let lastInterest: Product | null = null;
  for (let k = interest.length - 1; k >= 0 && !lastBought && !lastInterest; k--) lastInterest = productOf(interest[k]);
  return {
    last_product: lastBought ?? lastInterest,
    last_purchase_date: lastPurchaseAt === undefined ? null : new Date(lastPurchaseAt).toISOString(),
    last_engagement_date: lastEngagementAt === undefined ? null : new Date(lastEngagementAt).toISOString(),
    total_spent: Math.round(totalSpent * 100) / 100,
    order_count: orderCount,
  };
}
