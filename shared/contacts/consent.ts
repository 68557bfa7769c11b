import { z } from 'zod';

/** Whether a contact agreed to email: the three states the issue names. Only 'subscribed' is ever sent to. */
export const Consent = z.enum(['subscribed', 'unsubscribed', 'never-asked']);
export type Consent = z.infer<typeof Consent>;
