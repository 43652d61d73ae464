import { ContractError } from '../../contract';
import type { ApplySummary, ChangeResult } from '../../contract/plans';
import { toErrorData } from '../ipc/errors';
import type { JobContext } from '../jobs';
import { APPLICABLE, type Plan, type PlannedChange } from './plan';

/** Writes one change; throws to fail it. Re-checks its target first so a change made after planning fails as a conflict. */
export type PlanExecutor<T> = (change: PlannedChange<T>, signal: AbortSignal) => Promise<string | void>;

/** Where applied changes are recorded, so a resumed run skips them. */
export interface PlanJournal {
  /** Keys of the changes of `planId` recorded as applied by earlier runs. */
  applied(planId: string): ReadonlySet<string>;
  /** Records one result durably before the next change starts. */
  record(planId: string, result: ChangeResult): void;
}

/** Paces writes to a backend (a token bucket shared by every job on the same account). */
export interface Limiter {
  acquire(signal: AbortSignal): Promise<void>;
}

/** A limiter that never waits. */
export const UNLIMITED: Limiter = { acquire: async () => undefined };

interface Recorded {
  readonly plan: string;
  readonly result: ChangeResult;
}

/** A plan journal over a job's checkpoints: results are checkpoints, and a resumed job reads them back. */
export function jobPlanJournal(job: Pick<JobContext, 'checkpoint' | 'checkpoints'>): PlanJournal {
  return {
    applied: (planId) =>
      new Set(
        job.checkpoints
          .filter((c): c is Recorded => typeof c === 'object' && c !== null && (c as Recorded).plan === planId)
          .filter((c) => c.result.status === 'applied')
          .map((c) => c.result.key),
      ),
    record: (planId, result) => job.checkpoint({ plan: planId, result } satisfies Recorded),
  };
}

/** Options of `applyPlan`. */
export interface ApplyOptions {
  /** Keys of the changes the admin confirmed; exactly these are applied. */
  readonly confirmed: ReadonlySet<string>;
  readonly signal: AbortSignal;
  /** Called after each change (for job progress). */
  readonly onResult?: (result: ChangeResult, done: number, total: number) => void;
}

/**
 * Applies exactly the confirmed changes of a plan, one at a time through the limiter, recording
 * each result in the journal before the next starts. Changes the journal already holds as
 * applied are not applied again (a resumed or repeated run), failed ones are tried again.
 * Confirming a change that cannot be applied (unchanged, conflict, blocked, unknown) is refused
 * before anything is written.
 */
export async function applyPlan<T>(
  plan: Plan<T>,
  executor: PlanExecutor<T>,
  journal: PlanJournal,
  limiter: Limiter,
  opts: ApplyOptions,
): Promise<ApplySummary> {
  const byKey = new Map(plan.changes.map((c) => [c.key, c]));
  for (const key of opts.confirmed) {
    const c = byKey.get(key);
    if (!c) throw new ContractError('VALIDATION', `The plan has no change "${key}".`, { details: { field: 'confirmed' } });
    if (!APPLICABLE.has(c.action)) {
      throw new ContractError(
        'VALIDATION',
        `"${c.target}" is ${c.action} in the plan and cannot be applied${c.reason ? `: ${c.reason}` : ''}.`,
        {
          details: { field: 'confirmed', key },
        },
      );
    }
  }
  const chosen = plan.changes.filter((c) => opts.confirmed.has(c.key));
  const before = journal.applied(plan.id);
  const results: ChangeResult[] = [];
  for (const change of chosen) {
    if (opts.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
    let result: ChangeResult;
    if (before.has(change.key)) result = { key: change.key, status: 'done-before' };
    else {
      try {
        await limiter.acquire(opts.signal);
        const detail = await executor(change, opts.signal);
        result = { key: change.key, status: 'applied', ...(detail ? { detail } : {}) };
      } catch (err) {
        if (opts.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
        result = { key: change.key, status: 'failed', error: toErrorData(err) };
      }
      journal.record(plan.id, result);
    }
    results.push(result);
    opts.onResult?.(result, results.length, chosen.length);
  }
  const count = (s: ChangeResult['status']) => results.filter((r) => r.status === s).length;
  return { planId: plan.id, applied: count('applied'), failed: count('failed'), doneBefore: count('done-before'), results };
}
