import { writeFileSync } from 'node:fs';
import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { Services } from '../services.ts';
import { exportJourneyText } from './exportJourney.ts';
import { importJourney } from './importJourney.ts';
import { countsOf, restoreWorkspace, serializeWorkspaceFile, workspaceBackupOf } from './workspaceBackup.ts';

type ExchangeHandlers = Pick<Handlers, 'exchange.exportJourney' | 'exchange.importJourney' | 'exchange.exportWorkspace' | 'exchange.restoreWorkspace'>;

const backupFileName = (at: number) => `journey-studio-backup-${new Date(at).toISOString().slice(0, 10)}.json`;

export function exchangeHandlers(services: Services): ExchangeHandlers {
  return {
    'exchange.exportJourney': ({ id, path }) => {
      const { fileName, text } = exportJourneyText(services, id);
      if (path) writeFileSync(path, text);
      return { fileName, text, path: path ?? null };
    },
    'exchange.importJourney': ({ file, onClash }) => importJourney(services, file, onClash),
    'exchange.exportWorkspace': ({ includeContacts, includeEvents, path }) => {
      const leftOut: string[] = [];
      const backup = workspaceBackupOf(services, { includeContacts, includeEvents }, leftOut);
      const text = serializeWorkspaceFile(backup);
      if (path) writeFileSync(path, text);
      return { fileName: backupFileName(services.now()), text: path ? null : text, path: path ?? null, counts: countsOf(backup), leftOut };
    },
    'exchange.restoreWorkspace': ({ file }) => restoreWorkspace(services, file),
  };
}
