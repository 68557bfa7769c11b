import type { ContactView } from '../../../shared/rules/contactView.ts';
import type { SimulatedEmail } from '../../../shared/simulation/output.ts';
import type { EmailBatch } from '../templates/emailRenderer.ts';

/** A simulation has no real recipient to unsubscribe: its emails link here instead. */
export const simulationUnsubscribeUrl = 'https://unsubscribe.invalid/simulation';

export interface SimulatedEmailInput {
  messageKey: string;
  templateId: string;
  contact: ContactView;
  trigger: Record<string, unknown>;
  journey: { id: string; name: string; stepId: string };
  at: number;
  /** Why delivery would cancel it (SentInSimulation.cancelled). */
  cancelled?: string;
}

/**
 * An email of a simulation's timeline, rendered by the workspace's EmailRenderer exactly as the live engine would
 * send it to the contact. A template that cannot be rendered is shown as such, with why, rather than failing the
 * whole simulation.
 */
export function simulatedEmail(batch: EmailBatch, input: SimulatedEmailInput): SimulatedEmail {
  const base = { messageKey: input.messageKey, templateId: input.templateId, to: input.contact.email, cancelled: input.cancelled ?? null };
  const template = batch.template(input.templateId);
  if (template instanceof Error) return { ...base, subject: `(template ${input.templateId})`, html: null, text: null, rendered: false, note: template.message };
  try {
    const email = batch.render(input.templateId, { contact: input.contact, trigger: input.trigger, journey: input.journey, unsubscribeUrl: simulationUnsubscribeUrl, now: input.at });
    return { ...base, subject: email.subject, html: email.html, text: email.text, rendered: true, note: null };
  } catch (error) {
    return {
      ...base,
      subject: template.document.content.subject,
      html: null,
      text: null,
      rendered: false,
      note: `could not render: ${error instanceof Error ? error.message : String(error)} (raw subject shown)`,
    };
  }
}
