import { randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api/errors.ts';
import type { PickedFile } from '../../shared/api/calls/dialogs.ts';

/** What a file was picked for: one picked in an open dialog is only read, one picked in a save dialog only written. */
export type FileUse = 'read' | 'write';

/**
 * The files the user picked in a native dialog during this session, by token. The calls from the page name files
 * only by these tokens, so a page that misbehaves (a script injected into it, say) can read or overwrite no file
 * the user did not choose for that. Only the desktop host's dialogs add to it; browser mode has none, so every
 * token is refused there and its page sends a file's content instead. Kept in memory: a token dies with the app.
 */
export class PickedFiles {
  private readonly files = new Map<string, { path: string; use: FileUse }>();

  add(path: string, use: FileUse): PickedFile {
    const token = `pf_${randomBytes(18).toString('base64url')}`;
    this.files.set(token, { path, use });
    return { token, path };
  }

  /** The path behind a token, for the use it was picked for; refused otherwise. */
  resolve(token: string, use: FileUse): string {
    const file = this.files.get(token);
    if (!file) throw new ApiError('refused', `no file was picked in a dialog with the token ${token} in this session: pick the file again`);
    if (file.use !== use) throw new ApiError('refused', `${file.path} was picked to be ${file.use === 'read' ? 'read' : 'written'}, so it cannot be ${use === 'read' ? 'read' : 'written'}`);
    return file.path;
  }
}
