import { makeContacts, template, footer, NOW } from './test/bench/templates.bench.ts';
import { TemplateRenderer } from './electron/services/templates/render.ts';
const contacts = makeContacts().slice(0, 20000);
const renderer = new TemplateRenderer({ snippet: (name) => (name === 'footer' ? footer : undefined) });
for (let r = 0; r < 3; r++) {
const s = process.cpuUsage();
for (const { contact, trigger } of contacts) renderer.render({ template, contact, trigger, unsubscribeUrl: 'u', now: NOW });
const u = process.cpuUsage(s); console.log(((u.user + u.system) / contacts.length).toFixed(1), 'µs CPU per render');
}
