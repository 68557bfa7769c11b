import { z } from 'zod';
import { call } from '../define.ts';

const FileFilter = z.object({ name: z.string(), extensions: z.array(z.string().regex(/^[A-Za-z0-9*]+$/)) });

/**
 * Stands for a file the user picked in a native dialog during this session, in the calls that read or write it:
 * the page never names a path on the machine, so it can reach no file but one the user chose, and only for what
 * it was chosen for (a file picked to open is read, a file picked to save is written).
 */
export const PickedFileToken = z.string().regex(/^pf_[A-Za-z0-9_-]{16,64}$/, 'expected the token of a file picked in a dialog');

/** What a dialog answers: the token for the calls, and the path to show the user. */
export const PickedFile = z.object({ token: PickedFileToken, path: z.string() });
export type PickedFile = z.infer<typeof PickedFile>;

/**
 * Native file dialogs. Only the desktop host can show them; browser mode answers 'unsupported' and the
 * renderer falls back to the browser's own file input and downloads.
 */
export const dialogCalls = {
  'dialogs.openFile': call(
    'Ask the user for a file to read; null when they cancel.',
    z.object({ title: z.string().max(200), filters: z.array(FileFilter).default([]) }),
    z.object({ file: PickedFile.nullable() }),
  ),
  'dialogs.saveFile': call(
    'Ask the user where to write a file; null when they cancel.',
    z.object({ title: z.string().max(200), defaultName: z.string().max(255), filters: z.array(FileFilter).default([]) }),
    z.object({ file: PickedFile.nullable() }),
  ),
};
