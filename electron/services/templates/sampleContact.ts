import type { ContactView } from '../../../shared/rules/contactView.ts';

const DAY = 86_400_000;

/**
 * A made-up contact for previews before any contacts are imported: a name, a locale, a VIP tag, an order and a
 * browsing history, so most tokens and blocks show something. Its cart is the preview's sample trigger.
 */
export function sampleContact(now: number, locale = 'en'): ContactView {
  return {
    id: 'sample',
    email: 'alex.sample@example.com',
    attributes: {
      first_name: 'Alex',
      last_name: 'Sample',
      phone: null,
      country: 'GB',
      timezone: 'Europe/London',
      locale,
      consent: 'subscribed',
      created_at: now - 200 * DAY,
      plan: 'pro',
    },
    tags: new Set(['newsletter', 'vip']),
    events: [
      { name: 'signed_up', at: now - 200 * DAY, properties: { source: 'organic' } },
      { name: 'purchased', at: now - 45 * DAY, properties: { order_id: 'o-sample-1', amount: 129, currency: 'USD', items: [{ product_id: 'p-100', name: 'Trail running shoes', category: 'running', price: 129, quantity: 1 }] } },
      { name: 'email_opened', at: now - 5 * DAY, properties: { campaign: 'newsletter' } },
      { name: 'product_viewed', at: now - 2 * DAY, properties: { product_id: 'p-200', name: 'Yoga mat', category: 'yoga', price: 49 } },
      { name: 'added_to_cart', at: now - DAY, properties: { product_id: 'p-200', name: 'Yoga mat', category: 'yoga', price: 49, quantity: 1, value: 49 } },
    ],
  };
}

export const sampleTrigger = {
  name: 'Yoga mat',
  product_id: 'p-200',
  price: 49,
  quantity: 1,
  value: 49,
  items: [{ product_id: 'p-200', name: 'Yoga mat', category: 'yoga', price: 49, quantity: 1 }],
};
