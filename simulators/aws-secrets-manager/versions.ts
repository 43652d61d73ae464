import { SimError, invalidParameter, notFound } from './errors';
import type { SecretValue } from './validate';

/** The three labels Secrets Manager itself manages. */
export const AWSCURRENT = 'AWSCURRENT';
/** Follows the version that last lost AWSCURRENT. */
export const AWSPREVIOUS = 'AWSPREVIOUS';
/** Conventional label for a value staged but not yet promoted. */
export const AWSPENDING = 'AWSPENDING';

/** One version of a secret; a version with no stages is "deprecated". */
export interface VersionRecord {
  readonly versionId: string;
  readonly value: SecretValue;
  readonly stages: Set<string>;
  readonly createdDate: Date;
  lastAccessedDate?: Date;
}

/** Finds the version currently holding `label`. */
export function holderOf(versions: ReadonlyMap<string, VersionRecord>, label: string): VersionRecord | undefined {
  for (const v of versions.values()) if (v.stages.has(label)) return v;
  return undefined;
}

/**
 * Attaches `label` to `target`, taking it off whichever version had it. When AWSCURRENT moves,
 * AWSPREVIOUS follows to the version that lost it — the rule PutSecretValue and
 * UpdateSecretVersionStage share.
 */
export function attachStage(versions: ReadonlyMap<string, VersionRecord>, label: string, target: VersionRecord): void {
  const previous = holderOf(versions, label);
  if (previous === target) return;
  previous?.stages.delete(label);
  target.stages.add(label);
  if (label === AWSCURRENT && previous) {
    for (const v of versions.values()) v.stages.delete(AWSPREVIOUS);
    previous.stages.add(AWSPREVIOUS);
  }
}

/** Input of UpdateSecretVersionStage after wire parsing. */
export interface StageMove {
  readonly label: string;
  readonly moveTo?: string;
  readonly removeFrom?: string;
}

/** Applies UpdateSecretVersionStage with AWS's checks (RemoveFromVersionId must name the current holder). */
export function moveStage(versions: ReadonlyMap<string, VersionRecord>, move: StageMove): void {
  const holder = holderOf(versions, move.label);
  if (move.removeFrom !== undefined && !versions.has(move.removeFrom)) {
    throw notFound(`Secrets Manager can't find the specified secret version: ${move.removeFrom}`);
  }
  if (move.removeFrom !== undefined && holder?.versionId !== move.removeFrom) {
    throw invalidParameter(`The staging label ${move.label} is not attached to version ${move.removeFrom}.`);
  }
  if (move.moveTo === undefined) {
    if (move.removeFrom === undefined) throw invalidParameter('You must specify MoveToVersionId or RemoveFromVersionId.');
    if (move.label === AWSCURRENT) {
      throw invalidParameter('You can only remove the AWSCURRENT staging label by moving it to another version with MoveToVersionId.');
    }
    holder?.stages.delete(move.label);
    return;
  }
  const target = versions.get(move.moveTo);
  if (!target) throw notFound(`Secrets Manager can't find the specified secret version: ${move.moveTo}`);
  if (holder && holder !== target && move.removeFrom === undefined) {
    throw invalidParameter(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${move.label} is currently attached to version ${holder.versionId}, ` +
        'so you must explicitly reference that version in RemoveFromVersionId.',
    );
  }
  attachStage(versions, move.label, target);
}

/**
 * Makes room for one more version: drops the oldest deprecated (unlabelled) version when the
 * secret is at its cap, and fails with LimitExceededException when every version is labelled.
 */
export function makeRoom(versions: Map<string, VersionRecord>, maxVersions: number): void {
  if (versions.size < maxVersions) return;
  const deprecated = [...versions.values()]
    .filter((v) => v.stages.size === 0)
    .sort((a, b) => a.createdDate.getTime() - b.createdDate.getTime());
  const oldest = deprecated[0];
  if (!oldest) {
    throw new SimError('LimitExceededException', `You have exceeded the maximum number of versions (${maxVersions}) for this secret.`);
  }
  versions.delete(oldest.versionId);
}
