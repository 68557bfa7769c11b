import { writeFileSync } from 'node:fs';
import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { FileSource } from '../../../shared/api/calls/exchange.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Services } from '../services.ts';
import { exportJourneyText } from './exportJourney.ts';
import { importJourney } from './importJourney.ts';
import type { ReadableSource } from './readSource.ts';
import { countsOf, restoreWorkspace, serializeWorkspaceFile, workspaceBackupOf } from './workspaceBackup.ts';

type ExchangeHandlers = Pick<Handlers, 'exchange.exportJourney' | 'exchange.importJourney' | 'exchange.exportWorkspace' | 'exchange.restoreWorkspace'>;

const backupFileName = (at: number) => `journey-studio-backup-${new Date(at).toISOString().slice(0, 10)}.json`;

/** Writes a file where the user chose; a place that cannot take it (no such folder, no permission, a full disk) is said as such. */
function writeChosenFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new ApiError('refused', `cannot write ${path.length > 200 ? `${path.slice(0, 200)}…` : path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function exchangeHandlers(services: Services): ExchangeHandlers {
  const readable = (file: FileSource): ReadableSource => ('picked' in file ? { path: services.pickedFiles.resolve(file.picked, 'read') } : file);
  const destination = (saveTo: string | undefined) => (saveTo === undefined ? null : services.pickedFiles.resolve(saveTo, 'write'));
  return {
    'exchange.exportJourney': ({ id, saveTo }) => {
      const path = destination(saveTo);
      const { fileName, text } = exportJourneyText(services, id);
      if (path) writeChosenFile(path, text);
      return { fileName, text, path };
    },
    'exchange.importJourney': ({ file, onClash }) => importJourney(services, readable(file), onClash),
    'exchange.exportWorkspace': ({ includeContacts, includeEvents, saveTo }) => {
      const path = destination(saveTo);
      const leftOut: string[] = [];
      const backup = workspaceBackupOf(services, { includeContacts, includeEvents }, leftOut);
      const text = serializeWorkspaceFile(backup);
      if (path) writeChosenFile(path, text);
      return { fileName: backupFileName(services.now()), text: path ? null : text, path, counts: countsOf(backup), leftOut };
    },
    'exchange.restoreWorkspace': ({ file }) => restoreWorkspace(services, readable(file)),
  };
}
