import { Box, Button, Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/EditOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { DataGrid, type GridApi, type GridColDef } from '@mui/x-data-grid';
import type { RefObject } from 'react';
import type { DiagnosticStage, ProfileView, StageId } from '../../../../contract/channels/connections';
import { Measured } from '../../components/Time';
import { KIND_LABEL } from '../../components/kind-label';
import { messageOf } from '../../components/ErrorNotice';
import { StageStrip } from './StageStrip';
import type { RowTest } from './use-test-runs';

const STAGE_NAME: Record<StageId, string> = {
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  http: 'HTTP',
  auth: 'authentication',
  permissions: 'permissions',
};

/** Where a profile points, in one line. */
export function target(p: ProfileView): string {
  switch (p.kind) {
    case 'secret-server':
      return `${p.baseUrl} · ${p.domain ? `${p.domain}\\` : ''}${p.username}`;
    case 'aws':
      return `${p.region} · ${p.credentialSource === 'static' ? `key ${p.accessKeyIdHint ?? ''}` : p.credentialSource === 'secret-server' ? `key from secret ${p.secretId ?? ''}` : 'default chain'}${p.endpoint ? ` · ${p.endpoint}` : ''}`;
    case 'credentials-cache':
      return `${p.url}${p.siteLabel ? ` · ${p.siteLabel}` : ''}`;
    default: {
      const never: never = p;
      return String(never);
    }
  }
}

/** What the row's "Last test" cell shows: this session's test if any, else the one kept from before. */
function LastTest({ p, run, live }: { p: ProfileView; run: RowTest | undefined; live: readonly DiagnosticStage[] | undefined }) {
  if (run?.state === 'queued') return <Typography variant="body2">Queued</Typography>;
  if (run?.state === 'running')
    return (
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        {live ? <StageStrip stages={live} name={p.name} /> : null}
        <Typography variant="body2">Testing…</Typography>
      </Stack>
    );
  if (run?.state === 'error')
    return (
      <Typography variant="body2" color="error">
        {messageOf(run.error)}
      </Typography>
    );
  const fresh = run?.state === 'done' ? run.result : undefined;
  const last = fresh ? { ok: fresh.ok, failedStage: fresh.failedStage, at: fresh.finishedAt, stages: fresh.stages } : p.lastTest;
  if (!last) return <Chip size="small" variant="outlined" label="Not tested" />;
  return (
    <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', py: 0.5 }}>
      {last.stages ? <StageStrip stages={last.stages} name={p.name} /> : null}
      <Chip
        size="small"
        color={last.ok ? 'success' : 'error'}
        label={last.ok ? 'Passed' : `Failed: ${last.failedStage ? STAGE_NAME[last.failedStage] : 'error'}`}
      />
      <Measured at={last.at} verb="tested" />
    </Stack>
  );
}

/** The profiles as a sortable table: name, kind, target, last test (live while running), actions. */
export function ConnectionsTable(props: {
  rows: readonly ProfileView[];
  apiRef: RefObject<GridApi | null>;
  selected: string | null;
  onSelect: (id: string | null) => void;
  runs: Readonly<Record<string, RowTest>>;
  stagesOf: (id: string) => readonly DiagnosticStage[] | undefined;
  busy: boolean;
  onTest: (p: ProfileView) => void;
  onDetails: (p: ProfileView) => void;
  onEdit: (p: ProfileView) => void;
  onDelete: (p: ProfileView) => void;
}) {
  const wrap = { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.4 } as const;
  const columns: GridColDef<ProfileView>[] = [
    {
      field: 'name',
      headerName: 'Name',
      flex: 1,
      minWidth: 110,
      renderCell: ({ row }) => <Box sx={{ ...wrap, fontWeight: 500 }}>{row.name}</Box>,
    },
    { field: 'kind', headerName: 'Kind', width: 125, valueGetter: (_v, row) => KIND_LABEL[row.kind] },
    {
      field: 'target',
      headerName: 'Target',
      flex: 1.4,
      minWidth: 140,
      valueGetter: (_v, row) => target(row),
      renderCell: ({ value }) => <Box sx={{ ...wrap, color: 'text.secondary' }}>{value as string}</Box>,
    },
    {
      field: 'lastTest',
      headerName: 'Last test',
      flex: 1.2,
      minWidth: 150,
      valueGetter: (_v, row) => row.lastTest?.at ?? '',
      renderCell: ({ row }) => <LastTest p={row} run={props.runs[row.id]} live={props.stagesOf(row.id)} />,
    },
    {
      field: 'actions',
      headerName: '',
      width: 215,
      sortable: false,
      renderCell: ({ row }) => (
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Button size="small" onClick={() => props.onTest(row)} disabled={props.busy} aria-label={`Test ${row.name}`}>
            Test
          </Button>
          <Button size="small" onClick={() => props.onDetails(row)} aria-label={`Details of ${row.name}`}>
            Details
          </Button>
          <Tooltip title="Edit">
            <IconButton size="small" onClick={() => props.onEdit(row)} aria-label={`Edit ${row.name}`}>
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title="Delete">
            <IconButton size="small" color="error" onClick={() => props.onDelete(row)} aria-label={`Delete ${row.name}`}>
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
      ),
    },
  ];
  return (
    <DataGrid
      apiRef={props.apiRef}
      rows={props.rows}
      columns={columns}
      getRowId={(r) => r.id}
      getRowHeight={() => 'auto'}
      autoHeight
      density="compact"
      hideFooter={props.rows.length <= 100}
      rowSelectionModel={{ type: 'include', ids: new Set(props.selected ? [props.selected] : []) }}
      onRowSelectionModelChange={(m) => props.onSelect(([...m.ids][0] as string | undefined) ?? null)}
      getRowClassName={() => 'connection-row'}
      aria-label="Connections"
      sx={{ '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center', py: 0.5 } }}
      localeText={{ noRowsLabel: 'No connection matches.' }}
    />
  );
}
