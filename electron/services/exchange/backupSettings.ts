import { z } from 'zod';
import type { Db } from '../../store/database.ts';
import type { FileProblem } from '../../../shared/format/jsonText.ts';
import { formatPath } from '../../../shared/journey/problems.ts';
import { SendingSettings, SENDING_SETTINGS_KEY } from '../engine/sendingSettings.ts';
import { MINIMUM_SEGMENT_SIZE_KEY } from '../segments/segmentStore.ts';
import { UNSUBSCRIBE_KEY_SETTING } from '../engine/unsubscribe.ts';
import { SECRET_SETTING_PREFIX } from '../engine/secretStore.ts';

/** A stored setting whose text is JSON of the given shape. */
const jsonText = (schema: z.ZodType) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected the setting as JSON text' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * The settings a workspace backup carries and a restore writes, each with the check its stored text must pass:
 * this list, and nothing else. A setting the app gains is left out of backups until it is named here, so a new
 * secret can never leak into one by default. Never to be added: the unsubscribe signing key (whoever holds it can
 * forge unsubscribe links, and replacing it would break the links already sent) and the `secret.*` keys (the SMTP
 * password, which only the keychain of the machine that stored it can decrypt).
 */
export const backupSettings: Readonly<Record<string, z.ZodType>> = {
  [SENDING_SETTINGS_KEY]: jsonText(SendingSettings),
  [MINIMUM_SEGMENT_SIZE_KEY]: z.string().regex(/^\d+$/, 'expected a whole number of contacts, 0 or more'),
};

const isBackedUp = (key: string) => Object.hasOwn(backupSettings, key);

/** The workspace's settings on the list, by key, for a backup. */
export function settingsForBackup(db: Db): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM settings ORDER BY key').all() as Array<{ key: string; value: string }>;
  return Object.fromEntries(rows.filter((r) => isBackedUp(r.key)).map((r) => [r.key, r.value]));
}

function whyLeftOut(key: string): string {
  if (key === UNSUBSCRIBE_KEY_SETTING) return 'not restored: this workspace keeps its own unsubscribe signing key, so the links it already sent keep working';
  if (key.startsWith(SECRET_SETTING_PREFIX)) return 'not restored: secrets never come from a backup; enter the SMTP password again in the sending settings';
  return `not restored: a backup restores only the settings ${Object.keys(backupSettings).join(' and ')}`;
}

/**
 * What a restore may write from a backup's settings: the listed ones whose text passes their check. A listed
 * setting that fails it is a problem (nothing is restored); any other key is left out with a note saying why.
 */
export function restorableSettings(settings: Record<string, string>): { entries: Array<[string, string]>; problems: FileProblem[]; notes: FileProblem[] } {
  const entries: Array<[string, string]> = [];
  const problems: FileProblem[] = [];
  const notes: FileProblem[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (!isBackedUp(key)) {
      notes.push({ path: formatPath(['settings', key]), message: whyLeftOut(key) });
      continue;
    }
    const checked = backupSettings[key].safeParse(value);
    if (checked.success) entries.push([key, value]);
    else problems.push(...checked.error.issues.map((issue) => ({ path: formatPath(['settings', key, ...issue.path]), message: issue.message })));
  }
  return { entries, problems, notes };
}
