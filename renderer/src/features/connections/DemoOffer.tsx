import { Alert, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useApiQuery } from '../../api/hooks';
import { useRemoveDemo, useStartDemo } from './use-connections';

/**
 * The demo environment's controls. `empty`: nothing is configured, a card offers the demo.
 * `offer`: a line that starts the demo (again) or removes it, whatever else is configured.
 * `manage`: that line only while demo profiles exist.
 */
export function DemoOffer({ mode = 'empty' }: { mode?: 'empty' | 'offer' | 'manage' }) {
  const demo = useStartDemo();
  const remove = useRemoveDemo();
  const status = useApiQuery('demo:status', {}, { enabled: mode !== 'empty' });
  const error = demo.error ?? remove.error?.message ?? null;
  const errorAlert = error ? (
    <Alert severity="error" sx={{ mt: 2 }}>
      {error}
    </Alert>
  ) : null;
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
          <Button variant="contained" onClick={() => void demo.start()} disabled={demo.running}>
            {demo.running ? 'Starting the demo…' : 'Try the demo environment'}
          </Button>
          {errorAlert}
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
            <Button color="inherit" size="small" onClick={() => void demo.start()} disabled={busy}>
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
      {errorAlert}
    </Alert>
  );
}
