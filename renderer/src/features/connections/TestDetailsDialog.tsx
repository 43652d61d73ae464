import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import type { DiagnosticStage, ProfileView } from '../../../../contract/channels/connections';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Measured } from '../../components/Time';
import { StageList } from './StageList';
import type { RowTest } from './use-test-runs';

/** The verdict of a finished test in words; null while running or never tested. */
function verdict(stages: readonly DiagnosticStage[] | undefined, ok: boolean | undefined): string | null {
  if (ok === undefined || !stages) return null;
  if (ok) return 'Connection works: every stage passed.';
  return `Failed at ${stages.find((s) => s.status === 'fail')?.label ?? 'a stage'}.`;
}

/**
 * The stages of a profile's test, on demand: the running or just finished one, else the last one
 * kept across restarts. Test again from here; the verdict is announced when it arrives.
 */
export function TestDetailsDialog(props: {
  profile: ProfileView;
  run: RowTest | undefined;
  liveStages: readonly DiagnosticStage[] | undefined;
  busy: boolean;
  onTest: () => void;
  onCancel: () => void;
  onClose: () => void;
}) {
  const { profile, run } = props;
  const last = profile.lastTest;
  const fresh = run?.state === 'done' ? run.result : undefined;
  const running = run?.state === 'running' || run?.state === 'queued';
  const stages = props.liveStages ?? (running ? undefined : last?.stages);
  const ok = fresh ? fresh.ok : running || run?.state === 'error' ? undefined : last?.ok;
  const at = fresh?.finishedAt ?? (running ? undefined : last?.at);
  const said = verdict(stages, ok);
  const titleId = `test-details-${profile.id}`;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Test results for {profile.name}</DialogTitle>
      <DialogContent>
        <Box role="status">
          {said ? (
            <Alert severity={ok ? 'success' : 'error'} role="none">
              {said}
            </Alert>
          ) : null}
        </Box>
        {at ? <Measured at={at} verb="tested" /> : null}
        {run?.state === 'error' ? <ErrorNotice error={run.error} profileId={profile.id} /> : null}
        {run?.state === 'queued' ? <Typography color="text.secondary">Waiting for the tests before it.</Typography> : null}
        {stages ? <StageList stages={stages} /> : null}
        {!stages && !running && run?.state !== 'error' ? (
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            {last ? 'This test was kept without its stages; test again to see them.' : 'Not tested yet.'}
          </Typography>
        ) : null}
      </DialogContent>
      <DialogActions>
        {running ? <Button onClick={props.onCancel}>Cancel test</Button> : null}
        <Button onClick={props.onTest} disabled={props.busy}>
          {running ? 'Testing…' : 'Test again'}
        </Button>
        <Button onClick={props.onClose} variant="contained">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
