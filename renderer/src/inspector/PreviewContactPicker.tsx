import { useId, useState } from 'react';
import { usePreviewContactSearch } from '../templates/usePreviewContactSearch.ts';
import { previewContactLabel, usePreviewContact } from './previewContactStore.ts';

/** A compact search for the contact the email steps are previewed for, or back to the sample contact. */
export function PreviewContactPicker() {
  const contact = usePreviewContact((s) => s.contact);
  const setContact = usePreviewContact((s) => s.setContact);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const { results, error } = usePreviewContactSearch(search, open);
  const inputId = useId();
  const listId = useId();

  const choose = (next: typeof contact) => {
    setContact(next);
    setOpen(false);
    setSearch('');
  };

  return (
    <div className="preview-contact-picker">
      <div className="preview-contact-current">
        <label htmlFor={inputId}>Preview as</label> <strong data-testid="preview-contact">{contact ? previewContactLabel(contact) : 'Sample contact'}</strong>
        {contact && (
          <button type="button" className="link" onClick={() => choose(null)}>
            Use the sample contact
          </button>
        )}
      </div>
      <input
        id={inputId}
        type="search"
        aria-label="Preview contact"
        placeholder="Search by email, name or tag"
        value={search}
        aria-controls={listId}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setSearch(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
      {open && (
        <ul id={listId} className="contact-results" aria-label="Preview contacts">
          {error && (
            <li role="alert" className="error-banner">
              {error}
            </li>
          )}
          {!error && results.length === 0 && <li className="muted">No contact matches.</li>}
          {results.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => choose({ id: c.id, name: c.name, email: c.email })}>
                <span>{c.name}</span> <span className="muted">{c.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
