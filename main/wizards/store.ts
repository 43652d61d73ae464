import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplySummary } from '../../contract/plans';
import type { ContractErrorData } from '../../contract/errors';
import type { ManualInstructions, StepFinding, StepStatus, VerificationReport } from '../../contract/channels/setup';
import { loadJsonFile, writeJsonFileAtomic } from '../shared/json-file';
import type { Plan } from '../plans';
import type { StepPayload } from './types';

/** A step's stored state. */
export interface StoredStep {
  status: StepStatus;
  findings: StepFinding[];
  manual?: ManualInstructions;
  diff?: string;
  error?: ContractErrorData;
  checkedAt?: string;
  appliedAt?: string;
  verifiedAt?: string;
}

/** A change of the stored plan, with the step it belongs to. */
export type StoredChange = Plan<StepPayload>['changes'][number] & { readonly stepId: string };

/** What `<data>/wizards/<id>.json` holds (no credential: payloads name where secrets come from). */
export interface StoredWizard {
  wizardId: string;
  inputs: unknown;
  plan: { id: string; createdAt: string; changes: StoredChange[] } | null;
  steps: Record<string, StoredStep>;
  lastApply?: ApplySummary;
  verification?: VerificationReport;
  updatedAt: string;
}

/** The wizards' state files under `<data>/wizards/`. */
export class WizardStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'wizards');
  }

  /** The stored state (a fresh one when missing; a corrupt file is backed up and started afresh). */
  load(wizardId: string): StoredWizard {
    const out = loadJsonFile(this.file(wizardId), (v) =>
      typeof v === 'object' && v !== null && (v as StoredWizard).wizardId === wizardId ? null : 'not a wizard state file',
    );
    if (out.kind === 'ok') return out.value as StoredWizard;
    return { wizardId, inputs: null, plan: null, steps: {}, updatedAt: new Date().toISOString() };
  }

  /** Writes the state atomically. */
  save(state: StoredWizard): void {
    state.updatedAt = new Date().toISOString();
    writeJsonFileAtomic(this.file(state.wizardId), state);
  }

  /** The key of this installation's plan fingerprints (created once, 0600). */
  fingerprintKey(): Buffer {
    const file = join(this.dir, 'fingerprint.key');
    if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  }

  private file(wizardId: string): string {
    if (!/^[a-z0-9-]+$/.test(wizardId)) throw new Error(`Bad wizard id ${wizardId}`);
    return join(this.dir, `${wizardId}.json`);
  }
}
