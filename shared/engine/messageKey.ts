import type { RunKey } from './types.ts';

/**
 * The deterministic identity of one email: (journey run, node, visit). The same decision always produces
 * the same key, so a send repeated after a crash carries the same Message-ID and can be recognised.
 */
export function runId(run: RunKey): string {
  return `${run.journeyId}.${run.contactId}.${run.entry}`;
}

export function messageKey(run: RunKey, nodeId: string, visit: number): string {
  return `${runId(run)}.${nodeId}.${visit}`;
}

export const messageIdDomain = 'journey-studio.local';

/** The RFC 5322 Message-ID header value for a message key. */
export function messageIdOf(key: string): string {
  return `<${key}@${messageIdDomain}>`;
}

/** The message key inside a Message-ID as it comes back in an event ('<key@domain>', 'key@domain' or 'key'). */
export function keyFromMessageId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const bare = value.trim().replace(/^</, '').replace(/>$/, '');
  const at = bare.lastIndexOf('@');
  return at > 0 ? bare.slice(0, at) : bare;
}
