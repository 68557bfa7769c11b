import { tempWorkspace } from './workspace.ts';
import { loadSample } from '../../electron/services/sample/loadSample.ts';
import { JourneyRunner } from '../../electron/services/engine/runner.ts';
import type { EmailSender, ReadyEmail } from '../../electron/services/engine/senders/emailSender.ts';

const T0 = Date.parse('2026-04-06T08:00:00Z');
const HOUR = 3_600_000;

/** Keeps every email it is handed and accepts it. */
function recorder(): EmailSender & { emails: ReadyEmail[] } {
  const emails: ReadyEmail[] = [];
  return {
    kind: 'outbox',
    emails,
    sendBatch: async (batch, settled) => {
      for (const email of batch) settled((emails.push(email), email), {});
    },
    close: async () => {},
  };
}

/** The parts of a composed message that differ from one composition to the next: the Date and the boundary. */
export const stable = (email: ReadyEmail) => ({ ...email, raw: email.raw.replace(/^Date: .*$/m, 'Date: -').replaceAll(/_NmP-[0-9a-f]+-Part/g, '_NmP-x-Part') });

/**
 * Three days of the sample's trial nurture on a workspace of its own, its emails prepared as `deliveryThread` says. */
export async function threeDays(deliveryThread: URL | string | null, cleanup: Array<() => void>) {
  let clock = T0;
  const ws = tempWorkspace(() => clock);
  cleanup.push(() => ws.close());
  loadSample(ws.services.db, { contacts: 300, seed: 11, now: T0 });
  // one signing key for both workspaces, so that their unsubscribe links are the same
  ws.services.db.prepare(`INSERT INTO settings (key, value) VALUES ('engine.unsubscribeKey', ?)`).run(Buffer.alloc(32, 7).toString('base64'));
  await ws.client['journeys.publish']({ id: 'j_trial_drip' });
  const sender = recorder();
  const runner = new JourneyRunner({ services: ws.services, sender, now: () => clock, membershipIntervalMs: 0, batchSize: 50, deliveryThread, onError: (error) => { throw error; } });
  for (; clock < T0 + 72 * HOUR; clock += HOUR) await runner.runOnce();
  await runner.close();
  return sender.emails;
}

