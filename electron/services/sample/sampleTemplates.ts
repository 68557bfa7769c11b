import type { TemplateDocument } from '../../../shared/templates/template.ts';

const sender = { fromName: 'Trailhead Outfitters', fromEmail: 'hello@shop.example', replyTo: 'support@shop.example' };
const footer = `<p style="font-size:12px;color:#666">You get this because you shop with us. <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>`;

function html(subject: string, preheader: string, body: string, locale = 'en'): TemplateDocument {
  return { ...sender, format: 'html', locale, content: { subject, preheader, body: `${body}\n${footer}`, text: '' }, variants: {} };
}

const cartItems = `{% for item in trigger.items %}<li>{{ item.name }} × {{ item.quantity | default: 1 }}</li>{% else %}<li>{{ trigger.name | default: "Your items" }}</li>{% endfor %}`;

/** The templates the sample journeys send, with the articles' tokens and conditional blocks. */
export const sampleTemplates: Array<{ id: string; name: string; document: TemplateDocument }> = [
  {
    id: 't_cart_1',
    name: 'Cart reminder 1: you left something',
    document: {
      ...html(
        '{{ first_name | default: "Hi" }}, you left something in your cart',
        'Your cart is saved for you.',
        `<h1>Still thinking it over, {{ first_name | default: "friend" }}?</h1>\n<ul>${cartItems}</ul>\n<p><a href="https://shop.example/cart">Back to your cart</a></p>`,
      ),
      variants: {
        fr: {
          subject: '{{ first_name | default: "Bonjour" }}, vous avez oublié quelque chose',
          preheader: 'Votre panier vous attend.',
          body: `<h1>Vous hésitez encore, {{ first_name | default: "cher client" }} ?</h1>\n<ul>${cartItems}</ul>\n<p><a href="https://shop.example/cart">Revenir au panier</a></p>\n${footer}`,
          text: '',
        },
      },
    },
  },
  {
    id: 't_cart_2',
    name: 'Cart reminder 2: still available',
    document: html(
      'Your {{ trigger.name | default: "items" }} are still available',
      'Popular items sell out fast.',
      `<p>Hi {{ first_name | default: "there" }}, the items in your cart are still waiting.</p>\n<ul>${cartItems}</ul>\n{% if contact.tags contains "vip" %}<p><strong>As a VIP, shipping is on us.</strong></p>{% endif %}`,
    ),
  },
  {
    id: 't_cart_3',
    name: 'Cart reminder 3: 10% off',
    document: html(
      'Last call: 10% off your cart',
      'The code expires in 48 hours.',
      `<p>{{ first_name | default: "Hi" }}, here is 10% off to help you decide: <strong>COMEBACK10</strong>.</p>\n<ul>${cartItems}</ul>`,
    ),
  },
  ...[1, 3, 7, 10, 12, 15, 18, 20, 21].map((day) => ({
    id: `t_trial_day_${day}`,
    name: `Trial day ${day}`,
    document: html(
      day === 21 ? 'Your trial ends today, {{ first_name | default: "friend" }}' : `Day ${day} of your trial: {% if contact.tags contains "campaign_sent" %}automate it{% else %}get set up{% endif %}`,
      day >= 18 ? 'Keep everything you built: pick a plan.' : 'A tip for where you are.',
      `<p>Hi {{ first_name | default: "there" }},</p>
{% if contact.tags contains "automation_created" %}<p>You already automate your emails. Here is how teams like yours use segments next.</p>
{% elsif contact.tags contains "campaign_sent" %}<p>You sent your first campaign. Drips and automation rules will save you hours: create one in two minutes.</p>
{% elsif contact.tags contains "list_created" %}<p>Your list is ready. Import your contacts and send your first campaign.</p>
{% else %}<p>Need a hand getting set up? Start by creating a list: it takes a minute.</p>{% endif %}
${day >= 18 ? '<p><a href="https://app.example/billing">Choose your plan</a></p>' : ''}`,
    ),
  })),
  {
    id: 't_trial_day_21_b',
    name: 'Trial day 21 (discount variant)',
    document: html(
      'Last day of your trial: 20% off your first year',
      'Keep everything you built, for less.',
      `<p>Hi {{ first_name | default: "there" }}, your trial ends today. Upgrade now and take 20% off your first year.</p>\n<p><a href="https://app.example/billing?code=TRIAL20">Upgrade with 20% off</a></p>`,
    ),
  },
  {
    id: 't_winback_1',
    name: 'Win-back 1: we miss you',
    document: html(
      'We miss you, {{ first_name | default: "friend" }}',
      'New arrivals picked for you.',
      `<p>It has been a while since your last order{% if last_purchase_date %} on {{ last_purchase_date | date: "%B %-d" }}{% endif %}.</p>\n<p>Here is what is new in the shop.</p>`,
    ),
  },
  {
    id: 't_winback_2',
    name: 'Win-back 2: 15% off',
    document: html(
      '15% off to welcome you back',
      'Our best offer of the season.',
      `<p>{{ first_name | default: "Hi" }}, come back with 15% off anything: <strong>WELCOMEBACK15</strong>.</p>`,
    ),
  },
];
