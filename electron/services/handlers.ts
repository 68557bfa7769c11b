import type { Handlers } from '../../shared/api/dispatch.ts';
import type { Services } from './services.ts';
import { journeyHandlers } from './journeys/journeyHandlers.ts';
import { workspaceHandlers } from './workspace/workspaceHandlers.ts';
import { templateHandlers } from './templates/templateHandlers.ts';
import { exchangeHandlers } from './exchange/exchangeHandlers.ts';
import { contactHandlers } from './contacts/contactHandlers.ts';
import { segmentHandlers } from './segments/segmentHandlers.ts';
import { simulationHandlers } from './simulation/simulationHandlers.ts';
import { resultsHandlers } from './results/resultsHandlers.ts';
import { engineHandlers } from './engine/engineHandlers.ts';

/** What only a host can do (native dialogs): the desktop shell provides them, browser mode refuses. */
export type HostHandlers = Pick<Handlers, 'dialogs.openFile' | 'dialogs.saveFile'>;

/** The full handler map: every declared call, implemented by the services and the host. */
export function createHandlers(services: Services, host: HostHandlers): Handlers {
  return {
    ...journeyHandlers(services),
    ...workspaceHandlers(services),
    ...templateHandlers(services),
    ...exchangeHandlers(services),
    ...contactHandlers(services),
    ...segmentHandlers(services),
    ...simulationHandlers(services),
    ...resultsHandlers(services),
    ...engineHandlers(services),
    ...host,
  };
}
