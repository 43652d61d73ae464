import { useId } from 'react';
import { Box, Button, Card, CardContent, Chip, CircularProgress, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import type { ConnectionHealth } from '../../../../contract/channels/connections';
import { useApiQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../components/use-hash-route';
import { Measured, useAppStartedAt, useNow } from '../../components/Time';
import { isStale } from '../../components/time';
import { DemoOffer } from '../../components/DemoOffer';
import { KIND_LABEL } from '../../components/kind-label';
import { FailedRunsTile } from './FailedRunsTile';

const STATE: Record<ConnectionHealth['state'], { label: string; color: 'success' | 'error' | 'default' }> = {
  ok: { label: 'OK', color: 'success' },
  failing: { label: 'Failing', color: 'error' },
  untested: { label: 'Not tested', color: 'default' },
};

/** One figure of the Overview, a group named by its title so its numbers are read with it. */
function Tile({ title, children }: { title: string; children: React.ReactNode }) {
  const titleId = useId();
  return (
    <Card variant="outlined" role="group" aria-labelledby={titleId} sx={{ flex: '1 1 260px' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary" id={titleId}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** Overview: health of every connection, cache instances up or down, failed pipeline runs; sync results marked as not available yet. */
export function OverviewPage() {
  const summary = useApiQuery('overview:summary', { quickCheck: true }, { refetchInterval: 60_000 });
  const now = useNow();
  const startedAt = useAppStartedAt();
  if (summary.isPending) return <CircularProgress sx={{ m: 3 }} aria-label="Loading" />;
  if (summary.isError) return <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} sx={{ m: 3 }} />;
  const s = summary.data;
  return (
    <Box sx={{ p: 3, maxWidth: 1100 }}>
      <PageHeader
        title="Overview"
        subtitle={s.demo ? 'Demo environment: simulated Secret Server, Credentials Cache and AWS.' : undefined}
      />
      <DemoOffer mode={s.connections.length === 0 ? 'empty' : 'manage'} />
      <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Tile title="Cache instances">
          <Typography variant="h4" component="p">
            {s.cache.up} up · {s.cache.down} down
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {s.cache.total} instance(s){s.cache.unknown ? `, ${s.cache.unknown} not checked` : ''}
          </Typography>
          <Box>
            <Measured at={s.cache.checkedAt} />
          </Box>
          <Button size="small" onClick={() => navigate('/fleet')} sx={{ mt: 1 }}>
            Open Fleet
          </Button>
        </Tile>
        <Tile title="Failed runs, last 24 h">
          <FailedRunsTile />
        </Tile>
        <Tile title="Last sync per vault">
          <Typography variant="body1">Not available yet</Typography>
          <Typography variant="body2" color="text.secondary">
            {s.lastSync.reason}
          </Typography>
        </Tile>
      </Stack>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2">
            Connections
          </Typography>
          <List dense aria-label="Connection health">
            {s.connections.map((c) => {
              const stale = c.at ? isStale(c.at, now, startedAt) : false;
              return (
                <ListItem
                  key={c.id}
                  data-stale={String(stale)}
                  secondaryAction={
                    <Chip
                      size="small"
                      color={stale ? 'default' : STATE[c.state].color}
                      variant={stale ? 'outlined' : 'filled'}
                      label={STATE[c.state].label}
                    />
                  }
                  sx={stale ? { opacity: 0.7 } : undefined}
                >
                  <ListItemText
                    primary={`${c.name} (${KIND_LABEL[c.kind]})`}
                    secondary={
                      <>
                        <Box component="span" sx={{ display: 'block' }}>
                          {c.message}
                        </Box>
                        <Measured at={c.at} verb={c.source === 'fleet-check' ? 'checked by Fleet' : 'tested'} />
                      </>
                    }
                    slotProps={{ secondary: { component: 'span' } }}
                  />
                </ListItem>
              );
            })}
          </List>
          <Button size="small" onClick={() => navigate('/connections')}>
            Open Connections
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
