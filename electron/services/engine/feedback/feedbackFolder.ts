import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { recordFeedbackMessage, type FeedbackRecorder, type MessageOutcome } from './feedbackRecorder.ts';

/** The folder beside the workspace where bounce and complaint messages may be dropped as .eml files. */
export const feedbackFolder = (databasePath: string) => join(dirname(databasePath), 'feedback');

/**
 * Reads every .eml file in `folder` (in name order) and writes what each reports. With `moveReadTo`, each file read
 * is moved there afterwards, so the next pass does not read it again (the engine's own folder); without, the files
 * stay (reading one again changes nothing). A folder that does not exist holds nothing.
 */
export async function readFeedbackFolder(folder: string, recorder: FeedbackRecorder, options: { moveReadTo?: string } = {}): Promise<MessageOutcome[]> {
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.eml$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const results: MessageOutcome[] = [];
  for (const name of names) {
    const path = join(folder, name);
    results.push(await recordFeedbackMessage(recorder, name, readFileSync(path)));
    if (options.moveReadTo) {
      mkdirSync(options.moveReadTo, { recursive: true });
      renameSync(path, join(options.moveReadTo, name));
    }
  }
  return results;
}
