import { useState } from 'react';
import { Box, Button, CircularProgress, Paper, Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import type { SetupProgressData, StepView, WizardView } from '../../../../contract/channels/setup';
import type { PlanChangeView } from '../../../../contract/plans';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { ApplyDialog } from './ApplyDialog';
import { FreshDemo } from './FreshDemo';
import { InputsForm } from './InputsForm';
import { RunbookExport } from './RunbookExport';
import { StatusChip, StepPanel } from './StepPanel';
import { applicableKeys, useSetupWizard } from './use-setup';

/** What the apply dialog is open for: one step, or every step. */
interface ApplyTarget {
  readonly stepId?: string;
  readonly scope: string;
  readonly changes: readonly PlanChangeView[];
}

function applyTarget(view: WizardView, step?: StepView): ApplyTarget {
  const keys = new Set(applicableKeys(view, step?.id));
  const steps = step ? [step] : view.steps;
  return {
    ...(step ? { stepId: step.id } : {}),
    scope: step ? step.title : 'Every step',
    changes: steps.flatMap((s) => s.changes.filter((c) => keys.has(c.key))),
  };
}

/**
 * Setup: the wizard for the event pipeline that refreshes every Credentials Cache (seed 000).
 * Inputs, then six steps in a vertical stepper, each Check / Plan → Apply → Verify.
 */
export function SetupPage() {
  const w = useSetupWizard();
  const [applying, setApplying] = useState<ApplyTarget | null>(null);
  const view = w.view;

  const header = (
    <PageHeader
      title="Setup"
      subtitle="Event pipeline that refreshes every Credentials Cache when a password changes — each step checked, planned, applied and verified."
      actions={view ? <RunbookExport disabled={!view.planId} /> : undefined}
    />
  );
  if (!view)
    return (
      <Box>
        {header}
        {w.loading ? <CircularProgress aria-label="Loading the wizard" /> : null}
        <ErrorNotice error={w.loadError} title="The wizard's state could not be read" onRetry={w.refetch} />
      </Box>
    );

  const job: 'plan' | 'apply' | 'verify' | undefined = w.jobs.plan.running
    ? 'plan'
    : w.jobs.apply.running
      ? 'apply'
      : w.jobs.verify.running
        ? 'verify'
        : undefined;
  const progress: SetupProgressData | undefined = job ? (w.jobs[job].progress?.data ?? undefined) : undefined;
  const runningFor = (step: StepView) => {
    if (!job) return undefined;
    const about = progress?.stepId ?? w.focus;
    if (about !== undefined && about !== step.id) return undefined;
    return { kind: job, ...(progress ? { data: progress } : {}) };
  };
  const allKeys = applicableKeys(view);
  const last = view.lastApply && view.lastApply.planId === view.planId ? view.lastApply : undefined;
  const results = last ? new Map(last.results.map((r) => [r.key, r])) : undefined;
  const ready = view.inputs !== null;
  const firstOpen = view.steps.findIndex((s) => s.status !== 'ok' && s.status !== 'verified');

  return (
    <Box>
      {header}
      <FreshDemo />
      <InputsForm saved={view.inputs} onSave={w.saveInputs} saving={w.saving} disabled={w.busy} />
      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Steps">
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {view.title}
          </Typography>
          <Button variant="outlined" onClick={() => void w.runPlan()} disabled={!ready || w.busy}>
            {job === 'plan' && w.focus === undefined ? 'Checking…' : 'Check and plan all'}
          </Button>
          <Button
            variant="contained"
            onClick={() => setApplying(applyTarget(view))}
            disabled={!view.planId || allKeys.length === 0 || w.busy}
          >
            Apply all…
          </Button>
          <Button variant="outlined" onClick={() => void w.runVerify()} disabled={!ready || w.busy}>
            {job === 'verify' && w.focus === undefined ? 'Verifying…' : 'Verify all'}
          </Button>
          <Button color="inherit" onClick={() => void w.reset()} disabled={w.busy}>
            Reset
          </Button>
        </Box>
        {!ready ? (
          <Typography variant="body2" color="text.secondary">
            Save the inputs first: every step checks the live state against them.
          </Typography>
        ) : null}
        {view.lastApply && view.lastApply.failed > 0 ? (
          <ErrorNotice
            error={`The last apply wrote ${view.lastApply.applied} change(s) and ${view.lastApply.failed} failed; the failed steps say why.`}
            title="Apply failed in part"
            sx={{ mb: 1 }}
          />
        ) : null}
        {w.error ? <ErrorNotice error={w.error.error} title={w.error.title} onClose={w.clearError} sx={{ mb: 1 }} /> : null}
        <Stepper orientation="vertical" nonLinear activeStep={firstOpen === -1 ? view.steps.length : firstOpen}>
          {view.steps.map((step, i) => (
            <Step
              key={step.id}
              expanded
              completed={step.status === 'verified' || step.status === 'ok'}
              role="region"
              aria-labelledby={`setup-step-${step.id}`}
              data-status={step.status}
            >
              <StepLabel
                error={step.status === 'failed' || step.status === 'blocked'}
                optional={<StatusChip status={step.status} />}
                slotProps={{ label: { id: `setup-step-${step.id}` } }}
              >
                <Typography component="h3" variant="subtitle1" color="text.primary" sx={{ fontWeight: 600 }}>
                  {i + 1}. {step.title}
                </Typography>
              </StepLabel>
              <StepContent>
                <StepPanel
                  step={step}
                  {...(step.id === 'verify' && view.verification ? { verification: view.verification } : {})}
                  {...(results ? { results } : {})}
                  actions={{
                    busy: w.busy || !ready,
                    running: runningFor(step),
                    canApply: Boolean(view.planId) && applicableKeys(view, step.id).length > 0,
                    onPlan: () => void w.runPlan(step.id),
                    onApply: () => setApplying(applyTarget(view, step)),
                    onVerify: () => void w.runVerify(step.id),
                  }}
                />
              </StepContent>
            </Step>
          ))}
        </Stepper>
      </Paper>
      <ApplyDialog
        open={applying !== null}
        scope={applying?.scope ?? ''}
        changes={applying?.changes ?? []}
        onCancel={() => setApplying(null)}
        onConfirm={(keys) => {
          const target = applying;
          setApplying(null);
          if (view.planId && target) void w.runApply(view.planId, keys, target.stepId);
        }}
      />
    </Box>
  );
}
