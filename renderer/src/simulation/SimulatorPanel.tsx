import { useEffect, useId, useMemo, useState } from 'react';
import type { StoredEvent } from '../../../shared/api/calls/contacts.ts';
import type { Journey } from '../../../shared/api/calls/journeys.ts';
import type { ContactPick } from '../../../shared/api/calls/simulation.ts';
import { nodeName } from '../../../shared/journey/kinds.ts';
import { draftTriggerOf } from '../../../shared/journey/triggerOf.ts';
import type { SimulationEvent } from '../../../shared/simulation/input.ts';
import { api } from '../api/client.ts';
import { createSimulatorStore, readTriggerProperties, type EventRow, type SimulatorStore } from './simulatorStore.ts';
import { Timeline } from './Timeline.tsx';

export interface SimulatorPanelProps {
  journeyId: string;
  /** Called with the node ids the contact passed, so a canvas can highlight the path and dim the rest. */
  onPathChange?(nodeIdsTaken: string[]): void;
  /** Awaited before each run, e.g. to save the draft being edited so the run sees it. */
  beforeRun?(): Promise<void>;
}

const eventTypes: Array<{ value: SimulationEvent['type']; label: string }> = [
  { value: 'event', label: 'Does an event' },
  { value: 'email-opened', label: 'Opens the email of' },
  { value: 'email-clicked', label: 'Clicks in the email of' },
  { value: 'unsubscribe', label: 'Unsubscribes' },
  { value: 'tag-added', label: 'Gets the tag' },
  { value: 'tag-removed', label: 'Loses the tag' },
];

/**
 * Test one contact through a journey: who, from when, what they do and when; then run, step one decision at a
 * time or run to a breakpoint. The timeline comes from the live engine's interpreter on a virtual clock.
 */
export function SimulatorPanel({ journeyId, onPathChange, beforeRun }: SimulatorPanelProps) {
  const [useStore] = useState<SimulatorStore>(() => createSimulatorStore(journeyId));
  const [journey, setJourney] = useState<Journey | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const result = useStore((s) => s.result);
  const running = useStore((s) => s.running);
  const error = useStore((s) => s.error);
  const breakpoints = useStore((s) => s.breakpoints);
  const runStore = useStore((s) => s.run);
  const run = async (mode: Parameters<typeof runStore>[0]) => {
    await beforeRun?.();
    await runStore(mode);
  };

  useEffect(() => {
    api()['journeys.get']({ id: journeyId }).then(setJourney, (e: Error) => setLoadError(e.message));
  }, [journeyId]);

  useEffect(() => {
    if (result) onPathChange?.(result.path);
  }, [result, onPathChange]);

  if (loadError) return <p role="alert" className="error-banner">{loadError}</p>;
  if (!journey) return <p className="muted">Loading…</p>;
  const trigger = draftTriggerOf(journey.document);

  return (
    <section className="simulator" aria-labelledby="simulator-title">
      <h2 id="simulator-title">Test one contact</h2>
      <div className="simulator-setup">
        <ContactSetUp useStore={useStore} />
        {trigger?.type === 'event' && <EntryEventSetUp useStore={useStore} eventName={trigger.event.name} />}
        <TimingSetUp useStore={useStore} />
        <EventsSetUp useStore={useStore} journey={journey} />
        <ChoicesSetUp useStore={useStore} journey={journey} />
      </div>
      <div className="inline-form simulator-actions">
        <button type="button" className="primary" disabled={running} onClick={() => void run('run')}>
          Run
        </button>
        <button type="button" disabled={running} onClick={() => void run('step')}>
          Step
        </button>
        <button type="button" disabled={running || breakpoints.length === 0} onClick={() => void run('breakpoint')}>
          Run to breakpoint
        </button>
        {result?.status === 'breakpoint' && (
          <button type="button" disabled={running} onClick={() => void run('continue')}>
            Continue
          </button>
        )}
      </div>
      {error && <p role="alert" className="error-banner">{error}</p>}
      {result && <Timeline result={result} journey={journey} />}
    </section>
  );
}

function ContactSetUp({ useStore }: { useStore: SimulatorStore }) {
  const mode = useStore((s) => s.contactMode);
  const madeUp = useStore((s) => s.madeUp);
  const existing = useStore((s) => s.existing);
  const set = useStore((s) => s.set);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ContactPick[]>([]);

  useEffect(() => {
    if (mode !== 'existing') return;
    const timer = setTimeout(() => {
      api()['simulation.findContacts']({ search, limit: 8 }).then(setFound, () => setFound([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [search, mode]);

  const field = (key: keyof typeof madeUp, label: string, placeholder = '') => (
    <label>
      {label}
      <input value={madeUp[key]} placeholder={placeholder} onChange={(e) => set({ madeUp: { ...madeUp, [key]: e.target.value } })} />
    </label>
  );

  return (
    <fieldset>
      <legend>Contact</legend>
      <label>
        <input type="radio" name="contact-mode" checked={mode === 'made-up'} onChange={() => set({ contactMode: 'made-up' })} /> Made-up contact
      </label>
      <label>
        <input type="radio" name="contact-mode" checked={mode === 'existing'} onChange={() => set({ contactMode: 'existing' })} /> Contact from the workspace
      </label>
      {mode === 'made-up' ? (
        <div className="form-grid">
          {field('email', 'Email')}
          {field('firstName', 'First name')}
          {field('timezone', 'Time zone', 'Europe/Paris')}
          {field('tags', 'Tags', 'vip, trial')}
          <label>
            Consent
            <select value={madeUp.consent} onChange={(e) => set({ madeUp: { ...madeUp, consent: e.target.value as typeof madeUp.consent } })}>
              <option value="subscribed">Subscribed</option>
              <option value="never-asked">Never asked</option>
              <option value="unsubscribed">Unsubscribed</option>
            </select>
          </label>
        </div>
      ) : (
        <div>
          <input type="search" aria-label="Find a contact" placeholder="Email or name" value={search} onChange={(e) => setSearch(e.target.value)} />
          {existing && <p>Chosen: <strong>{existing.email}</strong></p>}
          <ul className="pick-list" aria-label="Matching contacts">
            {found.map((c) => (
              <li key={c.id}>
                <button type="button" aria-pressed={existing?.id === c.id} onClick={() => set({ existing: { id: c.id, email: c.email }, entryEventId: null })}>
                  {c.email}
                  {c.name && <span className="muted"> {c.name}</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}

/** The latest events of the trigger's name offered for a stored contact (the API gives at most 500). */
const ENTRY_EVENTS_SHOWN = 50;

const eventTime = (at: number) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at) + ' UTC';
const shortJson = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

/**
 * For an event-triggered journey, the event that admits the contact, whose properties its emails read (the cart's
 * items): typed for a made-up contact, chosen among a stored contact's events of the trigger's name.
 */
function EntryEventSetUp({ useStore, eventName }: { useStore: SimulatorStore; eventName: string }) {
  const mode = useStore((s) => s.contactMode);
  const existing = useStore((s) => s.existing);
  const typed = useStore((s) => s.triggerProperties);
  const entryEventId = useStore((s) => s.entryEventId);
  const set = useStore((s) => s.set);
  const id = useId();
  const [listed, setListed] = useState<{ contactId: number; total: number; events: StoredEvent[] } | { contactId: number; error: string } | null>(null);
  const contactId = mode === 'existing' ? existing?.id : undefined;

  useEffect(() => {
    if (contactId === undefined) return;
    let current = true;
    api()['contacts.events']({ id: contactId, name: eventName, limit: ENTRY_EVENTS_SHOWN }).then(
      (page) => current && setListed({ contactId, ...page }),
      (error: Error) => current && setListed({ contactId, error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [contactId, eventName]);

  const { problem } = readTriggerProperties(typed);
  const shown = listed && listed.contactId === contactId ? listed : null;

  return (
    <fieldset>
      <legend>Trigger event: {eventName}</legend>
      {mode === 'made-up' ? (
        <div className="entry-event">
          <label htmlFor={`${id}-properties`}>Trigger event properties</label>
          <textarea
            id={`${id}-properties`}
            rows={4}
            spellCheck={false}
            value={typed}
            placeholder={'{"items": [{"name": "Desk lamp", "price": 40}], "total": 40}'}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
            onChange={(e) => set({ triggerProperties: e.target.value })}
          />
          <p className="muted" id={`${id}-hint`}>
            What the {eventName} event carries, as a JSON object; its emails read it. Left empty, the contact enters with the values the trigger asks for.
          </p>
          {problem && (
            <p className="field-error" id={`${id}-error`}>
              {problem}
            </p>
          )}
        </div>
      ) : contactId === undefined ? (
        <p className="muted">Choose a contact to pick which of their {eventName} events admits them.</p>
      ) : !shown ? (
        <p className="muted">Loading their {eventName} events…</p>
      ) : 'error' in shown ? (
        <p role="alert" className="error-banner">{shown.error}</p>
      ) : (
        <div className="entry-event">
          <label htmlFor={`${id}-event`}>Event that admits them</label>
          <select id={`${id}-event`} aria-describedby={`${id}-events-note`} value={entryEventId ?? ''} onChange={(e) => set({ entryEventId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">Their latest before the start</option>
            {shown.events.map((event) => (
              <option key={event.id} value={event.id}>
                {eventTime(event.at)} {shortJson(event.properties)}
              </option>
            ))}
          </select>
          <p className="muted" id={`${id}-events-note`}>
            {shown.total === 0
              ? `They have no ${eventName} event: they enter with the values the trigger asks for.`
              : shown.total > shown.events.length
                ? `Their latest ${shown.events.length} of ${shown.total.toLocaleString('en-GB')} ${eventName} events.`
                : `Their ${shown.total} ${eventName} event${shown.total === 1 ? '' : 's'}.`}
          </p>
        </div>
      )}
    </fieldset>
  );
}

function TimingSetUp({ useStore }: { useStore: SimulatorStore }) {
  const start = useStore((s) => s.start);
  const until = useStore((s) => s.until);
  const seed = useStore((s) => s.seed);
  const set = useStore((s) => s.set);
  return (
    <fieldset>
      <legend>Virtual clock</legend>
      <div className="form-grid">
        <label>
          Start (ISO, UTC)
          <input value={start} onChange={(e) => set({ start: e.target.value })} />
        </label>
        <label>
          Run for
          <input value={until} placeholder="30d" onChange={(e) => set({ until: e.target.value })} />
        </label>
        <label>
          Seed
          <input type="number" value={seed} onChange={(e) => set({ seed: Number(e.target.value) || 0 })} />
        </label>
      </div>
    </fieldset>
  );
}

function EventsSetUp({ useStore, journey }: { useStore: SimulatorStore; journey: Journey }) {
  const events = useStore((s) => s.events);
  const { addEvent, updateEvent, removeEvent } = useStore.getState();
  const emailNodes = useMemo(() => journey.document.nodes.filter((n) => n.kind === 'email'), [journey]);
  const row = (e: EventRow, index: number) => {
    const n = index + 1;
    return (
      <li key={e.key} className="inline-form">
        <label className="visually-hidden" htmlFor={`event-type-${e.key}`}>Event {n} type</label>
        <select id={`event-type-${e.key}`} value={e.type} onChange={(ev) => updateEvent(e.key, { type: ev.target.value as EventRow['type'] })}>
          {eventTypes.map((t) => (
            <option key={t.value} value={t.value}>{t.label}</option>
          ))}
        </select>
        {e.type === 'event' && <input aria-label={`Event ${n} name`} value={e.name} onChange={(ev) => updateEvent(e.key, { name: ev.target.value })} />}
        {(e.type === 'email-opened' || e.type === 'email-clicked') && (
          <select aria-label={`Event ${n} email step`} value={e.nodeId} onChange={(ev) => updateEvent(e.key, { nodeId: ev.target.value })}>
            <option value="">Choose an email step</option>
            {emailNodes.map((node) => (
              <option key={node.id} value={node.id}>{node.name || node.id}</option>
            ))}
          </select>
        )}
        {(e.type === 'tag-added' || e.type === 'tag-removed') && <input aria-label={`Event ${n} tag`} value={e.tag} onChange={(ev) => updateEvent(e.key, { tag: ev.target.value })} />}
        <span>{e.type === 'email-opened' || e.type === 'email-clicked' ? 'after the send, at' : 'at'}</span>
        <input aria-label={`Event ${n} time`} className="short" value={e.at} onChange={(ev) => updateEvent(e.key, { at: ev.target.value })} />
        <button type="button" aria-label={`Remove event ${n}`} onClick={() => removeEvent(e.key)}>✕</button>
      </li>
    );
  };
  return (
    <fieldset>
      <legend>What the contact does</legend>
      <p className="muted">Times are offsets from the start: +30m, +30h, +2d, +1w.</p>
      <ol className="event-rows">{events.map(row)}</ol>
      <button type="button" onClick={addEvent}>Add event</button>
    </fieldset>
  );
}

function ChoicesSetUp({ useStore, journey }: { useStore: SimulatorStore; journey: Journey }) {
  const abVariants = useStore((s) => s.abVariants);
  const breakpoints = useStore((s) => s.breakpoints);
  const set = useStore((s) => s.set);
  const splits = journey.document.nodes.filter((n) => n.kind === 'ab-split');
  return (
    <fieldset>
      <legend>Forced choices and breakpoints</legend>
      {splits.map((node) => {
        const variants = Array.isArray(node.config.variants) ? (node.config.variants as Array<{ id: string; name: string }>) : [];
        return (
          <label key={node.id}>
            Variant at “{node.name || node.id}”
            <select value={abVariants[node.id] ?? ''} onChange={(e) => set({ abVariants: { ...abVariants, [node.id]: e.target.value } })}>
              <option value="">As the seed rolls it</option>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>{v.name}</option>
              ))}
            </select>
          </label>
        );
      })}
      <details>
        <summary>Breakpoints ({breakpoints.length})</summary>
        <ul className="breakpoints">
          {journey.document.nodes.map((node) => (
            <li key={node.id}>
              <label>
                <input
                  type="checkbox"
                  checked={breakpoints.includes(node.id)}
                  onChange={(e) => set({ breakpoints: e.target.checked ? [...breakpoints, node.id] : breakpoints.filter((b) => b !== node.id) })}
                />{' '}
                Stop at {nodeName(node)}
              </label>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}
