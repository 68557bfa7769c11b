import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ContactJourneys } from './ContactJourneys.tsx';
import type { ContactDetail } from '../../../shared/api/calls/contacts.ts';
import { api } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { downloadText } from '../ui/download.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const show = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/** One contact: attributes, tags, consent, their event timeline and journeys; edit, export, forget. */
export function ContactPage({ contactId }: { contactId: number }) {
  const [contact, setContact] = useState<ContactDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const go = useNavigation((s) => s.go);

  const run = useCallback(async (action: () => Promise<ContactDetail | void>) => {
    setError(null);
    try {
      const next = await action();
      if (next) setContact(next);
    } catch (e) {
      setError(message(e));
    }
  }, []);

  useEffect(() => {
    let current = true;
    api()['contacts.get']({ id: contactId }).then(
      (next) => current && setContact(next),
      (e: unknown) => current && setError(message(e)),
    );
    return () => {
      current = false;
    };
  }, [contactId]);

  if (!contact) return <section className="screen">{error ? <p role="alert" className="error-banner">{error}</p> : <p className="muted">Loading…</p>}</section>;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email;
  const update = (patch: Partial<{ attributes: Record<string, unknown>; addTags: string[]; removeTags: string[]; consent: ContactDetail['consent'] }>) =>
    run(() => api()['contacts.update']({ id: contact.id, ...patch }));

  return (
    <section className="screen contact-page" aria-labelledby="contact-title">
      <header className="screen-header">
        <button type="button" className="link" onClick={() => go({ screen: 'contacts' })}>
          ← All contacts
        </button>
        <h1 id="contact-title">{name}</h1>
        <div className="row-actions">
          <button type="button" onClick={() => void run(async () => {
            const { fileName, json } = await api()['contacts.export']({ id: contact.id });
            downloadText(fileName, json, 'application/json');
          })}>
            Export this contact
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Forget this contact
          </button>
        </div>
      </header>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {contact.warnings.map((warning) => (
        <p key={warning} role="status" className="warning">
          {warning}
        </p>
      ))}
      <dl className="contact-fields">
        <dt>Email</dt>
        <dd>{contact.email}</dd>
        <dt>Phone</dt>
        <dd>{contact.phone ?? '—'}</dd>
        <dt>Country</dt>
        <dd>{contact.country ?? '—'}</dd>
        <dt>Time zone</dt>
        <dd>{contact.timezone ?? '—'}</dd>
        <dt>Locale</dt>
        <dd>{contact.locale ?? '—'}</dd>
        <dt>Consent</dt>
        <dd>
          <select aria-label="Consent" value={contact.consent} onChange={(e) => void update({ consent: e.target.value as ContactDetail['consent'] })}>
            <option value="subscribed">subscribed</option>
            <option value="unsubscribed">unsubscribed</option>
            <option value="never-asked">never asked</option>
          </select>
          {contact.suppressed && <span className="warning"> Suppressed: {contact.suppressed.reason}</span>}
        </dd>
      </dl>
      <AttributesEditor contact={contact} onSet={(attributes) => void update({ attributes })} />
      <TagsEditor contact={contact} onAdd={(tag) => void update({ addTags: [tag] })} onRemove={(tag) => void update({ removeTags: [tag] })} />
      <ContactJourneys contactId={contact.id} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <p className="muted">
          {contact.eventCount.toLocaleString('en-US')} events{contact.eventCount > contact.events.length ? `, the latest ${contact.events.length} shown` : ''}
        </p>
        <ol className="timeline" aria-label="Events">
          {contact.events.map((e) => (
            <li key={e.id}>
              <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString()}</time> <strong>{e.name}</strong>{' '}
              <span className="muted">
                {Object.entries(e.properties)
                  .map(([k, v]) => `${k}: ${show(v)}`)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {confirming && (
        <ConfirmDialog
          title={`Forget ${contact.email}?`}
          message="The contact, all their events, tags, segment memberships, suppression and journey history are deleted for good (right to erasure). Export them first if you need a copy."
          confirmLabel="Forget this contact"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run(async () => {
              await api()['contacts.forget']({ id: contact.id });
              go({ screen: 'contacts' });
            });
          }}
        />
      )}
    </section>
  );
}

function AttributesEditor({ contact, onSet }: { contact: ContactDetail; onSet(attributes: Record<string, unknown>): void }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!key.trim()) return;
    onSet({ [key.trim()]: value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value });
    setKey('');
    setValue('');
  };
  return (
    <section aria-labelledby="attributes-title">
      <h2 id="attributes-title">Attributes</h2>
      <table className="table" aria-label="Attributes">
        <tbody>
          {Object.entries(contact.attributes).map(([name, v]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <input aria-label={`Attribute ${name}`} defaultValue={show(v)} key={show(v)} onBlur={(e) => e.target.value !== show(v) && onSet({ [name]: e.target.value })} />
              </td>
              <td>
                <button type="button" className="link" aria-label={`Remove attribute ${name}`} onClick={() => onSet({ [name]: null })}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={add}>
        <input aria-label="New attribute name" placeholder="name" value={key} onChange={(e) => setKey(e.target.value)} />
        <input aria-label="New attribute value" placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" disabled={!key.trim()}>
          Add attribute
        </button>
      </form>
    </section>
  );
}

function TagsEditor({ contact, onAdd, onRemove }: { contact: ContactDetail; onAdd(tag: string): void; onRemove(tag: string): void }) {
  const [tag, setTag] = useState('');
  return (
    <section aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      <ul className="tags" aria-label="Tags">
        {contact.tags.map((t) => (
          <li key={t}>
            {t}{' '}
            <button type="button" className="link" aria-label={`Remove tag ${t}`} onClick={() => onRemove(t)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) onAdd(tag.trim());
          setTag('');
        }}
      >
        <input aria-label="New tag" placeholder="tag" value={tag} onChange={(e) => setTag(e.target.value)} />
        <button type="submit" disabled={!tag.trim()}>
          Add tag
        </button>
      </form>
    </section>
  );
}
