import { randomUUID } from 'node:crypto';
import { ContractError } from '../../contract/errors';
import type { SetupProgressData, StepStatus, StepView, VerificationReport, WizardView } from '../../contract/channels/setup';
import { toErrorData } from '../ipc/errors';
import type { JobContext } from '../jobs';
import { APPLICABLE, applyPlan, jobPlanJournal, planView, type Limiter } from '../plans';
import { renderStepRunbook } from './runbook';
import type { StoredChange, StoredStep, StoredWizard, WizardStore } from './store';
import type { StepChange, WizardDef, WizardStep } from './types';

type Job = JobContext<SetupProgressData>;
const now = () => new Date().toISOString();

/**
 * The step engine: Check → Plan, Apply (through `applyPlan` with the job's journal, so a resumed
 * apply writes each change once), Verify. Every phase saves the wizard state to disk as it goes, so
 * a closed window (or a restart) finds it as it was. Generic over the wizard's inputs and context.
 */
export class WizardEngine<I, C> {
  constructor(
    readonly def: WizardDef<I, C>,
    private readonly store: WizardStore,
    private readonly limiter: (ctx: C) => Limiter,
  ) {}

  /** The stored state. */
  state(): StoredWizard {
    return this.store.load(this.def.id);
  }

  /** The view the screen shows. */
  view(state = this.state()): WizardView {
    const steps: StepView[] = this.def.steps.map((s) => stepView(s, state));
    return {
      wizardId: this.def.id as WizardView['wizardId'],
      title: this.def.title,
      inputs: state.inputs as WizardView['inputs'],
      steps,
      ...(state.plan ? { planId: state.plan.id } : {}),
      ...(state.lastApply ? { lastApply: state.lastApply } : {}),
      ...(state.verification ? { verification: state.verification } : {}),
      updatedAt: state.updatedAt,
    };
  }

  /** Saves new inputs; every step goes back to not-checked and the plan is dropped. */
  saveInputs(inputs: I): WizardView {
    const state = this.state();
    state.inputs = inputs;
    state.plan = null;
    state.steps = {};
    delete state.lastApply;
    delete state.verification;
    this.store.save(state);
    return this.view(state);
  }

  /** Forgets everything. */
  reset(): WizardView {
    const state: StoredWizard = { wizardId: this.def.id, inputs: null, plan: null, steps: {}, updatedAt: now() };
    this.store.save(state);
    return this.view(state);
  }

  /** Checks the live state of the steps (all, or `stepIds`) in order and plans their changes. Writes nothing remote. */
  async plan(job: Job, stepIds?: readonly string[]): Promise<WizardView> {
    const state = this.state();
    const ctx = await this.context(state, job.signal);
    const chosen = this.chosen(stepIds);
    const kept = (state.plan?.changes ?? []).filter((c) => !chosen.some((s) => s.id === c.stepId));
    const fresh: StoredChange[] = [];
    for (const [i, step] of chosen.entries()) {
      if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
      job.report({ done: i, total: chosen.length, message: `Checking: ${step.title}`, data: { stepId: step.id } });
      const stored = await this.checkStep(step, ctx, job.signal);
      state.steps[step.id] = stored.step;
      fresh.push(...stored.changes.map((c) => ({ ...c, stepId: step.id })));
      job.report({
        done: i + 1,
        total: chosen.length,
        message: `${step.title}: ${stored.step.status}`,
        data: { stepId: step.id, status: stored.step.status },
      });
    }
    const order = (c: StoredChange) => this.def.steps.findIndex((s) => s.id === c.stepId);
    state.plan = { id: randomUUID(), createdAt: now(), changes: [...kept, ...fresh].sort((a, b) => order(a) - order(b)) };
    this.store.save(state);
    return this.view(state);
  }

  /** Applies exactly the confirmed changes of plan `planId`, step by step; failures are recorded on their step. */
  async apply(job: Job, planId: string, confirmed: readonly string[]): Promise<WizardView> {
    const state = this.state();
    const plan = state.plan;
    if (!plan || plan.id !== planId)
      throw new ContractError('CONFLICT', 'The plan changed since it was shown: check and plan again, then confirm its changes.', {
        details: { field: 'planId' },
      });
    const ctx = await this.context(state, job.signal);
    const keys = new Set(confirmed);
    const touched = this.def.steps.filter((s) => plan.changes.some((c) => c.stepId === s.id && keys.has(c.key)));
    for (const s of touched) this.setStatus(state, s.id, 'applying');
    this.store.save(state);
    const stepOf = new Map(plan.changes.map((c) => [c.key, c.stepId]));
    let summary;
    try {
      summary = await applyPlan(
        plan,
        (change, signal) => this.stepById(stepOf.get(change.key) ?? '').apply(change as StepChange, ctx, signal),
        jobPlanJournal(job),
        this.limiter(ctx),
        {
          confirmed: keys,
          signal: job.signal,
          onResult: (r, done, total) => {
            const stepId = stepOf.get(r.key);
            job.log(`${r.key}: ${r.status}${r.error ? ` — ${r.error.message}` : r.detail ? ` — ${r.detail}` : ''}`);
            job.report({ done, total, message: `${r.key}: ${r.status}`, data: { ...(stepId ? { stepId } : {}) } });
          },
        },
      );
    } catch (err) {
      for (const s of touched) Object.assign(this.step(state, s.id), { status: 'failed', error: toErrorData(err) });
      this.store.save(state);
      throw err;
    }
    for (const s of touched) {
      const results = summary.results.filter((r) => stepOf.get(r.key) === s.id);
      const failed = results.find((r) => r.status === 'failed');
      const st = this.step(state, s.id);
      st.status = failed ? 'failed' : 'applied';
      st.appliedAt = now();
      if (failed?.error) st.error = failed.error;
      else delete st.error;
      job.report({ done: summary.results.length, message: `${s.title}: ${st.status}`, data: { stepId: s.id, status: st.status } });
    }
    state.lastApply = summary;
    this.store.save(state);
    return this.view(state);
  }

  /** Verifies the steps: a step's own verify, else a check that must plan nothing. A manual step done by hand verifies here too. */
  async verify(job: Job, stepIds?: readonly string[]): Promise<WizardView> {
    const state = this.state();
    const ctx = await this.context(state, job.signal);
    const chosen = this.chosen(stepIds);
    for (const [i, step] of chosen.entries()) {
      if (job.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled', { retryable: true });
      job.report({ done: i, total: chosen.length, message: `Verifying: ${step.title}`, data: { stepId: step.id } });
      const st = this.step(state, step.id);
      try {
        const checked = await this.checkStep(step, ctx, job.signal);
        const pending = checked.changes.some((c) => c.action !== 'unchanged');
        if (pending || checked.step.status === 'blocked' || checked.step.status === 'manual') {
          Object.assign(st, checked.step, { status: 'failed' as StepStatus });
          st.findings = [
            { level: 'problem', text: 'Not in place yet: check and plan again to see what is missing.' },
            ...checked.step.findings,
          ];
        } else if (step.verify) {
          const out = await step.verify(ctx, job.signal, (message, data) =>
            job.report({ done: i, total: chosen.length, message, data: { stepId: step.id, ...(data as SetupProgressData) } }),
          );
          Object.assign(st, { status: out.ok ? 'verified' : 'failed', findings: [...out.findings] });
          if (out.report) state.verification = out.report as VerificationReport;
        } else Object.assign(st, checked.step, { status: 'verified' as StepStatus });
        if (st.status === 'verified') {
          st.verifiedAt = now();
          delete st.error;
        }
      } catch (err) {
        if (job.signal.aborted) throw err;
        Object.assign(st, { status: 'failed', error: toErrorData(err) });
      }
      job.report({
        done: i + 1,
        total: chosen.length,
        message: `${step.title}: ${st.status}`,
        data: { stepId: step.id, status: st.status },
      });
      this.store.save(state);
    }
    return this.view(state);
  }

  private async checkStep(step: WizardStep<C>, ctx: C, signal: AbortSignal): Promise<{ step: StoredStep; changes: StepChange[] }> {
    try {
      const out = await step.check(ctx, signal);
      const applicable = out.changes.some((c) => APPLICABLE.has(c.action));
      const blocked = out.blocked || out.changes.some((c) => c.action === 'conflict' || (c.action === 'blocked' && !out.manual));
      const status: StepStatus = out.manual ? 'manual' : blocked ? 'blocked' : applicable ? 'changes' : 'ok';
      return {
        step: {
          status,
          findings: [...out.findings],
          ...(out.manual ? { manual: out.manual } : {}),
          ...(out.diff ? { diff: out.diff } : {}),
          checkedAt: now(),
        },
        changes: [...out.changes],
      };
    } catch (err) {
      if (signal.aborted) throw err;
      const error = toErrorData(err);
      return { step: { status: 'blocked', findings: [{ level: 'problem', text: error.message }], error, checkedAt: now() }, changes: [] };
    }
  }

  private async context(state: StoredWizard, signal: AbortSignal): Promise<C> {
    if (state.inputs === null)
      throw new ContractError('VALIDATION', 'Save the wizard inputs first (setup:inputs).', { details: { field: 'inputs' } });
    return this.def.context(state.inputs as I, signal);
  }

  private chosen(stepIds?: readonly string[]): readonly WizardStep<C>[] {
    if (!stepIds) return this.def.steps;
    for (const id of stepIds) this.stepById(id);
    return this.def.steps.filter((s) => stepIds.includes(s.id));
  }

  private stepById(id: string): WizardStep<C> {
    const s = this.def.steps.find((x) => x.id === id);
    if (!s) throw new ContractError('VALIDATION', `The wizard has no step "${id}".`, { details: { field: 'stepIds' } });
    return s;
  }

  private step(state: StoredWizard, id: string): StoredStep {
    return (state.steps[id] ??= { status: 'not-checked', findings: [] });
  }

  private setStatus(state: StoredWizard, id: string, status: StepStatus): void {
    this.step(state, id).status = status;
  }
}

function stepView<C>(step: WizardStep<C>, state: StoredWizard): StepView {
  const st = state.steps[step.id] ?? { status: 'not-checked' as const, findings: [] };
  const changes = (state.plan?.changes ?? []).filter((c) => c.stepId === step.id);
  return {
    id: step.id,
    title: step.title,
    description: step.description,
    status: st.status,
    findings: st.findings,
    changes: planView({ id: '', createdAt: '', changes: changes.map(({ stepId: _s, ...c }) => c) }),
    ...(st.manual ? { manual: st.manual } : {}),
    ...(st.diff ? { diff: st.diff } : {}),
    runbook: renderStepRunbook(step, st, changes),
    ...(st.error ? { error: st.error } : {}),
    ...(st.checkedAt ? { checkedAt: st.checkedAt } : {}),
    ...(st.appliedAt ? { appliedAt: st.appliedAt } : {}),
    ...(st.verifiedAt ? { verifiedAt: st.verifiedAt } : {}),
  };
}
