import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../../contract/errors';
import type { ProfileInput } from '../../contract/channels/connections';
import { loadJsonFile, writeJsonFileAtomic } from '../shared/json-file';
import type { SecretStore } from '../secrets/secret-store';
import { migrateUrlCredentials, splitProxyInput } from './url-credentials';
import { profilesFileSchema, secretKeys, splitInput, type InputSecrets, type StoredProfile } from './profiles';

/** What the store needs from the app: where to write, where credentials go, how to tell the user. */
export interface ProfileStoreDeps {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  /** Called once when profiles.json was unreadable and was backed up. */
  readonly onCorrupt?: (backup: string, reason: string) => void;
  /** Called once when credentials found in URLs of an older profiles.json were moved out (one line each). */
  readonly onMigrated?: (notes: readonly string[]) => void;
  readonly now?: () => Date;
}

/**
 * Connection profiles in `<dataDir>/profiles.json` (written atomically), credentials in the
 * secret store. A corrupt file is backed up and the store starts empty. The file is removed when
 * the last profile goes, so `serve --demo-if-empty` and the desktop offer the demo again.
 */
export class ProfileStore {
  readonly file: string;
  private profiles: StoredProfile[];

  constructor(private readonly deps: ProfileStoreDeps) {
    this.file = join(deps.dataDir, 'profiles.json');
    const loaded = loadJsonFile(this.file, (v) => {
      const r = profilesFileSchema.safeParse(migrateUrlCredentials(v).value);
      return r.success ? null : (r.error.issues[0]?.message ?? 'invalid');
    });
    if (loaded.kind === 'ok') {
      // Older versions kept credentials inside URLs: move them to the secret store first, then
      // rewrite the file, so a crash in between loses nothing.
      const migration = migrateUrlCredentials(loaded.value);
      this.profiles = profilesFileSchema.parse(migration.value).profiles;
      if (migration.notes.length) {
        for (const [key, value] of migration.secrets) deps.secrets.set(key, value);
        this.save();
        deps.onMigrated?.(migration.notes);
      }
    } else {
      this.profiles = [];
      if (loaded.kind === 'corrupt') deps.onCorrupt?.(loaded.backup, loaded.reason);
    }
  }

  /** Every profile, in creation order. */
  list(): readonly StoredProfile[] {
    return [...this.profiles];
  }

  /** One profile or undefined. */
  find(id: string): StoredProfile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  /** One profile; NOT_FOUND names the id. */
  get(id: string): StoredProfile {
    const p = this.find(id);
    if (!p) throw new ContractError('NOT_FOUND', `No connection profile with id ${id}.`, { details: { field: 'id' } });
    return p;
  }

  /** Adds a profile; names must be unique per kind so lists and logs stay unambiguous. */
  create(typed: ProfileInput): StoredProfile {
    const input = splitProxyInput(typed);
    this.checkName(input);
    const now = this.now();
    const { stored, secrets } = splitInput(input, randomUUID(), now, now);
    this.checkReferences(stored);
    this.checkSecrets(stored, secrets);
    this.writeSecrets(stored.id, secrets);
    if (!stored.proxyUrl) this.deps.secrets.delete(secretKeys.proxyPassword(stored.id));
    this.profiles.push(stored);
    this.save();
    return stored;
  }

  /** Replaces a profile's settings; credentials not sent are kept. The kind cannot change. */
  update(id: string, typed: ProfileInput): StoredProfile {
    const input = splitProxyInput(typed);
    const old = this.get(id);
    if (old.kind !== input.kind) {
      throw new ContractError('VALIDATION', `A ${old.kind} profile cannot become a ${input.kind} profile; create a new one.`, {
        details: { field: 'kind' },
      });
    }
    this.checkName(input, id);
    const { stored, secrets } = splitInput(input, id, old.createdAt, this.now());
    this.checkReferences(stored);
    this.checkSecrets(stored, secrets);
    this.writeSecrets(id, secrets);
    // A proxy password without a proxy would be a credential nobody can see or use.
    if (!stored.proxyUrl) this.deps.secrets.delete(secretKeys.proxyPassword(id));
    if (stored.kind === 'aws' && stored.credentialSource !== 'static') {
      // Keys left behind after switching source would be a credential nobody can see or use.
      this.deps.secrets.delete(secretKeys.accessKeyId(id));
      this.deps.secrets.delete(secretKeys.secretAccessKey(id));
    }
    this.profiles = this.profiles.map((p) => (p.id === id ? stored : p));
    this.save();
    return stored;
  }

  /** Removes a profile and its credentials; false when it did not exist. */
  delete(id: string): boolean {
    const before = this.profiles.length;
    this.profiles = this.profiles.filter((p) => p.id !== id);
    if (this.profiles.length === before) return false;
    for (const key of secretKeys.all(id)) this.deps.secrets.delete(key);
    this.save();
    return true;
  }

  /** A stored credential of a profile (main only; never sent to the renderer). */
  secret(key: string): string | undefined {
    return this.deps.secrets.get(key);
  }

  private writeSecrets(id: string, s: InputSecrets): void {
    if (s.password !== undefined) this.deps.secrets.set(secretKeys.password(id), s.password);
    if (s.accessKeyId !== undefined) this.deps.secrets.set(secretKeys.accessKeyId(id), s.accessKeyId);
    if (s.secretAccessKey !== undefined) this.deps.secrets.set(secretKeys.secretAccessKey(id), s.secretAccessKey);
    if (s.proxyPassword !== undefined) this.deps.secrets.set(secretKeys.proxyPassword(id), s.proxyPassword);
  }

  private checkName(input: ProfileInput, selfId?: string): void {
    const clash = this.profiles.find(
      (p) => p.kind === input.kind && p.id !== selfId && p.name.toLowerCase() === input.name.trim().toLowerCase(),
    );
    if (clash)
      throw new ContractError('CONFLICT', `A profile named "${input.name.trim()}" already exists.`, { details: { field: 'name' } });
  }

  private checkReferences(p: StoredProfile): void {
    if (p.kind === 'aws' && p.credentialSource === 'secret-server') {
      if (!p.secretServerProfileId)
        throw fieldError('secretServerProfileId', 'Choose the Secret Server profile that holds the Amazon IAM Key secret.');
      if (!p.secretId) throw fieldError('secretId', 'Enter the id of the "Amazon IAM Key" secret.');
    }
    const ref = p.kind === 'secret-server' ? undefined : p.secretServerProfileId;
    if (ref && this.find(ref)?.kind !== 'secret-server')
      throw fieldError('secretServerProfileId', 'The chosen Secret Server profile does not exist.');
  }

  // A profile that can never sign in is refused at save time, naming the missing field.
  private checkSecrets(p: StoredProfile, s: InputSecrets): void {
    const stored = (key: string) => Boolean(this.deps.secrets.get(key));
    if (p.kind === 'secret-server' && !s.password && !stored(secretKeys.password(p.id)))
      throw fieldError('password', 'Enter the password.');
    if (p.kind === 'aws' && p.credentialSource === 'static') {
      if (!s.accessKeyId && !stored(secretKeys.accessKeyId(p.id))) throw fieldError('accessKeyId', 'Enter the access key id.');
      if (!s.secretAccessKey && !stored(secretKeys.secretAccessKey(p.id)))
        throw fieldError('secretAccessKey', 'Enter the secret access key.');
    }
    if (p.kind === 'credentials-cache' && p.username && !s.password && !stored(secretKeys.password(p.id))) {
      throw fieldError(
        'password',
        'Enter the password of the application account, or clear the user name to use the Secret Server profile.',
      );
    }
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private save(): void {
    if (this.profiles.length === 0) rmSync(this.file, { force: true });
    else writeJsonFileAtomic(this.file, { version: 1, profiles: this.profiles });
  }
}

function fieldError(field: string, message: string): ContractError {
  return new ContractError('VALIDATION', message, { details: { field } });
}
