import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import type { FleetInstance } from '../../../../contract/channels/fleet';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../components/use-hash-route';
import { LocalTime, Measured } from '../../components/Time';
import { outcomeLabel, RefreshResults } from '../../components/RefreshResults';
import { useFleet, useFleetCheck, useFleetRefresh } from './use-fleet';

function stateChip(value: string, good: string, label: Record<string, string>) {
  const color = value === good ? 'success' : value === 'unknown' ? 'default' : 'error';
  return <Chip size="small" color={color} label={label[value] ?? value} />;
}

/** Parses the secret id field; undefined (with the message) when it is not a positive whole number. */
function parseSecretId(text: string): { id?: number; error?: string } {
  if (!text.trim()) return { error: 'Enter a secret id' };
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? { id: n } : { error: 'A secret id is a positive whole number' };
}

/** Fleet: every Credentials Cache instance, its health and last refresh; refresh a secret on one or all. */
export function FleetPage() {
  const fleet = useFleet();
  const checker = useFleetCheck();
  const refresh = useFleetRefresh();
  const [secretText, setSecretText] = useState('');
  const [secretError, setSecretError] = useState<string | undefined>();
  const rows = fleet.data ?? [];

  const start = (profileIds?: string[]) => {
    const { id, error } = parseSecretId(secretText);
    setSecretError(error);
    if (id !== undefined) void refresh.run(id, profileIds).then(() => fleet.refetch());
  };

  const wrap = { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.4 } as const;
  const columns: GridColDef<FleetInstance>[] = [
    {
      field: 'name',
      headerName: 'Instance',
      flex: 1,
      minWidth: 110,
      renderCell: ({ row }) => (
        <Box sx={wrap}>
          <Box component="span" sx={{ display: 'block', fontWeight: 500 }}>
            {row.name}
          </Box>
          {row.siteLabel ? (
            <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.8125rem' }}>
              {row.siteLabel}
            </Box>
          ) : null}
        </Box>
      ),
    },
    { field: 'url', headerName: 'URL', flex: 1.5, minWidth: 140, renderCell: ({ row }) => <Box sx={wrap}>{row.url}</Box> },
    {
      field: 'reachable',
      headerName: 'Health',
      width: 175,
      renderCell: ({ row }) => (
        <Stack sx={{ ...wrap, gap: 0.5, alignItems: 'flex-start' }}>
          <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
            {stateChip(row.reachable, 'up', { up: 'Up', down: 'Down', unknown: 'Not checked' })}
            {row.reachable === 'down'
              ? null
              : stateChip(row.token, 'ok', { ok: 'Token works', failed: 'Token fails', unknown: 'Token not checked' })}
          </Stack>
          <Measured at={row.checkedAt} />
        </Stack>
      ),
    },
    {
      field: 'lastRefresh',
      headerName: 'Last refresh',
      flex: 1.2,
      minWidth: 165,
      valueGetter: (_v, row) => row.lastRefresh?.at ?? '',
      renderCell: ({ row }) => {
        const last = row.lastRefresh;
        if (!last) return 'Never';
        const label = outcomeLabel(last);
        return (
          <Box sx={wrap}>
            <Box component="span" sx={{ display: 'block', color: label.color }}>
              {label.text} · secret {last.secretId}
            </Box>
            <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.8125rem' }}>
              <LocalTime at={last.at} />
            </Box>
          </Box>
        );
      },
    },
    {
      field: 'actions',
      headerName: '',
      width: 150,
      sortable: false,
      renderCell: ({ row }) => (
        <>
          <Button size="small" onClick={() => start([row.profileId])} disabled={refresh.running} aria-label={`Refresh on ${row.name}`}>
            Refresh
          </Button>
          {row.logPath ? (
            <Button size="small" onClick={() => navigate('/logs', { path: row.logPath! })} aria-label={`Logs of ${row.name}`}>
              Logs
            </Button>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <Box sx={{ p: 3 }}>
      <PageHeader
        title="Fleet"
        subtitle="Every Credentials Cache instance: reachable, token works, last refresh."
        actions={
          <Button variant="outlined" onClick={() => void checker.check()} disabled={checker.checking || !rows.length}>
            {checker.checking ? 'Checking…' : 'Check all now'}
          </Button>
        }
      />
      <ErrorNotice error={fleet.error} onRetry={() => void fleet.refetch()} />
      <ErrorNotice error={checker.error} onRetry={() => void checker.check()} sx={{ mb: 2 }} />
      {fleet.isSuccess && !rows.length ? (
        <Alert severity="info">
          No Credentials Cache instance yet. Add one on the Connections screen (or start the demo on the Overview).
        </Alert>
      ) : null}
      {rows.length ? (
        <Box sx={{ mb: 2 }}>
          {/* Sized to its rows (no empty band), rows as tall as their wrapped text so no column is cut. */}
          <DataGrid
            rows={rows}
            columns={columns}
            getRowId={(r) => r.profileId}
            getRowHeight={() => 'auto'}
            autoHeight
            density="compact"
            disableRowSelectionOnClick
            hideFooter={rows.length <= 25}
            aria-label="Credentials Cache instances"
            sx={{ '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center', py: 0.5 } }}
          />
        </Box>
      ) : null}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            Refresh a secret in the cache
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Calls /api/token and /api/secretchanged on each instance, as the event pipeline script does, so the cache fetches the secret
            from Secret Server now.
          </Typography>
          {/* A form, so Enter in the secret id field refreshes on all instances (its default button). */}
          <Stack
            component="form"
            noValidate
            aria-label="Refresh a secret"
            onSubmit={(e: FormEvent<HTMLFormElement>) => {
              e.preventDefault();
              start();
            }}
            direction="row"
            sx={{ gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}
          >
            <TextField
              label="Secret id"
              value={secretText}
              onChange={(e) => {
                setSecretText(e.target.value);
                setSecretError(undefined);
              }}
              error={Boolean(secretError)}
              helperText={secretError ?? ' '}
              size="small"
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <Button type="submit" variant="contained" disabled={refresh.running || !rows.length}>
              {refresh.running ? 'Refreshing…' : 'Refresh on all instances'}
            </Button>
            {refresh.running ? <Button onClick={() => void refresh.cancel()}>Cancel</Button> : null}
          </Stack>
          <ErrorNotice error={refresh.error} />
          <RefreshResults outcomes={refresh.outcomes} report={refresh.report} />
        </CardContent>
      </Card>
    </Box>
  );
}
