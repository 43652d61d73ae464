import { randomBytes, randomUUID } from 'node:crypto';
import { MARKED_FOR_DELETION, SimError, invalidParameter, invalidRequest, notFound } from './errors';
import { checkName, sameValue, type SecretValue, type Tag } from './validate';
import { AWSCURRENT, attachStage, makeRoom, moveStage, type StageMove, type VersionRecord } from './versions';

/** One secret as the simulator stores it. */
export interface SecretRecord {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly kmsKeyId?: string;
  readonly tags: Tag[];
  readonly versions: Map<string, VersionRecord>;
  readonly createdDate: Date;
  lastChangedDate: Date;
  lastAccessedDate?: Date;
  /** When DeleteSecret was called; set only while scheduled for deletion. */
  deletedDate?: Date;
  /** When the secret will be purged. */
  deletionDate?: Date;
}

/** Options fixed when the simulator starts. */
export interface StateOptions {
  readonly region: string;
  readonly accountId: string;
  /** Versions kept per secret before the oldest deprecated one is dropped (AWS: about 100). */
  readonly maxVersions?: number;
  /** Injectable clock so recovery windows can be tested without waiting. */
  readonly now?: () => Date;
}

/** Input of CreateSecret after wire parsing. */
export interface CreateInput {
  readonly name: string;
  readonly token?: string;
  readonly description?: string;
  readonly kmsKeyId?: string;
  readonly value?: SecretValue;
  readonly tags?: readonly Tag[];
}

const SUFFIX_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DAY_MS = 86_400_000;

/** The in-memory account: every secret in one region, plus the seeding helpers tests and the demo use. */
export class SecretsState {
  readonly region: string;
  readonly accountId: string;
  readonly now: () => Date;
  private readonly maxVersions: number;
  private readonly secrets = new Map<string, SecretRecord>();

  constructor(opts: StateOptions) {
    this.region = opts.region;
    this.accountId = opts.accountId;
    this.maxVersions = opts.maxVersions ?? 100;
    this.now = opts.now ?? (() => new Date());
  }

  /** Every stored secret (including those scheduled for deletion), in creation order. */
  all(): SecretRecord[] {
    this.purge();
    return [...this.secrets.values()];
  }

  /** Resolves a SecretId (name, full ARN or partial ARN); scheduled secrets included. */
  find(secretId: string): SecretRecord | undefined {
    this.purge();
    const byName = this.secrets.get(secretId);
    if (byName) return byName;
    for (const rec of this.secrets.values()) {
      if (rec.arn === secretId || rec.arn.slice(0, -7) === secretId) return rec;
    }
    return undefined;
  }

  /** Like `find` but throws ResourceNotFoundException. */
  require(secretId: string): SecretRecord {
    const rec = this.find(secretId);
    if (!rec) throw notFound();
    return rec;
  }

  /** A secret that may be read or written: not scheduled for deletion. */
  requireLive(secretId: string): SecretRecord {
    const rec = this.require(secretId);
    if (rec.deletedDate) throw invalidRequest(MARKED_FOR_DELETION);
    return rec;
  }

  /** CreateSecret; a retry with the same token and value returns the existing secret. */
  create(input: CreateInput): { rec: SecretRecord; versionId?: string } {
    checkName(input.name);
    const existing = this.find(input.name);
    if (existing) {
      const v = input.token ? existing.versions.get(input.token) : undefined;
      if (!existing.deletedDate && v && sameValue(v.value, input.value)) return { rec: existing, versionId: v.versionId };
      throw new SimError('ResourceExistsException', `The operation failed because the secret ${input.name} already exists.`);
    }
    const now = this.now();
    const rec: SecretRecord = {
      arn: `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${input.name}-${randomSuffix()}`,
      name: input.name,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.kmsKeyId !== undefined ? { kmsKeyId: input.kmsKeyId } : {}),
      tags: [...(input.tags ?? [])],
      versions: new Map(),
      createdDate: now,
      lastChangedDate: now,
    };
    this.secrets.set(rec.name, rec);
    if (!input.value) return { rec };
    const version = this.addVersion(rec, input.token, input.value, [AWSCURRENT]);
    return { rec, versionId: version.versionId };
  }

  /** PutSecretValue: same token + same value is a no-op, same token + other value is an error. */
  putValue(
    secretId: string,
    token: string | undefined,
    value: SecretValue,
    stages?: readonly string[],
  ): { rec: SecretRecord; version: VersionRecord } {
    const rec = this.requireLive(secretId);
    const existing = token ? rec.versions.get(token) : undefined;
    if (existing) {
      if (sameValue(existing.value, value)) return { rec, version: existing };
      throw new SimError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
    }
    return { rec, version: this.addVersion(rec, token, value, stages ?? [AWSCURRENT]) };
  }

  /** UpdateSecretVersionStage. */
  moveStage(secretId: string, move: StageMove): SecretRecord {
    const rec = this.requireLive(secretId);
    moveStage(rec.versions, move);
    rec.lastChangedDate = this.now();
    return rec;
  }

  /** TagResource: same key overwrites the value. */
  tag(secretId: string, tags: readonly Tag[]): void {
    const rec = this.requireLive(secretId);
    for (const t of tags) {
      const i = rec.tags.findIndex((x) => x.Key === t.Key);
      if (i >= 0) rec.tags.splice(i, 1, t);
      else rec.tags.push(t);
    }
    if (rec.tags.length > 50) throw invalidParameter('A secret can have at most 50 tags.');
    rec.lastChangedDate = this.now();
  }

  /** DeleteSecret with a recovery window, or at once with `force`. */
  delete(secretId: string, opts: { recoveryWindowInDays?: number; force?: boolean }): { rec: SecretRecord; deletionDate: Date } {
    if (opts.force && opts.recoveryWindowInDays !== undefined) {
      throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    const rec = this.require(secretId);
    const now = this.now();
    if (opts.force) {
      this.secrets.delete(rec.name);
      return { rec, deletionDate: now };
    }
    if (rec.deletedDate) throw invalidRequest(`You can't delete secret ${rec.name} that is already scheduled for deletion.`);
    rec.deletedDate = now;
    rec.deletionDate = new Date(now.getTime() + (opts.recoveryWindowInDays ?? 30) * DAY_MS);
    return { rec, deletionDate: rec.deletionDate };
  }

  /** RestoreSecret: cancels a scheduled deletion (a no-op on a live secret). */
  restore(secretId: string): SecretRecord {
    const rec = this.require(secretId);
    delete rec.deletedDate;
    delete rec.deletionDate;
    rec.lastChangedDate = this.now();
    return rec;
  }

  /** Records a read the way AWS does: LastAccessedDate is rounded to the day. */
  touch(rec: SecretRecord, version: VersionRecord): void {
    const day = new Date(Math.floor(this.now().getTime() / DAY_MS) * DAY_MS);
    rec.lastAccessedDate = day;
    version.lastAccessedDate = day;
  }

  /** Seeding: creates the secret, or adds a new current version when it exists. Objects are stored as JSON. */
  put(
    name: string,
    value: string | Uint8Array | Readonly<Record<string, unknown>>,
    tags: Readonly<Record<string, string>> = {},
  ): { arn: string; versionId: string } {
    const v: SecretValue =
      typeof value === 'string'
        ? { kind: 'string', text: value }
        : value instanceof Uint8Array
          ? { kind: 'binary', bytes: Buffer.from(value) }
          : { kind: 'string', text: JSON.stringify(value) };
    const tagList = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    if (!this.find(name)) {
      const { rec, versionId } = this.create({ name, value: v, tags: tagList });
      return { arn: rec.arn, versionId: versionId ?? '' };
    }
    if (tagList.length) this.tag(name, tagList);
    const { rec, version } = this.putValue(name, undefined, v);
    return { arn: rec.arn, versionId: version.versionId };
  }

  /** Removes every secret (between tests). */
  clear(): void {
    this.secrets.clear();
  }

  private addVersion(rec: SecretRecord, token: string | undefined, value: SecretValue, stages: readonly string[]): VersionRecord {
    makeRoom(rec.versions, this.maxVersions);
    const version: VersionRecord = { versionId: token ?? randomUUID(), value, stages: new Set(), createdDate: this.now() };
    rec.versions.set(version.versionId, version);
    for (const label of stages) attachStage(rec.versions, label, version);
    rec.lastChangedDate = version.createdDate;
    return version;
  }

  private purge(): void {
    const now = this.now().getTime();
    for (const [name, rec] of this.secrets) if (rec.deletionDate && rec.deletionDate.getTime() <= now) this.secrets.delete(name);
  }
}

function randomSuffix(): string {
  return [...randomBytes(6)].map((b) => SUFFIX_CHARS[b % SUFFIX_CHARS.length]).join('');
}
