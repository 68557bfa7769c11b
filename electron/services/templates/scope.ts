import { builtInFields } from '../../../shared/contacts/fields.ts';
import { Drop } from 'liquidjs';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Product } from '../../../shared/templates/product.ts';
import type { RfmCuts } from '../../../shared/rules/population.ts';
import { computedFieldNames, computeFields, type ComputedFieldName } from './computedFields.ts';

/** Contact fields every contact has a column for; a template may use them as `contact.x` or just `x`. */
export const builtInContactFields = [...builtInFields, 'created_at'] as const;

/** The names a template may use at its top level, besides the contact's fields and custom attributes. */
export const reservedRoots = ['contact', 'trigger', 'journey', 'unsubscribe_url', 'recommendations', 'now'] as const;

const computedNames: ReadonlySet<string> = new Set(computedFieldNames);
const allComputed: ReadonlySet<ComputedFieldName> = computedNames as ReadonlySet<ComputedFieldName>;

/** A product in Liquid: `{{ product }}` prints its name, `{{ product.price | money }}` reads a field. */
export class ProductDrop extends Drop {
  readonly id: string;
  readonly name: string;
  readonly category: string | null;
  readonly price: number | null;
  readonly url: string | null;
  readonly image_url: string | null;

  constructor(product: Product) {
    super();
    this.id = product.id;
    this.name = product.name;
    this.category = product.category ?? null;
    this.price = product.price ?? null;
    this.url = product.url ?? null;
    this.image_url = product.imageUrl ?? null;
  }

  override valueOf() {
    return this.name;
  }

  override toString() {
    return this.name;
  }
}

/** What a template reads, decided once per parsed template: which costly parts the scope needs. */
export interface ScopeNeeds {
  /** The computed fields the template reads (each costs a pass over the contact's events); empty for none. */
  computed: ReadonlySet<ComputedFieldName>;
  recommendations: boolean;
  /** How many recommendations a loop asks for, at most. */
  recommendationLimit: number;
}

export interface ScopeInput {
  contact: ContactView;
  trigger?: Record<string, unknown>;
  journey?: { id: string; name: string; stepId: string };
  unsubscribeUrl: string;
  now: number;
  /** The workspace's RFM quintile cuts, for `rfm_group`. */
  rfmCuts?: RfmCuts;
}

/**
 * The variables of one render. The contact's fields sit both under `contact` and at the top level (the short
 * forms the articles use, `{{ first_name }}`); built-in fields the contact lacks are null, so `default` applies
 * and strict checking does not call them unknown. Computed fields and recommendations are worked out only when the
 * template reads them.
 */
export function buildScope(input: ScopeInput, needs: ScopeNeeds, recommend?: (contact: ContactView, limit: number) => Product[]): Record<string, unknown> {
  const { contact } = input;
  const fields: Record<string, unknown> = {};
  for (const name of builtInContactFields) fields[name] = null;
  for (const key in contact.attributes) {
    if (!Object.hasOwn(contact.attributes, key)) continue;
    const value = contact.attributes[key];
    fields[key] = value === undefined ? null : value;
  }
  fields.email = contact.email;
  if (needs.computed.size) {
    const computed = computeFields(contact.events, input.now, { wanted: needs.computed, rfmCuts: input.rfmCuts, createdAt: contact.createdAt }) as Record<string, unknown>;
    for (const name of needs.computed) {
      const value = computed[name];
      fields[name] = name === 'last_product' && value ? new ProductDrop(value as Product) : value;
    }
  }
  // the top-level short forms and `contact` share the values; the scope object itself is `fields`, extended
  // Tags in one order whatever order they were added in (the store keeps them sorted; a simulation adds them as it goes).
  const contactObject: Record<string, unknown> = { ...fields, id: contact.id, tags: [...contact.tags].sort() };
  const scope = fields;
  scope.contact = contactObject;
  scope.trigger = input.trigger ?? {};
  scope.journey = input.journey ? { id: input.journey.id, name: input.journey.name, step_id: input.journey.stepId } : {};
  scope.unsubscribe_url = input.unsubscribeUrl;
  scope.now = new Date(input.now).toISOString();
  scope.recommendations = needs.recommendations && recommend ? recommend(contact, needs.recommendationLimit).map((p) => new ProductDrop(p)) : [];
  return scope;
}

/**
 * The computed fields variable paths read (`total_spent`, `contact.total_spent`); all of them when a path takes
 * `contact` whole (passed on, or indexed by a computed key), since what is read from it then cannot be known.
 */
export function computedReads(paths: ReadonlyArray<ReadonlyArray<string | number>>): ReadonlySet<ComputedFieldName> {
  const read = new Set<ComputedFieldName>();
  for (const path of paths) {
    if (path[0] === 'contact' && path.length === 1) return allComputed;
    const name = String(path[0] === 'contact' ? path[1] : path[0]);
    if (computedNames.has(name)) read.add(name as ComputedFieldName);
  }
  return read;
}

/** Every computed field: for templates whose reads could not be worked out. */
export const everyComputedField = allComputed;
