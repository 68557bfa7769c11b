import type { safeStorage as SafeStorage } from 'electron';
import type { Db } from '../store/database.ts';
import { SecretStoreError, secretSettingKey, type SecretName, type SecretStore } from '../services/engine/secretStore.ts';

/**
 * Secrets kept with Electron's safeStorage: the OS keychain (Keychain, DPAPI, libsecret/kwallet) holds the
 * key, the database holds only the ciphertext. Where Linux offers no keyring, safeStorage would fall back to
 * a hard-coded key ('basic_text'); that is not protection, so this store refuses to save instead.
 */
export class SafeStorageSecrets implements SecretStore {
  readonly description: string;
  private readonly db: Db;
  private readonly safeStorage: typeof SafeStorage;

  constructor(db: Db, safeStorage: typeof SafeStorage) {
    this.db = db;
    this.safeStorage = safeStorage;
    this.description = this.canStore ? 'the system keychain' : 'nowhere: this system offers no keychain';
  }

  get canStore(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    const backend = process.platform === 'linux' ? this.safeStorage.getSelectedStorageBackend() : 'os';
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  get(name: SecretName): string | undefined {
    const stored = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(secretSettingKey(name)) as string | undefined;
    if (stored === undefined || !this.safeStorage.isEncryptionAvailable()) return undefined;
    return this.safeStorage.decryptString(Buffer.from(stored, 'base64'));
  }

  set(name: SecretName, value: string): void {
    if (!this.canStore) throw new SecretStoreError(`this system offers no keychain, so the ${name} cannot be kept safely; the CLI and server read it from the environment instead`);
    const encrypted = this.safeStorage.encryptString(value).toString('base64');
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(secretSettingKey(name), encrypted);
  }

  delete(name: SecretName): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(secretSettingKey(name));
  }
}
