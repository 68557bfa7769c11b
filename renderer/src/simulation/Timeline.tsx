import { useEffect, useRef, useState } from 'react';
import type { Journey } from '../../../shared/api/calls/journeys.ts';
import { nodeName } from '../../../shared/journey/kinds.ts';
import { formatOffset } from '../../../shared/simulation/offset.ts';
import type { SimulatedEmail, SimulationResult, TimelineEntry } from '../../../shared/simulation/output.ts';

const statusText: Record<SimulationResult['status'], string> = {
  exited: 'Left the journey',
  waiting: 'Still in the journey when the clock stopped',
  breakpoint: 'Stopped at a breakpoint',
  paused: 'Paused',
  'not-admitted': 'Not admitted to the journey',
};

function localTime(at: number, zone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone ?? 'UTC' }).format(at);
  } catch {
    return new Date(at).toISOString();
  }
}

type Row = { kind: 'step'; at: number; step: TimelineEntry; index: number } | { kind: 'applied'; at: number; description: string; index: number };

/** Every step with its virtual time and its decision in plain words; set-up changes between them. */
export function Timeline({ result, journey }: { result: SimulationResult; journey: Journey }) {
  const [viewing, setViewing] = useState<SimulatedEmail | null>(null);
  const names = new Map(journey.document.nodes.map((n) => [n.id, nodeName(n)]));
  const rows: Row[] = [
    ...result.timeline.map((step, index) => ({ kind: 'step' as const, at: step.at, step, index })),
    ...result.applied.map((a, index) => ({ kind: 'applied' as const, at: a.at, description: a.description, index })),
  ].sort((a, b) => a.at - b.at || (a.kind === b.kind ? a.index - b.index : a.kind === 'applied' ? -1 : 1));

  return (
    <div className="timeline-wrap">
      <p role="status" className={`simulation-status status-${result.status}`}>
        <strong>{statusText[result.status]}</strong>: {result.statusReason}
      </p>
      <ol className="timeline" aria-label="Timeline">
        {rows.map((row) =>
          row.kind === 'applied' ? (
            <li key={`a${row.index}`} className="timeline-applied">
              <span className="timeline-time">{formatOffset(row.at - result.start)}</span>
              <span>Set-up: {row.description}</span>
            </li>
          ) : (
            <li key={`s${row.index}`} className={`timeline-step outcome-${row.step.outcome}`}>
              <span className="timeline-time" title={localTime(row.at, result.contact.timezone)}>
                {formatOffset(row.at - result.start)}
              </span>
              <span className="timeline-node">{names.get(row.step.nodeId) ?? row.step.nodeName}</span>
              <span className="timeline-outcome">{row.step.outcome}</span>
              <span className="timeline-reason">{row.step.reason}</span>
              {row.step.email && (
                <span className="timeline-email">
                  “{row.step.email.subject}” to {row.step.email.to}
                  {!row.step.email.rendered && <span className="muted"> ({row.step.email.note})</span>}
                  {row.step.email.cancelled && <strong> {row.step.email.cancelled}</strong>}
                  {row.step.email.html && (
                    <button type="button" onClick={() => setViewing(row.step.email!)}>
                      View email
                    </button>
                  )}
                </span>
              )}
            </li>
          ),
        )}
      </ol>
      {viewing && <EmailViewer email={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}

/** The whole email in a sandboxed frame: no scripts, no navigation, nothing reaches the app. */
function EmailViewer({ email, onClose }: { email: SimulatedEmail; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="dialog email-viewer" aria-label={`Email: ${email.subject}`} onCancel={onClose} open={typeof HTMLDialogElement === 'undefined' ? true : undefined}>
      <h2>{email.subject}</h2>
      <p className="muted">To {email.to} · template {email.templateId}</p>
      <iframe title={`Email preview: ${email.subject}`} sandbox="" srcDoc={email.html ?? ''} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
