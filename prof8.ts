import { makeContacts, template, footer, NOW } from './test/bench/templates.bench.ts';
import { TemplateRenderer } from './electron/services/templates/render.ts';
import { htmlToText } from './electron/services/templates/htmlToText.ts';
import { computeFields } from './electron/services/templates/computedFields.ts';
import { buildScope } from './electron/services/templates/scope.ts';
const contacts = makeContacts().slice(0, 20000);
const renderer = new TemplateRenderer({ snippet: (name) => (name === 'footer' ? footer : undefined) });
const cpu = (label: string, fn: (c: typeof contacts[number]) => unknown) => { for (let i = 0; i < 2000; i++) fn(contacts[i]); const s = process.cpuUsage(); for (const c of contacts) fn(c); const u = process.cpuUsage(s); console.log(label.padEnd(14), ((u.user + u.system) / contacts.length).toFixed(1), 'µs'); };
const htmls = contacts.map(({ contact, trigger }) => renderer.render({ template, contact, trigger, unsubscribeUrl: 'u', now: NOW }).html);
for (let r = 0; r < 2; r++) {
cpu('full render', ({ contact, trigger }) => renderer.render({ template, contact, trigger, unsubscribeUrl: 'u', now: NOW }));
let i = 0;
cpu('htmlToText', () => htmlToText(htmls[i++ % htmls.length]));
cpu('computeFields', ({ contact }) => computeFields(contact.events, NOW));
cpu('buildScope', ({ contact, trigger }) => buildScope({ contact, trigger, unsubscribeUrl: 'u', now: NOW }, { computed: true, recommendations: false, recommendationLimit: 4 }));
}
