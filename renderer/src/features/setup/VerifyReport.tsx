import { Alert, AlertTitle, Box, Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { RunStatus } from '../../../../contract/channels/activity';
import type { SetupProgressData, VerificationReport } from '../../../../contract/channels/setup';
import { LocalTime } from '../../components/Time';

const PHASES: Record<NonNullable<SetupProgressData['phase']>, string> = {
  'changing-password': 'Changing the canary’s password…',
  'waiting-for-run': 'Waiting for the pipeline run…',
  'confirming-caches': 'Confirming every cache logged the refresh…',
  done: 'Done.',
};

/** `1.4 s`, `850 ms`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The run's way Pending → Processing → Success/Failed, the status reached so far highlighted. */
export function RunProgress({ status }: { status: RunStatus | undefined }) {
  const end: RunStatus = status === 'Failed' ? 'Failed' : 'Success';
  const order: RunStatus[] = ['Pending', 'Processing', end];
  const at = status ? order.indexOf(status) : -1;
  return (
    <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }} role="group" aria-label="Canary run status">
      {order.map((s, i) => (
        <Stack key={s} direction="row" sx={{ gap: 1, alignItems: 'center' }}>
          {i > 0 ? <Typography color="text.secondary">→</Typography> : null}
          <Chip
            size="small"
            label={s}
            aria-current={i === at ? 'step' : undefined}
            color={i > at ? 'default' : s === 'Failed' ? 'error' : s === 'Success' ? 'success' : 'info'}
            variant={i === at ? 'filled' : 'outlined'}
          />
        </Stack>
      ))}
    </Stack>
  );
}

/** Verify in progress: the phase in words and the canary run's status. */
export function VerifyProgress({ data }: { data: SetupProgressData | undefined }) {
  return (
    <Box sx={{ my: 1 }} aria-live="polite">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {data?.phase ? PHASES[data.phase] : 'Verifying…'}
      </Typography>
      <RunProgress status={data?.runStatus} />
    </Box>
  );
}

const STATE_LABEL = { refreshed: 'refreshed', failed: 'failed', 'not-confirmed': 'not confirmed' } as const;

/** The end-to-end verification: outcome, time from change to refresh, each cache instance, and on failure the run to open. */
export function VerifyReport({ report }: { report: VerificationReport }) {
  const last = report.runs.find((r) => r.status === 'Failed')?.status ?? report.runs[0]?.status;
  return (
    <Box sx={{ my: 1 }} aria-label="Verification" role="region">
      <Alert severity={report.ok ? 'success' : 'error'} sx={{ mb: 1 }}>
        <AlertTitle>{report.ok ? 'Verified end to end' : 'Verification failed'}</AlertTitle>
        {report.message}
        {report.changeToRefreshMs !== undefined ? (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            Time from the password change to the refresh: <strong>{formatDuration(report.changeToRefreshMs)}</strong>
          </Typography>
        ) : null}
        {report.cause ? (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            Probable cause: <strong>{report.cause.title}</strong> — {report.cause.fix}
          </Typography>
        ) : null}
        {report.failedRun ? (
          <Button size="small" color="inherit" variant="outlined" href={report.failedRun.link} sx={{ mt: 1 }}>
            Open the run in Pipeline activity
          </Button>
        ) : null}
      </Alert>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="body2">
          Canary “{report.canary.name}” (#{report.canary.id}), password changed <LocalTime at={report.changedAt} />
        </Typography>
        <RunProgress status={last} />
      </Stack>
      <Table size="small" aria-label="Credentials Cache confirmations">
        <TableHead>
          <TableRow>
            <TableCell>Credentials Cache</TableCell>
            <TableCell>Refresh</TableCell>
            <TableCell>Change → refresh</TableCell>
            <TableCell>Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.instances.map((i) => (
            <TableRow key={i.profileId}>
              <TableCell>{i.name}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={STATE_LABEL[i.state]}
                  color={i.state === 'refreshed' ? 'success' : i.state === 'failed' ? 'error' : 'warning'}
                />
              </TableCell>
              <TableCell>{i.changeToRefreshMs !== undefined ? formatDuration(i.changeToRefreshMs) : '—'}</TableCell>
              <TableCell>{i.reason ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.runs.length > 1 ? (
        <Typography variant="caption" color="text.secondary">
          Runs: {report.runs.map((r) => `${r.pipeline}: ${r.status}`).join(' · ')}
        </Typography>
      ) : null}
    </Box>
  );
}
