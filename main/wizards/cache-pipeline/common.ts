import type { ChangeAction } from '../../../contract/plans';
import type { ManualInstructions, StepFinding } from '../../../contract/channels/setup';
import type { StepChange } from '../types';
import type { CacheCtx } from './context';

/** Builds one planned change. */
export function change<D>(
  key: string,
  action: ChangeAction,
  target: string,
  calls: readonly string[],
  data: D,
  extra: { before?: string; after?: string; reason?: string } = {},
): StepChange<D> {
  return { key, action, target, ...extra, payload: { calls, data } };
}

/** A call as the runbook shows it: method, path and JSON body. */
export function call(method: string, path: string, body?: unknown): string {
  return body === undefined ? `${method} ${path}` : `${method} ${path}\n  ${JSON.stringify(body)}`;
}

/** A finding. */
export const info = (text: string): StepFinding => ({ level: 'info', text });
/** A warning finding. */
export const warn = (text: string): StepFinding => ({ level: 'warning', text });
/** A problem finding. */
export const problem = (text: string): StepFinding => ({ level: 'problem', text });

/**
 * When the account lacks a permission the step's changes need: the manual instructions, and the
 * changes turned `blocked` (apply refuses them); the admin does the UI steps, then verifies.
 */
export function manualIfLacking(
  ctx: CacheCtx,
  needed: readonly string[],
  changes: StepChange[],
  steps: readonly string[],
): { manual?: ManualInstructions; changes: StepChange[] } {
  const lacking = needed.filter((n) => !ctx.can(n));
  const todo = changes.some((c) => c.action === 'create' || c.action === 'update');
  if (!lacking.length || !todo) return { changes };
  const reason = `The signed-in account (${ctx.profile.username}) lacks ${lacking.map((n) => `“${n}”`).join(' and ')}: do this step by hand in the Secret Server UI, then verify.`;
  return {
    manual: { reason, steps },
    changes: changes.map((c) =>
      c.action === 'create' || c.action === 'update' ? { ...c, action: 'blocked', reason: `needs ${lacking.join(', ')} — by hand` } : c,
    ),
  };
}
