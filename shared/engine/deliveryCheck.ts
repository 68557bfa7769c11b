import type { ContactView } from '../rules/contactView.ts';

/**
 * Why a queued email is not sent after all, or undefined when it may go: checked at delivery, after the decision
 * that queued it (and any update-contact step after the email in that decision), so someone who unsubscribed in
 * between gets nothing. The live delivery and the simulator (which delivers right after each decision) both ask this.
 */
export function deliveryRefusal(contact: ContactView | undefined, suppressed: boolean): string | undefined {
  if (!contact) return 'not sent: the contact was deleted';
  if (contact.attributes.consent === 'unsubscribed' || suppressed) return 'not sent: unsubscribed or suppressed before delivery';
  return undefined;
}
