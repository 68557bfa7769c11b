import { DateTime } from 'luxon';
import type { Consent } from '../../../shared/contacts/consent.ts';
import type { CaseContact } from '../case.ts';
import { DAY } from '../case.ts';
import type { Dice } from './random.ts';

/**
 * A contact with the fields, attributes and tags the journeys' rules and templates read: a time zone (or none),
 * a locale (or none), a consent, custom attributes of every type (text, number, boolean, dates) and a few tags.
 */

export const zones = ['Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'UTC'] as const;
export const locales = ['en', 'en-GB', 'fr', 'fr-CA', 'de-CH', 'ja'] as const;
export const tagPool = ['vip', 'trial', 'newsletter', 'churn-risk', 'beta', 'wholesale'] as const;
export const countries = ['US', 'GB', 'FR', 'DE', 'JP', 'BR'] as const;
export const plans = ['free', 'pro', 'team'] as const;
export const sources = ['ads', 'organic', 'referral'] as const;
export const firstNames = ['Ada', 'Björn', 'Chloé', 'Dmitri', 'Emeka', 'Fatima'] as const;

/** Custom attributes by the type their values have, for rules that test them. */
export const customAttributes = {
  text: ['plan', 'signup_source', 'score_text'],
  number: ['lifetime_value'],
  boolean: ['vip_flag'],
  date: ['renewal_date', 'birthday'],
} as const;

/** A date (YYYY-MM-DD) this many days from `at`, in UTC. */
export const isoDay = (at: number, days: number) => DateTime.fromMillis(at + days * DAY, { zone: 'UTC' }).toISODate()!;

export function generateContact(dice: Dice, seed: number, start: number): CaseContact {
  const attributes: Record<string, unknown> = {};
  if (dice.chance(0.7)) attributes.plan = dice.pick(plans);
  if (dice.chance(0.6)) attributes.lifetime_value = dice.chance(0.8) ? dice.int(0, 2000) : dice.int(0, 20000) / 100;
  if (dice.chance(0.4)) attributes.signup_source = dice.pick(sources);
  if (dice.chance(0.3)) attributes.vip_flag = dice.chance(0.5);
  if (dice.chance(0.2)) attributes.score_text = String(dice.int(0, 100));
  if (dice.chance(0.5)) attributes.renewal_date = isoDay(start, dice.int(-40, 60));
  if (dice.chance(0.3)) attributes.birthday = `${dice.int(1960, 2004)}-${String(dice.int(1, 12)).padStart(2, '0')}-${String(dice.int(1, 28)).padStart(2, '0')}`;
  if (dice.chance(0.3)) attributes.currency = dice.pick(['EUR', 'GBP', 'JPY']);
  const consent = dice.weighted<Consent>({ subscribed: 75, 'never-asked': 12, unsubscribed: 13 });
  return {
    email: `contact.${seed}@example.com`,
    first_name: dice.chance(0.85) ? dice.pick(firstNames) : null,
    last_name: dice.chance(0.5) ? dice.pick(['Lovelace', 'Okafor', 'Durand', 'Tanaka']) : null,
    country: dice.chance(0.7) ? dice.pick(countries) : null,
    timezone: dice.chance(0.8) ? dice.pick(zones) : null,
    locale: dice.chance(0.7) ? dice.pick(locales) : null,
    consent,
    attributes,
    tags: dice.some(tagPool, 0, 3),
    createdAt: start - dice.int(1, 400 * 24) * 3_600_000,
    suppressed: dice.chance(0.05),
  };
}
