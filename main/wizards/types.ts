import type { ManualInstructions, StepFinding } from '../../contract/channels/setup';
import type { PlannedChange } from '../plans';

/** What a change carries in main: the API calls in words (for the runbook) and the data its executor needs (never a credential). */
export interface StepPayload<D = unknown> {
  /** The exact calls, e.g. `POST /api/v1/roles {"name":"…","enabled":true}`; credentials written as `<…>`. */
  readonly calls: readonly string[];
  readonly data: D;
}

/** A change of a step's plan. */
export type StepChange<D = unknown> = PlannedChange<StepPayload<D>>;

/** What a step's check found: findings in words, the changes to make, and whether it is manual or blocked. */
export interface StepCheck {
  readonly findings: readonly StepFinding[];
  readonly changes: readonly StepChange[];
  /** Set when the signed-in account lacks the rights for the step's changes (they are then planned `blocked`). */
  readonly manual?: ManualInstructions;
  /** True when the step cannot go on as it stands (a `problem` finding says why). */
  readonly blocked?: boolean;
  readonly diff?: string;
}

/** Reports a step's progress during verify (the canary run's status, its phase). */
export type VerifyReport = (message: string, data?: { runStatus?: string; phase?: string }) => void;

/** What a step's own verify concluded (steps without one are verified by checking again). */
export interface StepVerifyOutcome {
  readonly ok: boolean;
  readonly findings: readonly StepFinding[];
  /** Kept on the wizard (e.g. the end-to-end report). */
  readonly report?: unknown;
}

/**
 * One step of a wizard, as data: check the live state (and plan), apply one change, optionally
 * verify beyond a re-check, and the UI steps for an admin who lacks the rights.
 */
export interface WizardStep<C> {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Reads the live state and plans; writes nothing. */
  check(ctx: C, signal: AbortSignal): Promise<StepCheck>;
  /** Writes one change of this step; re-reads its target first (find-or-create: an existing target counts as done). */
  apply(change: StepChange, ctx: C, signal: AbortSignal): Promise<string | void>;
  /** Beyond a re-check (the end-to-end canary); absent: verified when a check plans nothing. */
  verify?(ctx: C, signal: AbortSignal, report: VerifyReport): Promise<StepVerifyOutcome>;
  /** The UI steps of the seed for doing the step by hand. */
  readonly manualSteps: readonly string[];
}

/** A wizard: its steps in order and how its context is built from the saved inputs. */
export interface WizardDef<I, C> {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly WizardStep<C>[];
  /** Resolves the inputs (profiles, client, the account's permissions) into the steps' context. */
  context(inputs: I, signal: AbortSignal): Promise<C>;
}
