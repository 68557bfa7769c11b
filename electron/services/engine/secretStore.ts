/**
 * Where secrets (the SMTP and bounce mailbox passwords) live. Never in the database as plain text:
 * - the desktop app implements this with Electron's safeStorage (the OS keychain encrypts; only the
 *   ciphertext is stored), see electron/main/safeStorageSecrets.ts;
 * - the CLI and browser mode have no keychain, so they read secrets from the environment and refuse to
 *   store one (EnvironmentSecretStore below). A headless server keeps the password in its service's
 *   environment, which is where such secrets belong there.
 */
export interface SecretStore {
  /** Said to the user when a secret cannot be stored: where it would go. */
  readonly description: string;
  readonly canStore: boolean;
  get(name: SecretName): string | undefined;
  /** Throws SecretStoreError when this store cannot keep secrets. */
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}

export type SecretName = 'smtp.password' | 'imap.password';

/** Where a store that keeps secrets in the settings table (as ciphertext) puts each; never in a backup. */
export const SECRET_SETTING_PREFIX = 'secret.';
export const secretSettingKey = (name: SecretName) => `${SECRET_SETTING_PREFIX}${name}`;

export class SecretStoreError extends Error {}

/** Environment variable per secret, for the CLI and browser mode. */
export const secretEnvironment: Record<SecretName, string> = { 'smtp.password': 'JOURNEY_STUDIO_SMTP_PASSWORD', 'imap.password': 'JOURNEY_STUDIO_IMAP_PASSWORD' };

export class EnvironmentSecretStore implements SecretStore {
  readonly canStore = false;
  readonly description = 'environment variables (no keychain here)';
  private readonly env: NodeJS.ProcessEnv;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.env = env;
  }

  get(name: SecretName): string | undefined {
    return this.env[secretEnvironment[name]] || undefined;
  }

  set(name: SecretName): void {
    throw new SecretStoreError(
      `this mode has no keychain to keep the ${name} in, and it is never stored as plain text: set ${secretEnvironment[name]} in the environment instead (or use the desktop app)`,
    );
  }

  delete(): void {}
}
