import type { FileSource } from '../../../shared/api/calls/exchange.ts';
import { api } from '../api/client.ts';
import { isDesktop } from '../api/transport.ts';
import { journeyFileName } from '../../../shared/format/journeyFileName.ts';
import { downloadText } from '../ui/download.ts';

const jsonFilter = [{ name: 'Journey Studio files', extensions: ['json'] }];

/**
 * Getting files in and out. The desktop app uses native dialogs and lets the main process read and write the
 * file the user picked there (the page holds only its token); browser mode reads a picked or dropped file in the
 * page and saves through a download.
 */

/** Saves a journey file; returns the name it was saved under, or null when the user cancelled. */
export async function exportJourney(id: string, name: string): Promise<string | null> {
  if (isDesktop()) {
    const { file } = await api()['dialogs.saveFile']({ title: `Export “${name}”`, defaultName: journeyFileName(name), filters: jsonFilter });
    if (!file) return null;
    await api()['exchange.exportJourney']({ id, saveTo: file.token });
    return file.path;
  }
  const { fileName, text } = await api()['exchange.exportJourney']({ id });
  downloadText(fileName, text, 'application/json');
  return fileName;
}

export async function exportWorkspace(options: { includeContacts: boolean; includeEvents: boolean }): Promise<string | null> {
  if (isDesktop()) {
    const { file } = await api()['dialogs.saveFile']({ title: 'Back up the workspace', defaultName: 'journey-studio-backup.json', filters: jsonFilter });
    if (!file) return null;
    await api()['exchange.exportWorkspace']({ ...options, saveTo: file.token });
    return file.path;
  }
  const { fileName, text } = await api()['exchange.exportWorkspace'](options);
  downloadText(fileName, text ?? '', 'application/json');
  return fileName;
}

/** A file the user picked or dropped, as the import calls take it. */
export async function sourceOfFile(file: File): Promise<FileSource> {
  return { text: await file.text(), fileName: file.name };
}

const baseName = (path: string) => path.split(/[\\/]/).pop() || path;

/**
 * Asks for a file: the native dialog on the desktop; in the browser, the given file input (which calls
 * back through its change event, so this returns null there).
 */
export async function pickFile(title: string, input: HTMLInputElement | null): Promise<FileSource | null> {
  if (isDesktop()) {
    const { file } = await api()['dialogs.openFile']({ title, filters: jsonFilter });
    return file ? { picked: file.token, fileName: baseName(file.path) } : null;
  }
  input?.click();
  return null;
}

export const fileNameOf = (source: FileSource) => source.fileName ?? 'the file';
