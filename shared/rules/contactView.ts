import type { EventProperties } from './propertyFilter.ts';

/** One event of a contact, as the in-memory evaluator and the interpreter see it. */
export interface ContactEvent {
  name: string;
  /** Epoch milliseconds. */
  at: number;
  properties: EventProperties;
}

/**
 * Everything the in-memory rule evaluator may read about one contact. The live engine builds it from the
 * store, the simulator from made-up data; the evaluator never knows which.
 */
export interface ContactView {
  id: number | string;
  email: string;
  /** Built-in fields (first_name, country, timezone, locale, consent...) and custom attributes, by name. */
  attributes: Record<string, unknown>;
  tags: ReadonlySet<string>;
  /** Oldest first. */
  events: readonly ContactEvent[];
  /**
   * When the store first had the contact (epoch ms): their first sign of life with us when they have no events
   * yet (lifecycle 'new'). Absent for made-up contacts, whose events alone count.
   */
  createdAt?: number;
  /** Ids of the segments the contact belongs to, when the caller knows them. */
  segments?: ReadonlySet<string>;
}

/** What a rule may refer to inside a journey: when this visit began, and what happened to its emails. */
export interface JourneyScope {
  enteredAt: number;
  /** Per email step id: when its email was opened or clicked (undefined: not yet). */
  emailEngagement: ReadonlyMap<string, { openedAt?: number; clickedAt?: number }>;
}
