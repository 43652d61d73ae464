import { Box, Button, CircularProgress, Link, List, ListItem, Typography } from '@mui/material';
import { useApiQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RunStatusChip } from '../../components/RunStatusChip';
import { LocalTime, Measured } from '../../components/Time';

/** Failed pipeline runs in the last 24 h (`activity:summary`), with the link into the filtered runs table. */
export function FailedRunsTile() {
  const summary = useApiQuery('activity:summary', { hours: 24 }, { refetchInterval: 60_000 });
  if (summary.isPending) return <CircularProgress size={20} aria-label="Loading failed runs" />;
  if (summary.isError) return <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  if (!s.available) {
    return (
      <>
        <Typography variant="body1">Not available</Typography>
        <Typography variant="body2" color="text.secondary">
          {s.reason}
        </Typography>
      </>
    );
  }
  return (
    <>
      <Typography variant="h4" component="p" color={s.failed ? 'error.main' : 'success.main'} data-testid="failed-runs">
        {s.failed} failed
      </Typography>
      <Typography variant="body2" color="text.secondary">
        since <LocalTime at={s.since} /> in {s.profile.name}
      </Typography>
      {summary.dataUpdatedAt ? (
        <Box>
          <Measured at={new Date(summary.dataUpdatedAt).toISOString()} verb="read" />
        </Box>
      ) : null}
      {s.newest.length ? (
        <List dense disablePadding aria-label="Newest failed runs" sx={{ mt: 1 }}>
          {s.newest.map((r) => (
            <ListItem key={r.runId} disableGutters sx={{ gap: 1, alignItems: 'center' }}>
              <RunStatusChip status={r.status} />
              <Link
                href={`${s.link}&run=${encodeURIComponent(r.runId)}`}
                variant="body2"
                sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}
              >
                {r.secret.name} ({r.secret.id})
              </Link>
            </ListItem>
          ))}
        </List>
      ) : null}
      <Button size="small" href={s.link} sx={{ mt: 1 }}>
        {s.failed ? 'Show the failed runs' : 'Open Pipeline activity'}
      </Button>
    </>
  );
}
