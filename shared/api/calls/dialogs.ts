import { z } from 'zod';
import { call } from '../define.ts';

const FileFilter = z.object({ name: z.string(), extensions: z.array(z.string().regex(/^[A-Za-z0-9*]+$/)) });

/**
 * Native file dialogs. Only the desktop host can show them; browser mode answers 'unsupported' and the
 * renderer falls back to the browser's own file input and downloads.
 */
export const dialogCalls = {
  'dialogs.openFile': call(
    'Ask the user for a file to read.',
    z.object({ title: z.string().max(200), filters: z.array(FileFilter).default([]) }),
    z.object({ path: z.string().nullable() }),
  ),
  'dialogs.saveFile': call(
    'Ask the user where to write a file.',
    z.object({ title: z.string().max(200), defaultName: z.string().max(255), filters: z.array(FileFilter).default([]) }),
    z.object({ path: z.string().nullable() }),
  ),
};
