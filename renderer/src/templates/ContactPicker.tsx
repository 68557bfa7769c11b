import { useId, useState } from 'react';
import { usePreviewContactSearch } from './usePreviewContactSearch.ts';

export interface PickedContact {
  id: number;
  name: string;
  email: string;
}

/**
 * Chooses who a preview is for: search contacts by email, name or tag, or go back to the sample contact. Used by
 * the template editor's preview and by the email step's inspector, each with its own wording and place.
 */
export function ContactPicker(props: {
  /** What is chosen now, as shown to the user; null is the sample contact. */
  chosen: string | null;
  onChoose(contact: PickedContact | null): void;
  caption: string;
  searchLabel: string;
  listLabel: string;
  className: string;
  /** Show each result's tags (useful when previewing tag-conditional blocks). */
  showTags?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const { results, error } = usePreviewContactSearch(search, open);
  const inputId = useId();
  const listId = useId();

  const choose = (contact: PickedContact | null) => {
    props.onChoose(contact);
    setOpen(false);
    setSearch('');
  };

  return (
    <div className={props.className}>
      <div className={`${props.className}-current`}>
        <label htmlFor={inputId}>{props.caption}</label> <strong data-testid="preview-contact">{props.chosen ?? 'Sample contact'}</strong>
        {props.chosen && (
          <button type="button" className="link" onClick={() => choose(null)}>
            Use the sample contact
          </button>
        )}
      </div>
      <input
        id={inputId}
        type="search"
        aria-label={props.searchLabel}
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
        <ul id={listId} className="contact-results" aria-label={props.listLabel}>
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
                {props.showTags && c.tags.length > 0 && <span className="tags">{c.tags.join(', ')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
