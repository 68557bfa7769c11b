import { ContactPicker } from '../templates/ContactPicker.tsx';
import { previewContactLabel, usePreviewContact } from './previewContactStore.ts';

/** The contact the email steps are previewed for, kept for the editor session. */
export function PreviewContactPicker() {
  const contact = usePreviewContact((s) => s.contact);
  const setContact = usePreviewContact((s) => s.setContact);
  return (
    <ContactPicker
      chosen={contact ? previewContactLabel(contact) : null}
      onChoose={setContact}
      caption="Preview as"
      searchLabel="Preview contact"
      listLabel="Preview contacts"
      className="preview-contact-picker"
    />
  );
}
