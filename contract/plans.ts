import type { ContractErrorData } from './errors';

/** What a planned change does. `conflict` and `blocked` are never applied as they stand. */
export type ChangeAction = 'create' | 'update' | 'unchanged' | 'conflict' | 'blocked';

/** One change of a plan as the admin sees it: never a value, only masked fingerprints. */
export interface PlanChangeView {
  /** Stable key of the change within its plan (e.g. `secret:4242`). */
  readonly key: string;
  readonly action: ChangeAction;
  /** What it changes, in words (a secret name, a role, a script). */
  readonly target: string;
  /** Masked fingerprints of the content before and after (e.g. `fp:3a9c81e0`), to compare without revealing. */
  readonly before?: string;
  readonly after?: string;
  /** Why it is unchanged, a conflict or blocked; or what an update changes. */
  readonly reason?: string;
}

/** How applying one change ended. */
export interface ChangeResult {
  readonly key: string;
  /** `done-before`: recorded as applied by an earlier run of the same job, so not applied again. */
  readonly status: 'applied' | 'failed' | 'done-before';
  readonly detail?: string;
  readonly error?: ContractErrorData;
}

/** The outcome of applying a plan. */
export interface ApplySummary {
  readonly planId: string;
  readonly applied: number;
  readonly failed: number;
  readonly doneBefore: number;
  readonly results: readonly ChangeResult[];
}
