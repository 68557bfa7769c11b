import { seededRandom, type Random } from '../../../shared/util/random.ts';
import type { ContactInput } from '../contacts/contactWriter.ts';
import { countries, domains, firstNames, interestTags, lastNames, pages, plans, productActions, products } from './catalog.ts';

export interface SampleEvent {
  name: string;
  occurredAt: number;
  properties: Record<string, unknown>;
}

export interface SampleContact {
  contact: ContactInput & { email: string };
  events: SampleEvent[];
}

export interface SampleOptions {
  seed: number;
  contacts: number;
  /** The end of the sample's history; events fall in the 120 days before it. */
  now: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const HISTORY_DAYS = 120;

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

/** A time on a day, in the contact's waking hours (roughly), as epoch ms. */
function during(random: Random, dayStart: number): number {
  return dayStart + random.int(7, 22) * HOUR + random.int(0, 59) * 60_000 + random.int(0, 59) * 1000;
}

/**
 * The sample workspace, one contact at a time, so that a million contacts stream into the store without
 * being held in memory. Everything comes from the seed and `now`: the same inputs give the same data.
 */
export function* generateSample(options: SampleOptions): Generator<SampleContact> {
  const random = seededRandom(options.seed);
  const historyStart = options.now - HISTORY_DAYS * DAY;
  for (let index = 0; index < options.contacts; index++) {
    yield generateContact(random, index, historyStart, options.now);
  }
}

function generateContact(random: Random, index: number, historyStart: number, now: number): SampleContact {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  const place = weighted(random, countries);
  const { plan } = weighted(random, plans);
  // Half signed up before the history window, half during it.
  const signupAt = random.chance(0.5)
    ? historyStart - random.int(1, 700) * DAY
    : historyStart + random.int(0, HISTORY_DAYS - 1) * DAY;
  const engagement = random.next() ** 1.6; // most contacts are quiet; a few are very active
  const tags: string[] = interestTags.filter(() => random.chance(0.18));
  if (engagement > 0.8 && random.chance(0.6)) tags.push('vip');
  if (plan === 'trial') tags.push('trial');
  const consentRoll = random.next();
  const consent = consentRoll < 0.8 ? 'subscribed' : consentRoll < 0.9 ? 'unsubscribed' : 'never-asked';
  const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

  const contact: SampleContact['contact'] = {
    email: `${ascii(first)}.${ascii(last)}.${index + 1}@${random.pick(domains)}`,
    first_name: first,
    last_name: last,
    phone: random.chance(0.4) ? `+1555${String(random.int(0, 9_999_999)).padStart(7, '0')}` : null,
    country: place.code,
    timezone: random.chance(0.92) ? place.timezone : null, // some contacts' zone is unknown
    locale: place.locale,
    consent,
    attributes: {
      signup_date: new Date(signupAt).toISOString().slice(0, 10),
      plan,
      ...(random.chance(0.7) ? { birthday: `19${random.int(60, 99)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` } : {}),
    },
    tags,
  };
  const events = generateEvents(random, engagement, Math.max(signupAt, historyStart), signupAt, now, consent);
  // The product tags what a user did (as the SendX article's API calls do); trial emails read these tags.
  for (const action of productActions) if (events.some((e) => e.name === action)) tags.push(action);
  return { contact, events };
}

function generateEvents(
  random: Random,
  engagement: number,
  from: number,
  signupAt: number,
  now: number,
  consent: string,
): SampleEvent[] {
  const events: SampleEvent[] = [];
  if (signupAt >= from) events.push({ name: 'signed_up', occurredAt: signupAt + 10 * HOUR, properties: { source: random.pick(['organic', 'ads', 'referral']) } });
  const favourite = random.pick(products).category;
  const days = Math.floor((now - from) / DAY);
  for (let day = 0; day < days; day++) {
    const dayStart = from + day * DAY;
    // Weekly newsletter on Tuesdays (roughly): opens and clicks follow engagement.
    if (day % 7 === 2 && consent === 'subscribed' && random.chance(0.15 + engagement * 0.7)) {
      const opened = during(random, dayStart);
      events.push({ name: 'email_opened', occurredAt: opened, properties: { campaign: `newsletter-${Math.floor(day / 7)}` } });
      if (random.chance(0.1 + engagement * 0.5)) {
        events.push({ name: 'email_clicked', occurredAt: opened + random.int(1, 30) * 60_000, properties: { campaign: `newsletter-${Math.floor(day / 7)}`, url: 'https://shop.example/new' } });
      }
    }
    if (!random.chance(0.03 + engagement * 0.25)) continue;
    // A visit: pages, products, maybe a cart, maybe a purchase.
    let at = during(random, dayStart);
    events.push({ name: 'page_viewed', occurredAt: at, properties: { path: random.pick(pages) } });
    if (random.chance(0.3) && signupAt <= at) {
      events.push({ name: random.pick(productActions), occurredAt: at + 60_000, properties: {} });
    }
    const viewed = random.chance(0.7) ? products.filter((p) => p.category === favourite) : products;
    const product = random.pick(viewed);
    at += random.int(1, 10) * 60_000;
    events.push({ name: 'product_viewed', occurredAt: at, properties: { product_id: product.id, name: product.name, category: product.category, price: product.price } });
    if (!random.chance(0.25 + engagement * 0.2)) continue;
    const quantity = random.int(1, 2);
    at += random.int(1, 5) * 60_000;
    events.push({ name: 'added_to_cart', occurredAt: at, properties: { product_id: product.id, name: product.name, category: product.category, price: product.price, quantity, value: product.price * quantity } });
    if (!random.chance(0.35 + engagement * 0.3)) continue;
    const items = [{ product_id: product.id, name: product.name, category: product.category, price: product.price, quantity }];
    if (random.chance(0.3)) {
      const extra = random.pick(products);
      if (extra.id !== product.id) items.push({ product_id: extra.id, name: extra.name, category: extra.category, price: extra.price, quantity: 1 });
    }
    const amount = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
    at += random.int(2, 90) * 60_000;
    events.push({ name: 'purchased', occurredAt: at, properties: { order_id: `o-${at.toString(36)}-${random.int(0, 1e6)}`, amount, currency: 'USD', items } });
  }
  return events.filter((e) => e.occurredAt <= now);
}
