import { Alert, Button, Card, CardContent, Typography } from '@mui/material';
import { useStartDemo } from './use-connections';

/** Offered when nothing is configured: starts simulators in-process and creates profiles for them. */
export function DemoOffer() {
  const demo = useStartDemo();
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
        {demo.error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {demo.error}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
