import { dirname, join } from 'node:path';
import type { Services } from '../services.ts';
import { JourneyRunner, type RunnerOptions } from './runner.ts';
import { OutboxSender } from './senders/outboxSender.ts';
import { SmtpSender } from './senders/smtpSender.ts';
import type { EmailSender } from './senders/emailSender.ts';
import { readSendingSettings } from './sendingSettings.ts';
import { secretEnvironment } from './secretStore.ts';
import { FeedbackPoller } from './feedback/feedbackPoller.ts';
import type { EngineHolder } from '../../../shared/api/calls/engine.ts';
import { engineHolderLabel } from '../../../shared/engine/engineHolder.ts';

/** The outbox folder beside the workspace database: what the desktop app lists as sent mail by default. */
export const outboxFolder = (databasePath: string) => join(dirname(databasePath), 'outbox');

/** The sender the workspace's settings ask for; SMTP takes its password from the secret store. */
export function senderFor(services: Services, override?: 'outbox' | 'smtp'): EmailSender {
  const settings = readSendingSettings(services.db);
  const kind = override ?? settings.sender;
  if (kind === 'outbox') return new OutboxSender(outboxFolder(services.databasePath));
  if (!settings.smtp) throw new Error('sending is set to SMTP but no SMTP server is configured');
  const password = services.secrets.get('smtp.password');
  if (settings.smtp.user && password === undefined) {
    throw new Error(`the SMTP server needs a password for ${settings.smtp.user}: ${services.secrets.canStore ? 'save it in the sending settings' : `set ${secretEnvironment['smtp.password']}`}`);
  }
  return new SmtpSender(settings.smtp, password);
}

export function createRunner(services: Services, options: Partial<Omit<RunnerOptions, 'services'>> = {}): JourneyRunner {
  return new JourneyRunner({
    services,
    ...options,
    sender: options.sender ?? senderFor(services),
  });
}

/**
 * The live engine while the app is open (desktop or browser mode): it ticks every second, and work that fell
 * due while the app was closed runs at once. While another process runs the engine on the same workspace it stands
 * by, and takes over when that one stops. A runner that cannot start (e.g. SMTP chosen but no password)
 * is reported and the app goes on without it. Bounces and complaints are read beside it (FeedbackPoller) either way.
 */
export function startBackgroundRunner(services: Services, kind: string, intervalMs = 1000): { close(): Promise<void> } {
  const feedback = new FeedbackPoller(services);
  feedback.start();
  try {
    const runner = createRunner(services, { kind, onLeaseChange: (elsewhere) => console.log(engineLeaseLine(elsewhere)) });
    runner.start(intervalMs);
    return { close: () => Promise.all([runner.close(), feedback.stop()]).then(() => undefined) };
  } catch (error) {
    console.error(`the journey runner could not start: ${error instanceof Error ? error.message : String(error)}`);
    return { close: () => feedback.stop() };
  }
}

/** What an engine says when it starts running the workspace's journeys, or stands by for another process. */
export function engineLeaseLine(elsewhere: EngineHolder | null): string {
  if (!elsewhere) return 'the engine runs in this process';
  return `standing by: the engine runs in another process, ${engineHolderLabel(elsewhere)} since ${new Date(elsewhere.since).toISOString()}`;
}
