import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { generateSample } from './generate.ts';

export interface SampleFiles {
  contactsCsv: string;
  eventsJsonl: string;
  contacts: number;
  events: number;
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * The sample workspace as the files a shop would export: contacts.csv and events.jsonl, written one
 * contact at a time (a million contacts never sit in memory). For import tests, the e2e test and benchmarks.
 */
export async function writeSampleFiles(dir: string, options: { contacts: number; seed: number; now: number; eventLimit?: number }): Promise<SampleFiles> {
  const contactsCsv = join(dir, 'contacts.csv');
  const eventsJsonl = join(dir, 'events.jsonl');
  const contactsOut = createWriteStream(contactsCsv);
  const eventsOut = createWriteStream(eventsJsonl);
  const columns = ['email', 'first_name', 'last_name', 'phone', 'country', 'timezone', 'locale', 'consent', 'tags', 'signup_date', 'plan', 'birthday'];
  await write(contactsOut, `${columns.join(',')}\n`);
  let contacts = 0;
  let events = 0;
  const limit = options.eventLimit ?? Infinity;
  for (const { contact, events: contactEvents } of generateSample(options)) {
    const attributes = contact.attributes ?? {};
    const row = { ...contact, ...attributes, tags: (contact.tags ?? []).join(';') } as Record<string, unknown>;
    await write(contactsOut, `${columns.map((c) => csvCell(row[c])).join(',')}\n`);
    contacts++;
    let lines = '';
    for (const event of contactEvents) {
      if (events >= limit) break;
      lines += `${JSON.stringify({ email: contact.email, event: event.name, timestamp: new Date(event.occurredAt).toISOString(), properties: event.properties })}\n`;
      events++;
    }
    if (lines) await write(eventsOut, lines);
  }
  contactsOut.end();
  eventsOut.end();
  await Promise.all([once(contactsOut, 'finish'), once(eventsOut, 'finish')]);
  return { contactsCsv, eventsJsonl, contacts, events };
}
