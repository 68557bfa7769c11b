import type { ContactEvent } from '../rules/contactView.ts';
import { keyFromMessageId } from './messageKey.ts';
import type { RecentSend, SentEmail } from './types.ts';

export const engagementEvents = { opened: 'email_opened', clicked: 'email_clicked' } as const;

/**
 * The email an open or click refers to: by Message-ID when the event carries one (message_id), otherwise
 * the latest email sent to the contact, in any journey, at or before the event. Defined once here so the
 * live engine, the simulator and the timeline tie engagement back the same way.
 */
export function engagedMessageKey(event: ContactEvent, sends: readonly RecentSend[]): string | undefined {
  const byId = keyFromMessageId(event.properties.message_id ?? event.properties.messageId);
  if (byId) return byId;
  let latest: RecentSend | undefined;
  for (const send of sends) if (send.at <= event.at && (!latest || send.at >= latest.at)) latest = send;
  return latest?.messageKey;
}

/** Per email step of this run: when its email was first opened and clicked (what email-engagement rules read). */
export function emailEngagement(
  emails: readonly SentEmail[],
  events: readonly ContactEvent[],
  allSends: readonly RecentSend[],
  now: number,
): Map<string, { openedAt?: number; clickedAt?: number }> {
  const byKey = new Map(emails.map((e) => [e.messageKey, e]));
  const sends: RecentSend[] = [...allSends];
  for (const e of emails) if (!allSends.some((s) => s.messageKey === e.messageKey)) sends.push({ at: e.sentAt, messageKey: e.messageKey });
  const result = new Map<string, { openedAt?: number; clickedAt?: number }>();
  for (const event of events) {
    if (event.at > now) continue;
    const field = event.name === engagementEvents.opened ? 'openedAt' : event.name === engagementEvents.clicked ? 'clickedAt' : null;
    if (!field) continue;
    const email = byKey.get(engagedMessageKey(event, sends) ?? '');
    if (!email) continue;
    const entry = result.get(email.nodeId) ?? {};
    if (entry[field] === undefined || event.at < entry[field]) entry[field] = event.at;
    result.set(email.nodeId, entry);
  }
  return result;
}
