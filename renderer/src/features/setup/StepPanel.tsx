import { Alert, AlertTitle, Box, Button, Chip, LinearProgress, Stack, Typography, type ChipProps } from '@mui/material';
import type { SetupProgressData, StepStatus, StepView, VerificationReport } from '../../../../contract/channels/setup';
import type { ChangeResult } from '../../../../contract/plans';
import { fromErrorData } from '../../../../contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LocalTime } from '../../components/Time';
import { DiffView, PlanChanges } from './PlanChanges';
import { VerifyProgress, VerifyReport } from './VerifyReport';

const STATUS: Record<StepStatus, { label: string; color: ChipProps['color'] }> = {
  'not-checked': { label: 'not checked', color: 'default' },
  ok: { label: 'ok — nothing to change', color: 'success' },
  changes: { label: 'changes to apply', color: 'info' },
  manual: { label: 'manual step', color: 'warning' },
  blocked: { label: 'blocked', color: 'error' },
  applying: { label: 'applying…', color: 'info' },
  applied: { label: 'applied — verify next', color: 'primary' },
  failed: { label: 'failed', color: 'error' },
  verified: { label: 'verified', color: 'success' },
};

/** A step's status as a chip. */
export function StatusChip({ status }: { status: StepStatus }) {
  const s = STATUS[status];
  return <Chip size="small" color={s.color} variant={status === 'not-checked' ? 'outlined' : 'filled'} label={s.label} />;
}

/** What a step can do now, and what runs. */
export interface StepActions {
  readonly busy: boolean;
  /** The running job is about this step (or all steps), with its progress. */
  readonly running?: { readonly kind: 'plan' | 'apply' | 'verify'; readonly data?: SetupProgressData };
  readonly canApply: boolean;
  readonly onPlan: () => void;
  readonly onApply: () => void;
  readonly onVerify: () => void;
}

/** One step's body: findings in words, the plan's changes, the diff, manual instructions, errors, times and its buttons. */
export function StepPanel({
  step,
  actions,
  verification,
  results,
}: {
  step: StepView;
  actions: StepActions;
  verification?: VerificationReport;
  /** Outcomes of the last apply of the current plan, by change key. */
  results?: ReadonlyMap<string, ChangeResult>;
}) {
  const { running } = actions;
  return (
    <Box sx={{ pb: 1 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {step.description}
      </Typography>
      {step.findings.length ? (
        <Box component="ul" aria-label={`${step.title}: findings`} sx={{ m: 0, mb: 1, pl: 2.5 }}>
          {step.findings.map((f, i) => (
            <Typography
              key={i}
              component="li"
              variant="body2"
              color={f.level === 'problem' ? 'error' : f.level === 'warning' ? 'warning.main' : 'text.primary'}
            >
              {f.level === 'info' ? '' : `${f.level === 'problem' ? 'Problem' : 'Warning'}: `}
              {f.text}
            </Typography>
          ))}
        </Box>
      ) : step.status === 'not-checked' ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Not checked yet: “Check / Plan” reads the live state and plans what would change. Nothing is written.
        </Typography>
      ) : null}
      <PlanChanges changes={step.changes} label={`${step.title}: planned changes`} {...(results ? { results } : {})} />
      {step.diff ? (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            The existing script differs from the generated one:
          </Typography>
          <DiffView diff={step.diff} label={`${step.title}: diff`} />
        </>
      ) : null}
      {step.manual ? (
        <Alert severity="warning" sx={{ my: 1 }}>
          <AlertTitle>Do this step by hand in Secret Server, then check again</AlertTitle>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {step.manual.reason}
          </Typography>
          <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
            {step.manual.steps.map((s, i) => (
              <Typography key={i} component="li" variant="body2">
                {s}
              </Typography>
            ))}
          </Box>
        </Alert>
      ) : null}
      {step.error ? <ErrorNotice error={fromErrorData(step.error)} title={`${step.title} failed`} sx={{ my: 1 }} /> : null}
      {running?.kind === 'verify' && step.id === 'verify' ? <VerifyProgress data={running.data} /> : null}
      {running && !(running.kind === 'verify' && step.id === 'verify') ? (
        <LinearProgress sx={{ my: 1 }} aria-label={`${step.title}: ${running.kind} running`} />
      ) : null}
      {verification && step.id === 'verify' ? <VerifyReport report={verification} /> : null}
      <Stack direction="row" sx={{ gap: 1, mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="outlined" size="small" onClick={actions.onPlan} disabled={actions.busy}>
          Check / Plan
        </Button>
        <Button variant="contained" size="small" onClick={actions.onApply} disabled={actions.busy || !actions.canApply}>
          Apply…
        </Button>
        <Button variant="outlined" size="small" onClick={actions.onVerify} disabled={actions.busy || step.status === 'not-checked'}>
          Verify
        </Button>
        <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
          {step.checkedAt ? (
            <>
              checked <LocalTime at={step.checkedAt} />
            </>
          ) : null}
          {step.appliedAt ? (
            <>
              {' · '}applied <LocalTime at={step.appliedAt} />
            </>
          ) : null}
          {step.verifiedAt ? (
            <>
              {' · '}verified <LocalTime at={step.verifiedAt} />
            </>
          ) : null}
        </Typography>
      </Stack>
    </Box>
  );
}
