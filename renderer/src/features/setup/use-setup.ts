import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CachePipelineInputs, WizardView } from '../../../../contract/channels/setup';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/use-job';

/** The one wizard of this screen (seed 000). */
export const WIZARD_ID = 'cache-pipeline' as const;

/** Statuses of a step whose planned changes are still to apply (`failed`: apply again, each change re-checks its target). */
const TO_APPLY = new Set(['changes', 'failed']);

/** Keys of the changes still to apply (creates and updates) of one step, or of every step. */
export function applicableKeys(view: Pick<WizardView, 'steps'>, stepId?: string): string[] {
  return view.steps
    .filter((s) => (!stepId || s.id === stepId) && TO_APPLY.has(s.status))
    .flatMap((s) => s.changes.filter((c) => c.action === 'create' || c.action === 'update').map((c) => c.key));
}

/**
 * The wizard's stored state and its three jobs (Check + Plan, Apply, Verify). A reloaded screen
 * re-attaches to a job of the wizard still running; each job's result replaces the shown state.
 */
export function useSetupWizard() {
  const qc = useQueryClient();
  const state = useApiQuery('setup:state', { wizardId: WIZARD_ID });
  const mine = { reattach: () => true };
  const plan = useJob('setup:plan', mine);
  const apply = useJob('setup:apply', mine);
  const verify = useJob('setup:verify', mine);
  const save = useApiMutation('setup:inputs', ['setup:state']);
  const reset = useApiMutation('setup:reset', ['setup:state']);
  const [error, setError] = useState<{ readonly title: string; readonly error: unknown } | null>(null);
  /** The step the last job was started for (undefined: all steps). */
  const [focus, setFocus] = useState<string | undefined>(undefined);

  const shown = (view: WizardView) => qc.setQueryData(['setup:state', { wizardId: WIZARD_ID }], view);
  const guard = async (title: string, stepId: string | undefined, work: () => Promise<WizardView>) => {
    setError(null);
    setFocus(stepId);
    try {
      shown(await work());
    } catch (err) {
      setError({ title, error: err });
      await qc.invalidateQueries({ queryKey: ['setup:state'] });
    }
  };
  const stepIds = (stepId?: string) => (stepId ? { stepIds: [stepId] } : {});

  return {
    view: state.data,
    loading: state.isLoading,
    loadError: state.error,
    refetch: () => void state.refetch(),
    busy: plan.running || apply.running || verify.running,
    focus,
    error,
    clearError: () => setError(null),
    jobs: { plan, apply, verify },
    saveInputs: (inputs: CachePipelineInputs) => save.mutateAsync({ wizardId: WIZARD_ID, inputs }).then(shown),
    saving: save.isPending,
    reset: () => reset.mutateAsync({ wizardId: WIZARD_ID }).then(shown),
    runPlan: (stepId?: string) =>
      guard('Check and plan did not finish', stepId, () => plan.run({ wizardId: WIZARD_ID, ...stepIds(stepId) })),
    runApply: (planId: string, confirmed: readonly string[], stepId?: string) =>
      guard('Apply did not finish', stepId, () => apply.run({ wizardId: WIZARD_ID, planId, confirmed: [...confirmed] })),
    runVerify: (stepId?: string) => guard('Verify did not finish', stepId, () => verify.run({ wizardId: WIZARD_ID, ...stepIds(stepId) })),
  };
}

/** The lookups of the inputs form for one Secret Server profile (none before a profile is chosen). */
export function useSetupLookups(profileId: string) {
  const enabled = profileId !== '';
  const folders = useApiQuery('setup:folders', { profileId }, { enabled, staleTime: 60_000 });
  const sites = useApiQuery('setup:sites', { profileId }, { enabled, staleTime: 15_000 });
  return { folders, sites };
}
