import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PAGE_SIZE, useContactList, type SortKey } from './contactListStore.ts';
import { useNavigation } from '../app/navigation.ts';
import { SuppressionsPanel } from './SuppressionsPanel.tsx';

const columns: Array<{ key: SortKey; label: string }> = [
  { key: 'email', label: 'Email' },
  { key: 'first_name', label: 'First name' },
  { key: 'last_name', label: 'Last name' },
  { key: 'country', label: 'Country' },
  { key: 'updated_at', label: 'Updated' },
];
const ROW_HEIGHT = 34;

/** Every contact in a virtual table (a million rows scroll as easily as ten), searchable, by segment, sortable. */
export function ContactsScreen() {
  const total = useContactList((s) => s.total);
  const pages = useContactList((s) => s.pages);
  const search = useContactList((s) => s.search);
  const segmentId = useContactList((s) => s.segmentId);
  const segments = useContactList((s) => s.segments);
  const sort = useContactList((s) => s.sort);
  const descending = useContactList((s) => s.descending);
  const error = useContactList((s) => s.error);
  const { setSearch, setSegment, sortBy, reload, loadPage } = useContactList.getState();
  const go = useNavigation((s) => s.go);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void reload();
  }, [reload]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the table reads the virtualizer fresh on every render on purpose
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20, initialRect: { width: 1000, height: 600 } });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const page of new Set(items.map((item) => Math.floor(item.index / PAGE_SIZE)))) void loadPage(page);
  }, [items, loadPage]);

  return (
    <section className="screen" aria-labelledby="contacts-title">
      <header className="screen-header">
        <h1 id="contacts-title">Contacts</h1>
        <span className="muted" aria-live="polite">
          {total === null ? 'Loading…' : `${total.toLocaleString('en-US')} contacts`}
        </span>
      </header>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      <div className="inline-form">
        <input type="search" className="search" aria-label="Search contacts" placeholder="Search by email or name" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label="Filter by segment" value={segmentId} onChange={(e) => setSegment(e.target.value)}>
          <option value="">All contacts</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div role="table" aria-label="Contacts" aria-rowcount={(total ?? 0) + 1} className="vtable">
        <div role="row" className="vtable-row vtable-head" aria-rowindex={1}>
          {columns.map((c) => (
            <div role="columnheader" key={c.key} aria-sort={sort === c.key ? (descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" className="link" onClick={() => sortBy(c.key)}>
                {c.label}
                {sort === c.key ? (descending ? ' ▼' : ' ▲') : ''}
              </button>
            </div>
          ))}
        </div>
        <div ref={scroller} className="vtable-body" role="rowgroup">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const contact = pages[Math.floor(item.index / PAGE_SIZE)]?.[item.index % PAGE_SIZE];
              return (
                <div role="row" key={item.key} aria-rowindex={item.index + 2} className="vtable-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}>
                  {contact ? (
                    <>
                      <div role="cell">
                        <button type="button" className="link" onClick={() => go({ screen: 'contact', id: contact.id })}>
                          {contact.email}
                        </button>
                      </div>
                      <div role="cell">{contact.firstName}</div>
                      <div role="cell">{contact.lastName}</div>
                      <div role="cell">{contact.country}</div>
                      <div role="cell">{new Date(contact.updatedAt).toLocaleDateString()}</div>
                    </>
                  ) : (
                    <div role="cell" className="muted">
                      …
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <SuppressionsPanel />
    </section>
  );
}
