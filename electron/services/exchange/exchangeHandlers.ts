import { writeFileSync } from 'node:fs';
import type { Handlers } from '../../../shared/api/dispatch.ts';
import type { FileSource } from '../../../shared/api/calls/exchange.ts';
import type { Services } from '../services.ts';
import { exportJourneyText } from './exportJourney.ts';
import { importJourney } from './importJourney.ts';
import type { ReadableSource } from './readSource.ts';
import { countsOf, restoreWorkspace, serializeWorkspaceFile, workspaceBackupOf } from './workspaceBackup.ts';

type ExchangeHandlers = Pick<Handlers, 'exchange.exportJourney' | 'exchange.importJourney' | 'exchange.exportWorkspace' | 'exchange.restoreWorkspace'>;

const backupFileName = (at: number) => `journey-studio-backup-${new Date(at).toISOString().slice(0, 10)}.json`;

export function exchangeHandlers(services: Services): ExchangeHandlers {
  const readable = (file: FileSource): ReadableSource => ('picked' in file ? { path: services.pickedFiles.resolve(file.picked, 'read') } : file);
  const destination = (saveTo: string | undefined) => (saveTo === undefined ? null : services.pickedFiles.resolve(saveTo, 'write'));
  return {
    'exchange.exportJourney': ({ id, saveTo }) => {
      const path = destination(saveTo);
      const { fileName, text } = exportJourneyText(services, id);
      if (path) writeFileSync(path, text);
      return { fileName, text, path };
    },
    'exchange.importJourney': ({ file, onClash }) => importJourney(services, readable(file), onClash),
    'exchange.exportWorkspace': ({ includeContacts, includeEvents, saveTo }) => {
      const path = destination(saveTo);
      const backup = workspaceBackupOf(services, { includeContacts, includeEvents });
      const text = serializeWorkspaceFile(backup);
      if (path) writeFileSync(path, text);
      return { fileName: backupFileName(services.now()), text: path ? null : text, path, counts: countsOf(backup) };
    },
    'exchange.restoreWorkspace': ({ file }) => restoreWorkspace(services, readable(file)),
  };
}
