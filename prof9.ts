import { Liquid } from 'liquidjs';
import { template, footer } from './test/bench/templates.bench.ts';
import { LiquidEngine, defaultLimits, formatKey } from './electron/services/templates/liquidEngine.ts';
const body = template.document.content.body;
const mk = () => ({ first_name: 'Emma', contact: { tags: ['vip'] }, trigger: { items: [{ name: 'Mat', price: 3, quantity: 1 }] }, last_purchase_date: '2026-01-01T10:00:00.000Z', total_spent: 3, unsubscribe_url: 'u', [formatKey]: { locale: 'en-GB', timezone: 'Europe/London', currency: 'USD', now: 0 } });
const N = 30000;
const cpu = (label: string, fn: () => unknown) => { for (let i = 0; i < 3000; i++) fn(); const s = process.cpuUsage(); for (let i = 0; i < N; i++) fn(); const u = process.cpuUsage(s); console.log(label.padEnd(28), ((u.user + u.system) / N).toFixed(1), 'µs'); };
const bare = new Liquid({ templates: { footer }, cache: true });
bare.registerFilter('money', (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(2)}` : v));
bare.registerFilter('date', (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : v));
const bp = bare.parse(body);
const esc = new LiquidEngine({ escapeHtml: true, snippets: () => footer, limits: defaultLimits });
const plain = new LiquidEngine({ escapeHtml: false, snippets: () => footer, limits: defaultLimits });
const plainMin = new LiquidEngine({ escapeHtml: false, snippets: () => footer, limits: defaultLimits });
plainMin.liquid.registerFilter('money', (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(2)}` : v));
plainMin.liquid.registerFilter('date', (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : v));
const ep = esc.parse(body), pp = plain.parse(body), mp = plainMin.parse(body);
for (let r = 0; r < 2; r++) {
cpu('bare renderSync', () => bare.renderSync(bp, mk()));
cpu('engine plain, min filters', () => plainMin.render(mp, mk(), false));
cpu('engine plain', () => plain.render(pp, mk(), false));
cpu('engine escaped', () => esc.render(ep, mk(), false));
}
