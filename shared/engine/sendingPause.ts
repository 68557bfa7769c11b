import { z } from 'zod';

/** One email the receiving side refused for a reason that is not the recipient's (policy, or our own setup). */
export const SendingRefusal = z.object({
  at: z.number(),
  to: z.string(),
  kind: z.enum(['policy', 'our-fault']),
  /** The server's reply as it came, e.g. '550 5.7.1 Service unavailable, Client host [x] blocked using Spamhaus'. */
  reply: z.string(),
});
export type SendingRefusal = z.infer<typeof SendingRefusal>;

/** Why the workspace's sending is paused, since when, and the refusals that paused it. */
export const SendingPauseState = z.object({
  since: z.number(),
  reason: z.string(),
  refusals: z.array(SendingRefusal),
});
export type SendingPauseState = z.infer<typeof SendingPauseState>;
