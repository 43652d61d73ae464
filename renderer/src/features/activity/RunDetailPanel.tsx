import { useState } from 'react';
import { Box, CircularProgress, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import type { RunDetail, RunRow } from '../../../../contract/channels/activity';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LocalTime, Measured } from '../../components/Time';
import { RunStatusChip } from '../../components/RunStatusChip';
import { CorrelationSection } from './CorrelationSection';
import { RunActions } from './RunActions';
import { CauseCard, Section, SecretFacts, SiteFacts, TaskList } from './RunDetailParts';
import { formatDuration } from './route';
import { useCorrelation, useRunDetail, type RunRef } from './use-activity';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </>
  );
}

function RunFacts({ run }: { run: RunRow }) {
  const t = (at: string | null) => (at ? <LocalTime at={at} /> : '—');
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, mt: 2 }}>
      <Fact label="Trigger">
        {run.trigger}
        {run.triggerDetails ? ` — ${run.triggerDetails}` : ''}
      </Fact>
      <Fact label="Policy">{run.policies.map((p) => p.name).join(', ') || 'not known'}</Fact>
      <Fact label="Pipeline">{run.pipeline.name}</Fact>
      <Fact label="Queued">{t(run.queuedAt)}</Fact>
      <Fact label="Started">{t(run.startedAt)}</Fact>
      <Fact label="Ended">{t(run.endedAt)}</Fact>
      <Fact label="Duration">{formatDuration(run.durationMs)}</Fact>
      <Fact label="Run id">
        <Box component="span" sx={{ fontFamily: 'monospace', userSelect: 'all' }}>
          {run.runId}
        </Box>
      </Fact>
    </Box>
  );
}

function Body({
  runRef,
  detail,
  onRecheck,
  rechecking,
}: {
  runRef: RunRef;
  detail: RunDetail;
  onRecheck: () => void;
  rechecking: boolean;
}) {
  const [windowMinutes, setWindowMinutes] = useState(2);
  const correlation = useCorrelation(runRef, windowMinutes);
  const done = correlation.correlation;
  const cause = done ? done.cause : detail.cause;
  return (
    <>
      {cause ? <CauseCard cause={cause} fromLogs={Boolean(done)} /> : null}
      <RunFacts run={detail.run} />
      <RunActions
        key={detail.run.runId}
        runRef={runRef}
        secretId={detail.secret.id}
        windowMinutes={windowMinutes}
        rechecking={rechecking}
        onRecheck={() => {
          onRecheck();
          correlation.again();
        }}
      />
      <Section title="Secret">
        <SecretFacts secret={detail.secret} />
      </Section>
      <Section title="Engine and site">
        <SiteFacts detail={detail} />
      </Section>
      <Section title="Tasks">
        <TaskList tasks={detail.tasks} />
      </Section>
      <CorrelationSection
        secretId={detail.secret.id}
        windowMinutes={windowMinutes}
        onWindow={setWindowMinutes}
        sources={correlation.sources}
        correlation={done}
        running={correlation.running}
        error={correlation.error}
        onRetry={correlation.again}
      />
    </>
  );
}

/** Props of {@link RunDetailPanel}. */
export interface RunDetailPanelProps {
  readonly runRef: RunRef;
  /** The row from the table, shown while the detail loads. */
  readonly row?: RunRow;
  readonly onClose: () => void;
}

/** The run detail: cause, facts, actions, secret, site and engines, tasks with notes, correlated log lines. */
export function RunDetailPanel({ runRef, row, onClose }: RunDetailPanelProps) {
  const { detail, recheck, rechecking, recheckError } = useRunDetail(runRef);
  const run = detail.data?.run ?? row;
  return (
    <Box sx={{ p: 2 }} data-testid="run-detail">
      <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" sx={{ lineHeight: 1.3, overflowWrap: 'anywhere' }}>
            {run ? `Secret ${run.secret.name} (${run.secret.id})` : 'Run'}
          </Typography>
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            {run ? <RunStatusChip status={run.status} /> : null}
            {run ? (
              <Typography variant="body2" color="text.secondary">
                {run.pipeline.name}
              </Typography>
            ) : null}
            {detail.data ? <Measured at={detail.data.fetchedAt} verb="read" /> : null}
          </Stack>
        </Box>
        <Tooltip title="Close (Escape)">
          <IconButton aria-label="Close run detail" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      {detail.isPending ? <CircularProgress size={24} sx={{ mt: 2 }} aria-label="Loading the run" /> : null}
      <ErrorNotice error={detail.error} title="Could not read the run" onRetry={() => void detail.refetch()} sx={{ mt: 2 }} />
      <ErrorNotice error={recheckError} title="Could not re-check the run" onRetry={() => void recheck()} sx={{ mt: 2 }} />
      {detail.data ? (
        <Body key={runRef.runId} runRef={runRef} detail={detail.data} onRecheck={() => void recheck()} rechecking={rechecking} />
      ) : null}
    </Box>
  );
}
