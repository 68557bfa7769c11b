import { useCallback, useEffect, useState } from 'react';
import type { OutboundEmail } from '../../../shared/api/calls/engine.ts';
import { api } from '../api/client.ts';
import { ColumnHeads } from '../ui/ColumnHeads.tsx';
import { SendingPausedBanner } from '../sending/SendingPausedBanner.tsx';
import { EngineStatusNote } from '../engine/EngineStatusNote.tsx';

type Status = OutboundEmail['status'] | '';

const statusLabels: Record<OutboundEmail['status'], string> = { queued: 'queued', sent: 'sent', failed: 'failed', cancelled: 'cancelled' };

/** Every email the engine has queued, sent or failed, newest first (by default written to the outbox folder). */
export function OutboxScreen() {
  const [status, setStatus] = useState<Status>('');
  const [emails, setEmails] = useState<OutboundEmail[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api()['engine.outbox']({ status: status || undefined, limit: 500 }).then(
      (list) => {
        setEmails(list);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [status]);
  useEffect(refresh, [refresh]);

  return (
    <section className="screen" aria-labelledby="outbox-title">
      <header className="screen-header">
        <h1 id="outbox-title">Outbox</h1>
        <div className="inline-form">
          <label>
            Status{' '}
            <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
              <option value="">all</option>
              {Object.entries(statusLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={refresh}>
            Refresh
          </button>
        </div>
      </header>
      <SendingPausedBanner />
      <EngineStatusNote />
      <p className="muted">The newest 500 emails the journeys have queued or sent. Without an SMTP server, they are written into the outbox folder beside the workspace, a file of emails (mbox) per batch.</p>
      {error && (
        <p role="alert" className="error-banner">
          {error}
        </p>
      )}
      {emails?.length === 0 && <p className="muted">{status ? `No ${statusLabels[status]} emails.` : 'No emails yet: they appear here once a live journey sends.'}</p>}
      {emails && emails.length > 0 && (
        <table className="table" aria-label="Emails">
          <ColumnHeads names={['To', 'Subject', 'Journey', 'Status', 'Sent']} />
          <tbody>
            {emails.map((email) => (
              <tr key={email.messageKey}>
                <td>
                  <a href={`#/contacts/${email.contactId}`}>{email.to}</a>
                </td>
                <td>{email.subject ?? '—'}</td>
                <td>
                  <a href={`#/journeys/${email.journeyId}`}>{email.journeyId}</a>
                </td>
                <td title={email.lastError ?? undefined}>
                  {statusLabels[email.status]}
                  {email.lastError ? `: ${email.lastError}` : ''}
                </td>
                <td>{email.sentAt ? new Date(email.sentAt).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
