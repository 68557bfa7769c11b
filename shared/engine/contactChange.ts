import { builtInValue, isBuiltInField } from '../contacts/fields.ts';
import type { ContactView } from '../rules/contactView.ts';
import type { ContactChange } from './types.ts';

/**
 * A change an update-contact step made, applied to a contact in memory exactly as the store applies it
 * (electron/services/engine/contactChanges.ts): a built-in field holds the column's text, a custom attribute the
 * value as given, and clearing removes it. The interpreter (for later steps of the same decision) and the
 * simulator (for later decisions) both use this, so what they show is what the engine writes.
 */
export function applyContactChange(contact: ContactView, change: ContactChange): ContactView {
  switch (change.op) {
    case 'set-attribute':
    case 'clear-attribute': {
      const value = change.op === 'set-attribute' ? change.value : undefined;
      const attributes = { ...contact.attributes };
      if (isBuiltInField(change.attribute)) attributes[change.attribute] = builtInValue(value);
      else if (value === undefined) delete attributes[change.attribute];
      else attributes[change.attribute] = value;
      return { ...contact, attributes };
    }
    case 'add-tag':
    case 'remove-tag': {
      const tags = new Set(contact.tags);
      if (change.op === 'add-tag') tags.add(change.tag);
      else tags.delete(change.tag);
      return { ...contact, tags };
    }
  }
}
