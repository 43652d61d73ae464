import { useState } from 'react';
import { Button, Card, CardContent, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
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

/** Offered when nothing is configured (Overview, Connections): starts simulators in-process and creates profiles for them. */
export function DemoOffer() {
  const demo = useStartDemo();
  const start = () => void demo.start();
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
        <ErrorNotice error={demo.error} title="The demo did not start" onRetry={start} sx={{ mt: 2 }} />
      </CardContent>
    </Card>
  );
}
