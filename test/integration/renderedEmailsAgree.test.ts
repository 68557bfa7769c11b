import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempWorkspace } from '../helpers/workspace.ts';
import { ContactWriter } from '../../electron/services/contacts/contactWriter.ts';
import { JourneyBuilder } from '../../electron/services/sample/journeyBuilder.ts';
import { createRunner } from '../../electron/services/engine/createRunner.ts';
import type { EmailSender, OutgoingEmail } from '../../electron/services/engine/senders/emailSender.ts';
import { UnsubscribeLinks } from '../../electron/services/engine/unsubscribe.ts';
import { readSendingSettings } from '../../electron/services/engine/sendingSettings.ts';
import { simulate } from '../../electron/services/simulation/simulationService.ts';
import { SimulationRequest } from '../../shared/simulation/input.ts';
import type { TemplateDocument } from '../../shared/templates/template.ts';

/**
 * "What you test is what runs": the editor's preview, the simulator, `journey-studio template render` and the live
 * engine render one email for one contact at one moment, and they must be the same email, recommendations and RFM
 * group included. Only the unsubscribe link differs: the others put a placeholder where the contact's own link goes.
 */
const T = Date.UTC(2026, 5, 1, 10); // 10:00 UTC, outside any quiet hours
const DAY = 86_400_000;

const document: TemplateDocument = {
  fromName: 'Shop',
  fromEmail: 'shop@example.com',
  replyTo: '',
  format: 'html',
  locale: 'en',
  content: {
    subject: 'Still thinking about {{ trigger.name }}, {{ first_name | default: "friend" }}?',
    preheader: 'Picked for you: {% for p in recommendations %}{{ p.name }}{% unless forloop.last %}, {% endunless %}{% endfor %}',
    body: [
      '<p>Hi {{ first_name }}, you spent {{ total_spent | money }} and are {{ rfm_group | default: "new here" }}.</p>',
      '<ul>{% for p in recommendations %}<li>{{ p.name }}</li>{% endfor %}</ul>',
      '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>',
    ].join('\n'),
    text: '',
  },
  variants: {},
};

let clock = T;
let ws: ReturnType<typeof tempWorkspace>;
let writer: ContactWriter;
let sam: number;
beforeEach(() => {
  clock = T;
  ws = tempWorkspace(() => clock);
  writer = new ContactWriter(ws.services.db, () => clock);
  const bought = (email: string, at: number, ...items: Array<[id: string, name: string, price: number]>) => {
    const { id } = writer.upsertContact({ email, consent: 'subscribed', timezone: 'UTC' });
    writer.insertEvent({ contactId: id, name: 'purchased', occurredAt: at, properties: { items: items.map(([product_id, name, price]) => ({ product_id, name, price })) } });
    return id;
  };
  // who bought what with the trail shoes, and what sells on its own
  bought('ana@example.com', T - 20 * DAY, ['p_shoes', 'Trail shoes', 90], ['p_socks', 'Wool socks', 12]);
  bought('bo@example.com', T - 15 * DAY, ['p_shoes', 'Trail shoes', 90], ['p_laces', 'Spare laces', 4]);
  bought('cy@example.com', T - 12 * DAY, ['p_socks', 'Wool socks', 12], ['p_bottle', 'Water bottle', 15]);
  bought('di@example.com', T - 9 * DAY, ['p_tent', 'Tent', 240]);
  bought('ed@example.com', T - 8 * DAY, ['p_tent', 'Tent', 240]);
  // Sam bought a mug a while ago (so is in an RFM group) and viewed the shoes this morning: the journey's trigger
  sam = bought('sam@example.com', T - 30 * DAY, ['p_mug', 'Mug', 14]);
  writer.upsertContact({ email: 'sam@example.com', first_name: 'Sam' });
  ws.services.templates.create('Shoes reminder', document, 't_recs');
  const journey = new JourneyBuilder()
    .add('n_trigger', 'trigger', 'Viewed a product', { trigger: { type: 'event', event: { name: 'product_viewed', filters: [] } } })
    .add('n_email', 'email', 'Reminder', { templateId: 't_recs', sendWindow: null })
    .add('n_exit', 'exit', 'Done', {})
    .chain('n_trigger', 'n_email', 'n_exit')
    .build();
  ws.services.journeys.create('Viewed, not bought', journey, 'j_viewed');
});
afterEach(() => ws.close());

/** The email with its one unsubscribe link (taken from the body's link) replaced by a marker. */
function withoutUnsubscribeLink(email: { subject: string; html: string | null; text: string | null }) {
  const link = /<a href="([^"]+)">Unsubscribe<\/a>/.exec(email.html ?? '')?.[1];
  expect(link, 'the body has its unsubscribe link').toBeDefined();
  const unescaped = link!.replaceAll('&amp;', '&');
  const strip = (s: string | null) => (s ?? '').replaceAll(link!, '{unsubscribe}').replaceAll(unescaped, '{unsubscribe}');
  return { link: unescaped, subject: email.subject, html: strip(email.html), text: strip(email.text) };
}

describe('the preview, the simulator, the CLI and the live engine render the same email', { timeout: 60_000 }, () => {
  it('recommendations, computed fields and trigger data alike; only the unsubscribe link differs', async () => {
    await ws.client['journeys.publish']({ id: 'j_viewed' });
    writer.insertEvent({ contactId: sam, name: 'product_viewed', occurredAt: T, properties: { product_id: 'p_shoes', name: 'Trail shoes' } });

    // (a) the editor's preview of the saved template, for Sam, with the journey's trigger event, at T
    const stored = ws.services.templates.get('t_recs');
    const preview = await ws.client['templates.preview']({ template: { id: stored.id, name: stored.name, document: stored.document }, contactId: sam, journeyId: 'j_viewed', now: T });
    expect(preview.error).toBeNull();
    expect(preview.trigger.source).toBe('contact-event');

    // (c) the simulator, from the same stored event
    const simulation = await simulate(
      ws.services,
      SimulationRequest.parse({ journeyId: 'j_viewed', version: 'live', contact: { type: 'existing', ref: String(sam) }, start: new Date(T).toISOString(), until: '1h', events: [] }),
    );
    const simulated = simulation.timeline.find((step) => step.nodeId === 'n_email')?.email;
    expect(simulated?.rendered, simulated?.note ?? 'no email in the timeline').toBe(true);

    // (d) the CLI, in its own process on the same workspace file, given the trigger event's properties
    const triggerFile = join(ws.dir, 'trigger.json');
    writeFileSync(triggerFile, JSON.stringify({ product_id: 'p_shoes', name: 'Trail shoes' }));
    const bin = join(import.meta.dirname, '../../bin/journey-studio.js');
    const cli = spawnSync(process.execPath, [bin, '--db', ws.databasePath, 'template', 'render', 't_recs', '--contact', 'sam@example.com', '--trigger', triggerFile, '--now', new Date(T).toISOString(), '--json'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);

    // (b) what the live engine actually hands the sender
    const sent: OutgoingEmail[] = [];
    const recorder: EmailSender = {
      kind: 'outbox',
      sendBatch: async (emails, settled) => {
        for (const email of emails) settled((sent.push(email), email), {});
      },
      close: async () => {},
    };
    const runner = createRunner(ws.services, { sender: recorder, membershipIntervalMs: 0, onError: (error) => { throw error; } });
    await runner.runOnce();
    await runner.close();
    expect(sent).toHaveLength(1);

    const engine = withoutUnsubscribeLink(sent[0]);
    const previewed = withoutUnsubscribeLink(preview.email!);
    const simulatedEmail = withoutUnsubscribeLink(simulated!);
    const { subject, html, text } = JSON.parse(cli.stdout) as { subject: string; html: string; text: string };
    const rendered = withoutUnsubscribeLink({ subject, html, text });
    // what went with the shoes Sam viewed (a tie, in id order), then the best sellers Sam has not bought
    const recommended = ['Spare laces', 'Wool socks', 'Trail shoes', 'Tent'];
    for (const email of [previewed, simulatedEmail, rendered, engine]) {
      expect(email.subject).toBe('Still thinking about Trail shoes, Sam?');
      expect(email.html).toContain(`<ul>${recommended.map((name) => `<li>${name}</li>`).join('')}</ul>`);
      expect(email.html).toContain(`Picked for you: ${recommended.join(', ')}`);
    }
    expect(engine.html).toMatch(/you spent \$14\.00 and are (?!new here)[a-z-]+\./);
    expect(previewed).toEqual({ ...engine, link: previewed.link });
    expect(simulatedEmail).toEqual({ ...engine, link: simulatedEmail.link });
    expect(rendered).toEqual({ ...engine, link: rendered.link });
    // the engine's link is Sam's own; the others are placeholders that unsubscribe nobody
    expect(engine.link).toBe(new UnsubscribeLinks(ws.services.db).forContact(readSendingSettings(ws.services.db), sam).url);
    expect(previewed.link).not.toBe(engine.link);
    expect(simulatedEmail.link).not.toBe(engine.link);
    expect(rendered.link).not.toBe(engine.link);
  });
});

describe('recommendations', { timeout: 30_000 }, () => {
  it('reflect the events in the store when the render starts, not a few seconds later', async () => {
    const template = { id: 't_recs', name: 'Shoes reminder', document };
    const names = async () => (await ws.client['templates.preview']({ template, contactId: sam, trigger: {}, now: T })).email!.html.match(/<li>[^<]*<\/li>/g);
    // nothing goes with Sam's mug yet: the best sellers
    expect(await names()).toEqual(['<li>Trail shoes</li>', '<li>Wool socks</li>', '<li>Tent</li>', '<li>Water bottle</li>']);
    // Sam's mug turns out to go with the bottle: a render right after the purchase knows it
    writer.insertEvent({ contactId: writer.upsertContact({ email: 'flo@example.com' }).id, name: 'purchased', occurredAt: T, properties: { items: [{ product_id: 'p_mug', name: 'Mug' }, { product_id: 'p_bottle', name: 'Water bottle' }] } });
    expect((await names())?.[0]).toBe('<li>Water bottle</li>');
  });
});
