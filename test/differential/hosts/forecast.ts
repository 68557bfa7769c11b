import { ForecastRun, planForecast } from '../../../electron/services/simulation/forecastRun.ts';
import { resolveJourney } from '../../../electron/services/simulation/journeySource.ts';
import { messageIdOf } from '../../../shared/engine/messageKey.ts';
import { liveSeed } from '../../../shared/simulation/input.ts';
import type { DiffCase } from '../case.ts';
import type { DiffWorkspace } from '../workspace.ts';
import { failed, hostStep, type HostRun } from './hostRun.ts';

/**
 * (b) The audience forecast's path for the case's contact: the forecast of the live version from the case's
 * start for its days, planned as the app plans it (who the trigger admits, segment members, past runs), and the
 * contact run through it exactly as ForecastRun.step() runs each one (runContact), read the way step() reads them.
 */
export function runForecast(w: DiffWorkspace, c: DiffCase, contactId: number): HostRun {
  try {
    const { db } = w.services;
    const decisions = w.services.decisions;
    const plan = planForecast(db, decisions, resolveJourney(w.services, c.journeyId, 'live'), { start: c.start, days: c.days, seed: liveSeed });
    const candidate = plan.candidates.find((x) => x.id === contactId);
    if (!candidate) return { host: 'forecast', notAdmitted: 'not in the audience the trigger admits', steps: [], emails: [] };
    const [contact] = decisions.contacts(plan.inputs.reads).read([contactId]);
    const out = new ForecastRun(decisions, plan).runContact(contact, candidate);
    if ('refused' in out) return { host: 'forecast', notAdmitted: `refused: ${out.refused}`, steps: [], emails: [] };
    return { host: 'forecast', steps: out.steps.map(hostStep), emails: out.emails.filter((e) => !e.cancelled).map((e) => ({ at: e.at, messageId: messageIdOf(e.messageKey) })) };
  } catch (error) {
    return failed('forecast', error);
  }
}
