import { usePollSendingStatus, useSendingStatus } from './sendingStatusStore.ts';

/**
 * Says that the workspace's sending is paused, why, and offers to resume: on the screens where a marketer would
 * otherwise wonder why nothing goes out (the journeys, a journey's canvas, the outbox).
 */
export function SendingPausedBanner() {
  usePollSendingStatus();
  const paused = useSendingStatus((s) => s.paused);
  const error = useSendingStatus((s) => s.error);
  const resuming = useSendingStatus((s) => s.resuming);
  if (!paused) return null;
  return (
    <section className="sending-paused" role="alert" aria-label="Sending paused">
      <div>
        <p className="sending-paused-reason">{paused.reason}</p>
        <p className="muted">
          {paused.since > 0 && `Paused ${new Date(paused.since).toLocaleString()}. `}
          The journeys go on and their emails wait in the outbox's queue until sending resumes.
        </p>
        {error && <p className="field-error">{error}</p>}
      </div>
      <button type="button" className="primary" onClick={() => void useSendingStatus.getState().resume()} disabled={resuming}>
        {resuming ? 'Resuming…' : 'Resume sending'}
      </button>
    </section>
  );
}
