import { useId, useState } from 'react';
import type { PreviewContactChoice } from './templateEditorStore.ts';
import { usePreviewContactSearch } from './usePreviewContactSearch.ts';

/** Chooses who the preview is for: search contacts by email, name or tag, or use the sample contact. */
export function ContactPicker(props: { value: PreviewContactChoice; onChange(choice: PreviewContactChoice): void }) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const { results, error } = usePreviewContactSearch(search, open);
  const listId = useId();

  const choose = (choice: PreviewContactChoice) => {
    props.onChange(choice);
    setOpen(false);
    setSearch('');
  };

  return (
    <div className="contact-picker">
      <div className="contact-picker-current">
        <span className="muted">Preview for</span> <strong data-testid="preview-contact">{props.value ? props.value.label : 'Sample contact'}</strong>
        {props.value && (
          <button type="button" className="link" onClick={() => choose(null)}>
            Use the sample contact
          </button>
        )}
      </div>
      <input
        type="search"
        aria-label="Search contacts to preview"
        placeholder="Search contacts by email, name or tag"
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
        <ul id={listId} className="contact-results" aria-label="Contacts">
          {error && <li role="alert" className="error-banner">{error}</li>}
          {!error && results.length === 0 && <li className="muted">No contact matches.</li>}
          {results.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => choose({ id: c.id, label: `${c.name} <${c.email}>` })}>
                <span>{c.name}</span> <span className="muted">{c.email}</span>
                {c.tags.length > 0 && <span className="tags">{c.tags.join(', ')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
