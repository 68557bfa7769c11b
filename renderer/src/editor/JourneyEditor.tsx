import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { showStepNumbers, useLiveCounts, usePollLiveCounts, type StepNumbersView } from '../canvas/liveCounts.ts';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { NodeKind } from '../../../shared/journey/nodes.ts';
import { newNode } from '../../../shared/journey/defaults.ts';
import { api } from '../api/client.ts';
import { useNavigation } from '../app/navigation.ts';
import { JourneyCanvas } from '../canvas/JourneyCanvas.tsx';
import { Palette } from '../canvas/Palette.tsx';
import { NODE_WIDTH } from '../../../shared/journey/nodeSize.ts';
import { showSimulatedPath } from '../canvas/pathHighlight.ts';
import { addNode, addNodeAfter } from './documentEdits.ts';
import { startAutosave, useSaveStatus } from './autosave.ts';
import { canRedo, canUndo, useJourney } from './journeyStore.ts';
import { useSelection } from './selectionStore.ts';
import { useTemplates } from './templatesStore.ts';
import { useNotice } from './notices.ts';
import { holdCheckForReferences, useProblems } from './problems.ts';
import { openingJourney, useOpening } from './opening.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { redo, undo } from './commands.ts';
import { useEditorShortcuts } from './shortcuts.ts';
import '../canvas/canvas.css';
import '../inspector/inspector.css';
import './editor.css';
import { useSegments } from './segmentsStore.ts';
import { SendingPausedBanner } from '../sending/SendingPausedBanner.tsx';

// The side panel's forms and the simulator, with the journey schemas they check against, are not needed to draw a
// journey: they load once the canvas has drawn it (opening.ts), or when the Test tab is opened.
const Inspector = lazy(() => import('../inspector/Inspector.tsx').then((m) => ({ default: m.Inspector })));
const SimulatorPanel = lazy(() => import('../simulation/SimulatorPanel.tsx').then((m) => ({ default: m.SimulatorPanel })));

/** A journey's page: palette, canvas, inspector and problems, with autosave and publishing. */
export function JourneyEditor({ journeyId, onCreateTemplate }: { journeyId: string; onCreateTemplate?: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const loaded = useJourney((s) => s.journey?.id === journeyId && s.doc !== null);
  const autosave = useRef<ReturnType<typeof startAutosave> | null>(null);

  useEffect(() => {
    let cancelled = false;
    useJourney.getState().close();
    useSelection.getState().clear();
    useNotice.getState().dismiss();
    // The journey is asked for first: the host answers in turn, and the canvas waits for the journey, not the lists.
    const journeyAnswer = api()['journeys.get']({ id: journeyId });
    const references = Promise.all([useTemplates.getState().refresh(), useSegments.getState().refresh()]);
    journeyAnswer
      .then((journey) => {
        if (cancelled) return;
        openingJourney();
        holdCheckForReferences(references);
        useJourney.getState().load({ id: journey.id, name: journey.name, status: journey.status }, journey.document);
        autosave.current = startAutosave();
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
      autosave.current?.stop();
      autosave.current = null;
    };
  }, [journeyId]);

  useEditorShortcuts();
  const published = useJourney((s) => s.journey !== null && s.journey.status !== 'draft');
  usePollLiveCounts(journeyId, published);
  const flush = useCallback(() => autosave.current?.flush() ?? Promise.resolve(), []);

  return (
    <section className="editor" aria-labelledby="journey-title">
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {loaded && (
        <ReactFlowProvider>
          <EditorHeader flush={flush} />
          <SendingPausedBanner />
          <div className="editor-body">
            <PaletteColumn />
            <div className="editor-center">
              <JourneyCanvas />
              <ProblemsPanel />
            </div>
            <InspectorColumn onCreateTemplate={onCreateTemplate} flush={flush} />
          </div>
          <Notice />
        </ReactFlowProvider>
      )}
    </section>
  );
}

function PaletteColumn() {
  const flow = useReactFlow();
  const onAdd = useCallback(
    (kind: NodeKind) => {
      const node = newNode(kind);
      const selected = useSelection.getState().nodes;
      const after = selected.length === 1 ? selected[0] : null;
      useJourney.getState().edit((doc) => {
        if (after) return addNodeAfter(doc, after, node);
        // Nothing selected: below the lowest step, or in the middle of the view on an empty canvas.
        const ys = Object.values(doc.layout.positions);
        if (ys.length) {
          const lowest = ys.reduce((a, b) => (b.y > a.y ? b : a));
          return addNode(doc, node, { x: lowest.x, y: lowest.y + 140 });
        }
        const box = document.querySelector('.canvas')?.getBoundingClientRect();
        const centre = flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 600) / 2, y: (box?.top ?? 0) + 80 });
        return addNode(doc, node, { x: Math.round(centre.x - NODE_WIDTH / 2), y: Math.round(centre.y) });
      });
      useSelection.getState().select({ nodes: [node.id] });
    },
    [flow],
  );
  return <Palette onAdd={onAdd} />;
}

function InspectorColumn({ onCreateTemplate, flush }: { onCreateTemplate?: () => void; flush(): Promise<void> }) {
  const [panel, setPanel] = useState<'step' | 'settings' | 'test'>('step');
  const hasNode = useSelection((s) => s.nodes.length === 1);
  const journeyId = useJourney((s) => s.journey!.id);
  const drawn = useOpening((s) => s.drawn);
  const showSettings = panel === 'settings' || (panel === 'step' && !hasNode);
  return (
    <div className={`inspector-column${panel === 'test' ? ' is-testing' : ''}`}>
      <div className="inspector-tabs" role="group" aria-label="Side panel">
        <button type="button" aria-pressed={panel === 'step' && hasNode} disabled={!hasNode} onClick={() => setPanel('step')}>
          Step
        </button>
        <button type="button" aria-pressed={showSettings} onClick={() => setPanel('settings')}>
          Journey settings
        </button>
        <button type="button" aria-pressed={panel === 'test'} onClick={() => setPanel('test')} title="Run one contact through this draft and see their path on the canvas">
          Test
        </button>
      </div>
      <Suspense>
        {panel === 'test' ? <TestPanel journeyId={journeyId} flush={flush} /> : drawn && <Inspector showSettings={showSettings} onCreateTemplate={onCreateTemplate} />}
      </Suspense>
    </div>
  );
}

/** The simulator beside the canvas: it runs the saved draft, and the canvas shows the path while the panel is open. */
function TestPanel({ journeyId, flush }: { journeyId: string; flush(): Promise<void> }) {
  useEffect(() => () => showSimulatedPath(null), []);
  return (
    <aside className="side-panel test-panel">
      <SimulatorPanel journeyId={journeyId} onPathChange={showSimulatedPath} beforeRun={flush} />
    </aside>
  );
}

const saveLabels = { saved: 'All changes saved', unsaved: 'Unsaved changes', saving: 'Saving…', error: 'Not saved' };

function EditorHeader({ flush }: { flush(): Promise<void> }) {
  const go = useNavigation((s) => s.go);
  const journey = useJourney((s) => s.journey)!;
  const undoable = useJourney(canUndo);
  const redoable = useJourney(canRedo);
  const save = useSaveStatus();
  const problemCount = useProblems().all.length;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(journey.name);
  const [publishing, setPublishing] = useState(false);

  const onRename = async (event: FormEvent) => {
    event.preventDefault();
    setRenaming(false);
    const next = name.trim();
    if (!next || next === journey.name) return;
    try {
      const renamed = await api()['journeys.rename']({ id: journey.id, name: next });
      useJourney.getState().setJourney({ name: renamed.name });
    } catch (e) {
      useNotice.getState().show((e as Error).message, 'error');
    }
  };

  const onPublish = async () => {
    setPublishing(true);
    try {
      await flush();
      const result = await api()['journeys.publish']({ id: journey.id });
      useJourney.getState().setJourney({ status: result.journey.status });
      const who = result.version > 1 ? ' Contacts already in the journey stay on the version they entered on; new entrants get this one.' : '';
      useNotice.getState().show(`Published: version ${result.version} is live.${who}`);
    } catch (e) {
      useNotice.getState().show((e as Error).message, 'error');
    } finally {
      setPublishing(false);
    }
  };

  /** Pause, resume and stop: the live engine's controls (publish is above, and goes through the validator). */
  const control = async (action: 'journeys.pause' | 'journeys.resume' | 'journeys.stop', done: string) => {
    try {
      const result = await api()[action]({ id: journey.id });
      const summary = 'journey' in result ? result.journey : result;
      useJourney.getState().setJourney({ status: summary.status });
      useNotice.getState().show('contactsStopped' in result ? `${done}: ${result.contactsStopped} contact(s) left with the reason "stopped".` : `${done}.`);
    } catch (e) {
      useNotice.getState().show((e as Error).message, 'error');
    }
  };

  return (
    <header className="editor-header">
      <button type="button" className="link" onClick={() => void flush().then(() => go({ screen: 'journeys' }))}>
        ← All journeys
      </button>
      {renaming ? (
        <form className="inline-form" onSubmit={onRename}>
          <input aria-label="Journey name" value={name} onChange={(e) => setName(e.target.value)} autoFocus onBlur={onRename} />
        </form>
      ) : (
        <h1 id="journey-title" className="editor-title">
          <button type="button" className="title-button" onClick={() => setRenaming(true)} title="Rename" aria-label={`${journey.name} (rename)`}>
            {journey.name}
          </button>
        </h1>
      )}
      <span className={`status status-${journey.status}`}>{journey.status}</span>
      <span className={`save-status save-${save.status}`} role="status" title={save.error ?? undefined}>
        {saveLabels[save.status]}
        {save.error ? `: ${save.error}` : ''}
      </span>
      <div className="editor-actions">
        <button type="button" onClick={undo} disabled={!undoable} aria-keyshortcuts="Control+Z" title="Undo (Ctrl/Cmd+Z)">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!redoable} aria-keyshortcuts="Control+Shift+Z" title="Redo (Shift+Ctrl/Cmd+Z)">
          Redo
        </button>
        {journey.status !== 'draft' && <StepNumbersPicker />}
        {journey.status === 'live' && (
          <button type="button" onClick={() => void control('journeys.pause', 'Paused: work stays queued')}>
            Pause
          </button>
        )}
        {journey.status === 'paused' && (
          <button type="button" onClick={() => void control('journeys.resume', 'Resumed')}>
            Resume
          </button>
        )}
        {(journey.status === 'live' || journey.status === 'paused') && (
          <button type="button" className="danger" onClick={() => void control('journeys.stop', 'Stopped')}>
            Stop
          </button>
        )}
        <button type="button" className="primary" onClick={() => void onPublish()} disabled={publishing} title={problemCount ? `${problemCount} problem(s) to fix first` : 'Make this draft the live version'}>
          {publishing ? 'Publishing…' : 'Publish'}
        </button>
      </div>
    </header>
  );
}

const numberViews: Array<{ value: string; label: string; view: StepNumbersView }> = [
  { value: 'live', label: 'Live now', view: { kind: 'live' } },
  { value: 'all', label: 'Results, all time', view: { kind: 'results', days: null } },
  { value: '7', label: 'Results, last 7 days', view: { kind: 'results', days: 7 } },
  { value: '30', label: 'Results, last 30 days', view: { kind: 'results', days: 30 } },
];

/** What the steps of a published journey show: the engine's counts now, or results over a range. */
function StepNumbersPicker() {
  const view = useLiveCounts((s) => s.view);
  const current = numberViews.find((v) => v.view.kind === view.kind && (v.view.kind === 'live' || (view.kind === 'results' && v.view.days === view.days)));
  return (
    <select aria-label="Numbers on steps" value={current?.value ?? 'live'} onChange={(e) => void showStepNumbers(numberViews.find((v) => v.value === e.target.value)!.view)}>
      {numberViews.map((v) => (
        <option key={v.value} value={v.value}>
          {v.label}
        </option>
      ))}
    </select>
  );
}

function Notice() {
  const notice = useNotice((s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`editor-notice editor-notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" aria-label="Dismiss message" onClick={() => useNotice.getState().dismiss()}>
        ✕
      </button>
    </div>
  );
}
