import type { Db } from '../../store/database.ts';
import { SendingSettings } from '../../../shared/engine/sendingSettings.ts';

export { SendingSettings };

/** Its row in the settings table. */
export const SENDING_SETTINGS_KEY = 'engine.sending';

export function readSendingSettings(db: Db): SendingSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SENDING_SETTINGS_KEY) as string | undefined;
  return SendingSettings.parse(row ? JSON.parse(row) : {});
}

export function writeSendingSettings(db: Db, settings: SendingSettings): SendingSettings {
  const parsed = SendingSettings.parse(settings);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SENDING_SETTINGS_KEY, JSON.stringify(parsed));
  return parsed;
}
