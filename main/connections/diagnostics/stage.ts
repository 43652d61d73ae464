import { ContractError } from '../../../contract/errors';
import type { DiagnosticStage, StageCheck, StageId } from '../../../contract/channels/connections';
import { redact } from '../../shared/redact';
import { cancelled, errorMessage } from '../../shared/errors';
import { fixForStageError } from './stage-fix';

/** What a stage function reports; the runner adds id, label and duration. */
export interface StageOutcome {
  readonly status: 'pass' | 'warn' | 'fail' | 'skipped';
  readonly detail: string;
  readonly fix?: string;
  readonly checks?: readonly StageCheck[];
}

/** One planned stage. */
export interface StagePlan {
  readonly id: StageId;
  readonly label: string;
  run(signal: AbortSignal): Promise<StageOutcome>;
}

/** Labels shown for each stage. */
export const STAGE_LABELS: Readonly<Record<StageId, string>> = {
  dns: 'DNS',
  tcp: 'TCP connect',
  tls: 'TLS certificate',
  http: 'HTTP',
  auth: 'Authentication',
  permissions: 'Permissions',
};

/** A stage that passes with a fixed message (e.g. "skipped for http://"). */
export function fixed(id: StageId, outcome: StageOutcome): StagePlan {
  return { id, label: STAGE_LABELS[id], run: () => Promise.resolve(outcome) };
}

/** Shorthands for outcomes. */
export const pass = (detail: string, checks?: readonly StageCheck[]): StageOutcome => ({
  status: 'pass',
  detail,
  ...(checks ? { checks } : {}),
});
/** A failing outcome with its fix in words. */
export const fail = (detail: string, fix: string, checks?: readonly StageCheck[]): StageOutcome => ({
  status: 'fail',
  detail,
  fix,
  ...(checks ? { checks } : {}),
});

/**
 * Runs stages in order, streaming every change through `onUpdate`. After the first failing
 * stage the rest are reported as skipped, because their results would only repeat the cause.
 * `secrets` are scrubbed from every message.
 */
export async function runStages(
  plan: readonly StagePlan[],
  signal: AbortSignal,
  onUpdate: (stages: readonly DiagnosticStage[]) => void,
  secrets: readonly string[] = [],
  now: () => number = () => performance.now(),
): Promise<{ stages: DiagnosticStage[]; failedStage?: StageId }> {
  const stages: DiagnosticStage[] = plan.map((p) => ({ id: p.id, label: p.label, status: 'pending' }));
  let failedStage: StageId | undefined;
  for (const [i, p] of plan.entries()) {
    if (failedStage) {
      stages[i] = { id: p.id, label: p.label, status: 'skipped', detail: `Not run: ${STAGE_LABELS[failedStage]} failed.` };
      continue;
    }
    stages[i] = { id: p.id, label: p.label, status: 'running' };
    onUpdate([...stages]);
    const started = now();
    let outcome: StageOutcome;
    try {
      outcome = await p.run(signal);
    } catch (err) {
      if (signal.aborted || (err instanceof ContractError && err.code === 'CANCELLED')) throw cancelled();
      outcome = fail(errorMessage(err), fixForStageError(p.id, err));
    }
    stages[i] = {
      id: p.id,
      label: p.label,
      status: outcome.status,
      durationMs: Math.max(0, Math.round(now() - started)),
      detail: redact(outcome.detail, secrets),
      ...(outcome.fix ? { fix: redact(outcome.fix, secrets) } : {}),
      ...(outcome.checks
        ? { checks: outcome.checks.map((c) => ({ ...c, ...(c.message ? { message: redact(c.message, secrets) } : {}) })) }
        : {}),
    };
    if (outcome.status === 'fail') failedStage = p.id;
    onUpdate([...stages]);
  }
  if (failedStage) onUpdate([...stages]);
  return { stages, ...(failedStage ? { failedStage } : {}) };
}
