import { useState } from 'react';
import { Alert, Button } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from '../../api/hooks';
import { useJob } from '../../api/use-job';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * The demo's "fresh" choice on the Setup screen: a simulated Secret Server without the Credentials
 * Cache pipeline setup (`demo:start {fresh:true}`), to rehearse the wizard from the start.
 */
export function FreshDemo({ onStarted }: { onStarted?: () => void }) {
  const job = useJob('demo:start');
  const qc = useQueryClient();
  const status = useApiQuery('demo:status', {});
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setError(null);
    try {
      await job.run({ fresh: true });
      await qc.invalidateQueries();
      onStarted?.();
    } catch (err) {
      setError(err);
    }
  };
  const running = status.data?.running === true;
  return (
    <Alert
      severity="info"
      role="region"
      aria-label="Fresh demo"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" size="small" onClick={() => void start()} disabled={job.running}>
          {job.running ? 'Starting the fresh demo…' : running ? 'Restart the demo fresh' : 'Start a fresh demo'}
        </Button>
      }
    >
      Rehearse first: a fresh demo is a simulated Secret Server without the Credentials Cache pipeline setup (no role, template, script or
      policy yet) and two running caches.{running ? ' Restarting replaces the running demo and its data.' : ''}
      <ErrorNotice error={error} title="The fresh demo did not start" onRetry={() => void start()} sx={{ mt: 1 }} />
    </Alert>
  );
}
