import { simulate } from '../../../electron/services/simulation/simulationService.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import { liveSeed, SimulationRequest } from '../../../shared/simulation/input.ts';
import type { DiffCase } from '../case.ts';
import type { DiffWorkspace } from '../workspace.ts';
import { failed, hostStep, type HostRun } from './hostRun.ts';

/**
 * (a) The one-contact simulator, as the app calls it: the stored contact by email, the live version, from the
 * case's start for its days, with the live runner's A/B seed. Its future events are in the store: it splits
 * past from future itself.
 */
export async function runSimulator(w: DiffWorkspace, c: DiffCase): Promise<HostRun> {
  try {
    const request = SimulationRequest.parse({
      journeyId: c.journeyId,
      version: 'live',
      contact: { type: 'existing', ref: c.contact.email },
      start: new Date(c.start).toISOString(),
      until: `${c.days}d`,
      seed: liveSeed,
    });
    const result = await simulate(w.services, request);
    // An admitted run has at least one step (entered, a goal jumped to, an exit): none means not admitted.
    if (result.timeline.length === 0) return { host: 'simulator', notAdmitted: result.statusReason, steps: [], emails: [] };
    return {
      host: 'simulator',
      steps: result.timeline.map(hostStep),
      // An email delivery would cancel (the same decision unsubscribed the contact) is not sent.
      emails: result.timeline.flatMap((s) =>
        s.email && !s.email.cancelled ? [{ at: s.at, messageId: messageIdOf(s.email.messageKey), to: s.email.to, subject: s.email.subject, html: s.email.html, text: s.email.text, note: s.email.note }] : [],
      ),
    };
  } catch (error) {
    return failed('simulator', error);
  }
}
