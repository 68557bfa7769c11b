import { useEffect, useState, type FormEvent } from 'react';
import type { JourneySummary } from '../../../shared/api/calls/journeys.ts';
import { useJourneyList } from './journeyListStore.ts';
import { useNavigation } from '../app/navigation.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CreateByNameForm } from '../ui/CreateByNameForm.tsx';
import { timeAgo } from '../ui/format.ts';
import { ExportJourneyButton, ImportJourneyButton } from '../exchange/ExchangeButtons.tsx';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';
import { SendingPausedBanner } from '../sending/SendingPausedBanner.tsx';
import { EngineStatusNote } from '../engine/EngineStatusNote.tsx';

export function JourneysScreen() {
  const journeys = useJourneyList((s) => s.journeys);
  const search = useJourneyList((s) => s.search);
  const error = useJourneyList((s) => s.error);
  const loading = useJourneyList((s) => s.loading);
  const { setSearch, refresh, create, loadSample } = useJourneyList.getState();
  const go = useNavigation((s) => s.go);
  const [loadingSample, setLoadingSample] = useState(false);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onLoadSample = async () => {
    setLoadingSample(true);
    await loadSample().catch(() => undefined);
    setLoadingSample(false);
  };

  const empty = !loading && journeys.length === 0 && !search;

  return (
    <section className="screen" aria-labelledby="journeys-title">
      <header className="screen-header">
        <h1 id="journeys-title">Journeys</h1>
        <div className="inline-form">
          <ImportJourneyButton />
          <CreateByNameForm noun="journey" create={create} open={(id) => go({ screen: 'journey', id })} />
        </div>
      </header>
      <SendingPausedBanner />
      <EngineStatusNote />
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {empty ? (
        <div className="empty-state">
          <h2>No journeys yet</h2>
          <p>Start from scratch with a name above, or explore a ready-made workspace: 2,000 contacts with a few months of behaviour, and three journeys (cart abandonment, a 21-day trial nurture and a win-back).</p>
          <button type="button" className="primary" onClick={onLoadSample} disabled={loadingSample}>
            {loadingSample ? 'Loading the sample workspace…' : 'Load sample workspace'}
          </button>
        </div>
      ) : (
        <>
          <input
            type="search"
            className="search"
            aria-label="Search journeys"
            placeholder="Search by name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <table className="table" aria-label="Journeys">
            <ColumnHeads names={['Name', 'Status', 'Steps', 'Last change']} actions />
            <tbody>
              {journeys.map((journey) => (
                <JourneyRow key={journey.id} journey={journey} />
              ))}
            </tbody>
          </table>
          {journeys.length === 0 && <p className="muted">No journey matches “{search}”.</p>}
        </>
      )}
    </section>
  );
}

function JourneyRow({ journey }: { journey: JourneySummary }) {
  const { rename, duplicate, remove } = useJourneyList.getState();
  const go = useNavigation((s) => s.go);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(journey.name);
  const [confirming, setConfirming] = useState(false);

  const onRename = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== journey.name) await rename(journey.id, name.trim()).catch(() => undefined);
    setRenaming(false);
  };

  return (
    <tr>
      <td>
        {renaming ? (
          <form className="inline-form" onSubmit={onRename}>
            <input aria-label={`New name for ${journey.name}`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            <button type="submit">Save name</button>
            <button type="button" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" className="link" onClick={() => go({ screen: 'journey', id: journey.id })}>
            {journey.name}
          </button>
        )}
      </td>
      <td>
        <span className={`status status-${journey.status}`}>{journey.status}</span>
      </td>
      <td>{journey.nodeCount}</td>
      <td>
        <time dateTime={new Date(journey.updatedAt).toISOString()}>{timeAgo(journey.updatedAt)}</time>
      </td>
      <td>
        <div className="row-actions">
        <button type="button" aria-label={`Rename ${journey.name}`} onClick={() => setRenaming(true)}>
          Rename
        </button>
        <button type="button" aria-label={`Duplicate ${journey.name}`} onClick={() => void duplicate(journey.id).catch(() => undefined)}>
          Duplicate
        </button>
        <ExportJourneyButton id={journey.id} name={journey.name} />
        <button type="button" className="danger" aria-label={`Delete ${journey.name}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
        {confirming && (
          <ConfirmDialog
            title={`Delete “${journey.name}”?`}
            message="The journey and all its versions are deleted. This cannot be undone."
            confirmLabel="Delete journey"
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void remove(journey.id).catch(() => undefined);
            }}
          />
        )}
        </div>
      </td>
    </tr>
  );
}
