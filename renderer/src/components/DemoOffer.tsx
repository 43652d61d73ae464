import { useState } from 'react';
import { Alert, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { useJob } from '../api/use-job';
import { ErrorNotice } from './ErrorNotice';

/** Starts the demo environment and refetches everything once it is up. */
function useStartDemo() {
  const job = useJob('demo:start');
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setError(null);
    try {
      await job.run({});
      await qc.invalidateQueries();
    } catch (err) {
      setError(err);
    }
  };
  return { start, running: job.running, error };
}

/**
 * The demo environment's controls. `empty`: nothing is configured, a card offers the demo.
 * `offer`: a line that starts the demo (again) or removes it, whatever else is configured.
 * `manage`: that line only while demo profiles exist.
 */
export function DemoOffer({ mode = 'empty' }: { mode?: 'empty' | 'offer' | 'manage' }) {
  const demo = useStartDemo();
  const remove = useApiMutation('demo:remove', ['connections:list', 'overview:summary', 'fleet:list', 'demo:status']);
  const status = useApiQuery('demo:status', {}, { enabled: mode !== 'empty' });
  const start = () => void demo.start();
  const errors = (
    <>
      <ErrorNotice error={demo.error} title="The demo did not start" onRetry={start} sx={{ mt: 2 }} />
      <ErrorNotice error={remove.error} title="The demo was not removed" sx={{ mt: 2 }} />
    </>
  );
  if (mode === 'empty') {
    return (
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2">
            No connection yet
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Add a Secret Server, AWS or Credentials Cache profile — or explore first with a simulated Secret Server, two Credentials Cache
            instances and AWS Secrets Manager running inside the console, with real pipeline runs and log files.
          </Typography>
          <Button variant="contained" onClick={start} disabled={demo.running}>
            {demo.running ? 'Starting the demo…' : 'Try the demo environment'}
          </Button>
          {errors}
        </CardContent>
      </Card>
    );
  }
  if (!status.data) return null;
  const { running, profileIds } = status.data;
  const has = profileIds.length > 0;
  if (mode === 'manage' && !has) return null;
  const busy = demo.running || remove.isPending;
  const text = running
    ? `The demo environment is running (${profileIds.length} demo profile(s)).`
    : has
      ? 'The demo profiles point at simulators that are not running.'
      : 'Explore with a simulated Secret Server, two Credentials Cache instances and AWS Secrets Manager.';
  const startLabel = demo.running ? 'Starting the demo…' : has ? 'Start the demo again' : 'Try the demo environment';
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      role="region"
      aria-label="Demo environment"
      action={
        <Stack direction="row" sx={{ gap: 1 }}>
          {!running || profileIds.length < 4 ? (
            <Button color="inherit" size="small" onClick={start} disabled={busy}>
              {startLabel}
            </Button>
          ) : null}
          {has || running ? (
            <Button color="inherit" size="small" onClick={() => remove.mutate({})} disabled={busy}>
              {remove.isPending ? 'Removing the demo…' : 'Remove the demo'}
            </Button>
          ) : null}
        </Stack>
      }
    >
      {text}
      {errors}
    </Alert>
  );
}
