import { create } from 'zustand';
import type { PreviewContact } from '../../../shared/api/calls/templates.ts';

/** A stored contact chosen to preview email steps with. */
export type ChosenPreviewContact = Pick<PreviewContact, 'id' | 'name' | 'email'>;

interface PreviewContactState {
  /** Null: the made-up sample contact. */
  contact: ChosenPreviewContact | null;
  setContact(contact: ChosenPreviewContact | null): void;
}

/**
 * Who the canvas previews email steps for. One choice for the whole editor session, so moving from one email step
 * to the next keeps showing the same person.
 */
export const usePreviewContact = create<PreviewContactState>()((set) => ({
  contact: null,
  setContact: (contact) => set({ contact }),
}));

/** How the chosen contact is named in the inspector. */
export const previewContactLabel = (contact: ChosenPreviewContact | null): string => (contact ? contact.name || contact.email : 'the sample contact');
