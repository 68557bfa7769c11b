import { TemplateDocument, type TemplateContent } from '../../../shared/templates/template.ts';
import type { CaseTemplate } from '../case.ts';
import type { Dice } from './random.ts';

/**
 * Email templates whose subject and body are Liquid over the contact (fields, custom attributes, tags,
 * the fields computed from their events), the trigger event's properties (`trigger.*`: a cart's items) and
 * conditionals, with the unsubscribe link, and sometimes a French variant. Never `recommendations` or `rfm_group`
 * (they read the whole workspace, not the contact).
 */

const subjects = [
  '{{ first_name | default: "there" }}, you left something behind',
  '{% if contact.plan == "pro" %}Pro tips for {{ contact.first_name | default: "you" }}{% else %}Try Pro, {{ first_name | default: "friend" }}{% endif %}',
  '{{ trigger.items.size | default: 0 }} item(s) waiting{% if trigger.value %} ({{ trigger.value | money }}){% endif %}',
  '{% if contact.tags contains "vip" %}VIP: {% endif %}news for {{ country | default: "everyone" }}',
  'Your {{ trigger.category | default: "picks" }} are still here',
  '{{ contact.first_name | default: "Hello" }}, {{ total_spent | money }} spent so far',
];

const bodyParts = [
  '{% if trigger.items %}<ul>{% for item in trigger.items %}<li>{{ item.name }} × {{ item.quantity }} at {{ item.price | money }}</li>{% endfor %}</ul>{% else %}<p>Nothing in your cart.</p>{% endif %}',
  '{% case contact.plan %}{% when "pro" %}<p>Thanks for being Pro.</p>{% when "team" %}<p>Your team plan{% if renewal_date %} renews {{ renewal_date | date: "long" }}{% endif %}.</p>{% else %}<p>Upgrade today.</p>{% endcase %}',
  '{% if contact.tags contains "vip" %}<p>Your VIP gift awaits.</p>{% endif %}{% unless contact.tags contains "newsletter" %}<p>Join the newsletter.</p>{% endunless %}',
  '<p>Your tags: {{ contact.tags | join: ", " | default: "none" }}</p>',
  '<p>You have ordered {{ order_count }} time(s), {{ total_spent | money }} in all.</p>',
  '{% if last_product %}<p>Still thinking about {{ last_product.name }}?</p>{% endif %}',
  '<p>From {{ journey.name }} ({{ journey.step_id }}), {{ now | date: "short" }}.</p>',
  '{% if lifetime_value > 500 %}<p>You are one of our best customers.</p>{% endif %}',
  '{% if trigger.value > 100 %}<p>Free shipping on {{ trigger.value | money }}!</p>{% endif %}',
  '<p>{{ consent }} / {{ locale | default: "no locale" }} / {{ timezone | default: "no zone" }}</p>',
];

const footer = '<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>';

function content(dice: Dice, french: boolean): TemplateContent {
  const greeting = french ? '<p>Bonjour {{ first_name | default: "à vous" }},</p>' : '<p>Hi {{ first_name | default: "there" }},</p>';
  const body = `<html><body>${greeting}${dice.some(bodyParts, 1, 4).join('')}${footer}</body></html>`;
  const subject = french ? `[fr] ${dice.pick(subjects)}` : dice.pick(subjects);
  const text = dice.chance(0.3) ? `Hi {{ first_name | default: "there" }}\n{{ trigger.items.size | default: 0 }} item(s).\nUnsubscribe: {{ unsubscribe_url }}\n` : '';
  return { subject, preheader: dice.chance(0.4) ? 'A note from {{ journey.name }}' : '', body, text };
}

export function generateTemplates(dice: Dice, seed: number): CaseTemplate[] {
  return Array.from({ length: dice.int(1, 3) }, (_, i) => {
    const document = TemplateDocument.parse({
      fromName: dice.chance(0.5) ? 'Journey Studio' : '',
      format: 'html',
      locale: 'en',
      content: content(dice, false),
      variants: dice.chance(0.3) ? { fr: content(dice, true) } : {},
    });
    return { id: `t${seed}_${i + 1}`, name: `Template ${seed}/${i + 1}`, document };
  });
}
