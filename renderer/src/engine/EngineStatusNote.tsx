import { useEffect, useState } from 'react';
import type { EngineStatus } from '../../../shared/api/calls/engine.ts';
import { engineHolderLabel } from '../../../shared/engine/engineHolder.ts';
import { api } from '../api/client.ts';

const REFRESH_MS = 5000;

/** A moment as a clock time, with the date when it is not today. */
function clockTime(at: number, now = Date.now()): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date(now).toDateString() ? time : `${date.toLocaleDateString()} ${time}`;
}

/** What the note says about the engine; nothing while it runs in this app, as it normally does. */
export function engineStatusLine(status: EngineStatus): string {
  switch (status.state) {
    case 'running-here':
      return '';
    case 'running-elsewhere':
      return `The engine runs in another process: ${engineHolderLabel(status.holder)} since ${clockTime(status.holder.since)}. This app stands by and takes over when it stops.`;
    case 'not-running':
      return `The engine is not running: live journeys neither move on nor send.${status.last ? ` It last ran in ${engineHolderLabel(status.last)}, until ${clockTime(status.last.heartbeatAt)}.` : ''}`;
  }
}

/**
 * One engine runs a workspace's journeys at a time (docs/engine.md): where the screens show what it does, this says
 * when it is another process's, or none. A live region from the start, so that a change is read out.
 */
export function EngineStatusNote() {
  const [line, setLine] = useState('');
  useEffect(() => {
    let stopped = false;
    const refresh = () =>
      api()['engine.status']({}).then(
        (status) => !stopped && setLine(engineStatusLine(status)),
        () => undefined, // a nicety: the last line stays until the next refresh answers
      );
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <p role="status" className="engine-status">
      {line}
    </p>
  );
}
