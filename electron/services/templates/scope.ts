import { Drop } from 'liquidjs';
import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { Product } from '../../../shared/templates/product.ts';
import { computedFieldNames, computeFields } from './computedFields.ts';

/** Contact fields every contact has a column for; a template may use them as `contact.x` or just `x`. */
export const builtInContactFields = ['first_name', 'last_name', 'email', 'phone', 'country', 'timezone', 'locale', 'consent'] as const;

/** The names a template may use at its top level, besides the contact's fields and custom attributes. */
export const reservedRoots = ['contact', 'trigger', 'journey', 'unsubscribe_url', 'recommendations', 'now'] as const;

const computedNames: ReadonlySet<string> = new Set(computedFieldNames);

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
  computed: boolean;
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
  recommend?: (contact: ContactView, limit: number) => Product[];
}

/**
 * The variables of one render. The contact's fields sit both under `contact` and at the top level (the short
 * forms the articles use, `{{ first_name }}`); built-in fields the contact lacks are null, so `default` applies
 * and strict checking does not call them unknown. Computed fields and recommendations are worked out only when the
 * template reads them.
 */
export function buildScope(input: ScopeInput, needs: ScopeNeeds): Record<string, unknown> {
  const { contact } = input;
  const fields: Record<string, unknown> = {};
  for (const name of builtInContactFields) fields[name] = null;
  for (const key in contact.attributes) {
    if (!Object.hasOwn(contact.attributes, key)) continue;
    const value = contact.attributes[key];
    fields[key] = value === undefined ? null : value;
  }
  fields.email = contact.email;
  if (needs.computed) {
    const computed = computeFields(contact.events, input.now) as unknown as Record<string, unknown>;
    for (const name of computedFieldNames) {
      const value = computed[name];
      fields[name] = name === 'last_product' && value ? new ProductDrop(value as Product) : value;
    }
  }
  const scope: Record<string, unknown> = { ...fields };
  scope.contact = { ...fields, id: contact.id, tags: Array.from(contact.tags) };
  scope.trigger = input.trigger ?? {};
  scope.journey = input.journey ? { id: input.journey.id, name: input.journey.name, step_id: input.journey.stepId } : {};
  scope.unsubscribe_url = input.unsubscribeUrl;
  scope.now = new Date(input.now).toISOString();
  scope.recommendations = needs.recommendations && input.recommend ? input.recommend(contact, needs.recommendationLimit).map((p) => new ProductDrop(p)) : [];
  return scope;
}

/** True when a variable path names a computed field (`total_spent`, `contact.total_spent`), or `contact` whole. */
export function readsComputed(path: ReadonlyArray<string | number>): boolean {
  if (computedNames.has(String(path[0]))) return true;
  return path[0] === 'contact' && (path.length === 1 || computedNames.has(String(path[1])));
}
