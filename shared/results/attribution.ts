import { z } from 'zod';

/**
 * What counts as a conversion, and how long after an email a purchase is still credited to it.
 *  - 'goal': the contact reached the journey's goal node (the engine records it);
 *  - 'purchase': the contact bought within `windowDays` after an email of the journey.
 * Revenue is always the amount of the purchases made within the window after one of the run's emails,
 * credited to the latest such email (last touch), so no purchase is counted twice within a journey.
 */
export const Attribution = z.object({
  conversion: z.enum(['goal', 'purchase']).default('goal'),
  windowDays: z.number().positive().max(365).default(7),
  purchaseEvent: z.string().min(1).default('purchased'),
  /** The purchase event's property holding its value. */
  revenueProperty: z.string().min(1).default('amount'),
});
export type Attribution = z.infer<typeof Attribution>;

export const defaultAttribution = (): Attribution => Attribution.parse({});

/** The events the results read besides purchases: opens, clicks and unsubscribes tied back to an email. */
export const engagementEventNames = {
  opened: 'email_opened',
  clicked: 'email_clicked',
  unsubscribed: ['email_unsubscribed', 'unsubscribed'],
} as const;
