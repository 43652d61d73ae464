import { useMemo, useState } from 'react';
import { Box, IconButton, Tooltip } from '@mui/material';
import FilterIcon from '@mui/icons-material/FilterAltOutlined';
import { DataGrid, type GridColDef, type GridColumnVisibilityModel, type GridSortModel } from '@mui/x-data-grid';
import { RUN_SORT_FIELDS, type RunRow, type RunSortField, type RunsPage } from '../../../../contract/channels/activity';
import { LocalTime } from '../../components/Time';
import { RunStatusChip } from '../../components/RunStatusChip';
import { formatDuration, PAGE_SIZES, type RunSort } from './route';

/** Props of {@link RunsGrid}. */
export interface RunsGridProps {
  readonly data: RunsPage | undefined;
  readonly loading: boolean;
  readonly sort: RunSort;
  readonly page: number;
  readonly pageSize: number;
  readonly selectedRunId: string | undefined;
  /** Opens a run (click, or Enter on a focused row). */
  readonly onOpen: (row: RunRow) => void;
  readonly onSort: (sort: RunSort) => void;
  readonly onPage: (page: number, pageSize: number) => void;
  readonly onOnlyPolicy: (id: number) => void;
  readonly onOnlyPipeline: (id: number) => void;
  /** Columns to hide for the space available (the detail panel open, a narrow window). */
  readonly hidden: readonly string[];
}

const two = { display: 'flex', flexDirection: 'column', justifyContent: 'center', minWidth: 0, width: '100%', lineHeight: 1.35 } as const;
const clip = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
/** Up to two wrapped lines (long pipeline names share their first words). */
const clamp2 = {
  whiteSpace: 'normal',
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  lineHeight: 1.3,
  overflowWrap: 'anywhere',
} as const;
const muted = { ...clip, color: 'text.secondary', fontSize: '0.8125rem' } as const;

function time(at: string | null) {
  return at ? <LocalTime at={at} /> : '—';
}

function onlyButton(label: string, onClick: () => void) {
  return (
    <Tooltip title={label}>
      <IconButton
        size="small"
        aria-label={label}
        onClick={(e) => {
          e.stopPropagation();
          onClick();
        }}
        sx={{ ml: 'auto', flexShrink: 0 }}
      >
        <FilterIcon fontSize="inherit" />
      </IconButton>
    </Tooltip>
  );
}

/** The runs table: one page read from main (server-side paging and sorting), rows keyed by run id. */
export function RunsGrid(props: RunsGridProps) {
  const { data, sort } = props;
  const [userVisibility, setUserVisibility] = useState<GridColumnVisibilityModel>({});
  const columns = useMemo<GridColDef<RunRow>[]>(
    () => [
      { field: 'status', headerName: 'Status', width: 120, renderCell: ({ row }) => <RunStatusChip status={row.status} /> },
      {
        field: 'secretName',
        headerName: 'Secret',
        flex: 0.6,
        minWidth: 130,
        valueGetter: (_v, row) => row.secret.name,
        renderCell: ({ row }) => (
          <Box sx={two}>
            <Box sx={clip} title={row.secret.name}>
              {row.secret.name}
            </Box>
            <Box sx={muted}>id {row.secret.id}</Box>
          </Box>
        ),
      },
      { field: 'secretId', headerName: 'Secret id', width: 90, valueGetter: (_v, row) => row.secret.id },
      {
        field: 'policy',
        headerName: 'Policy',
        flex: 1,
        minWidth: 130,
        sortable: false,
        valueGetter: (_v, row) => row.policies.map((p) => p.name).join(', '),
        renderCell: ({ row, value }) => (
          <Box sx={{ display: 'flex', alignItems: 'center', minWidth: 0, width: '100%' }}>
            <Box sx={clamp2} title={String(value)}>
              {String(value) || '—'}
            </Box>
            {row.policies.length === 1 ? onlyButton('Only this policy', () => props.onOnlyPolicy(row.policies[0]!.id)) : null}
          </Box>
        ),
      },
      {
        field: 'pipeline',
        headerName: 'Pipeline',
        flex: 1.3,
        minWidth: 170,
        valueGetter: (_v, row) => row.pipeline.name,
        renderCell: ({ row }) => (
          <Box sx={{ display: 'flex', alignItems: 'center', minWidth: 0, width: '100%' }}>
            <Box sx={clamp2} title={row.pipeline.name}>
              {row.pipeline.name}
            </Box>
            {row.pipeline.id !== null ? onlyButton('Only this pipeline', () => props.onOnlyPipeline(row.pipeline.id!)) : null}
          </Box>
        ),
      },
      {
        field: 'trigger',
        headerName: 'Trigger',
        width: 185,
        renderCell: ({ row }) => (
          <Box sx={two}>
            <Box sx={clip}>{row.trigger}</Box>
            <Box sx={muted} title={row.triggerDetails}>
              {row.triggerDetails}
            </Box>
          </Box>
        ),
      },
      { field: 'eventTime', headerName: 'Event', width: 180, renderCell: ({ row }) => time(row.eventTime) },
      { field: 'queuedAt', headerName: 'Queued', width: 180, renderCell: ({ row }) => time(row.queuedAt) },
      {
        field: 'startedAt',
        headerName: 'Started / ended',
        width: 190,
        renderCell: ({ row }) => (
          <Box sx={two}>
            <Box sx={clip}>{time(row.startedAt)}</Box>
            <Box sx={muted}>{time(row.endedAt)}</Box>
          </Box>
        ),
      },
      {
        field: 'duration',
        headerName: 'Duration',
        width: 85,
        align: 'right',
        headerAlign: 'right',
        valueGetter: (_v, row) => row.durationMs,
        renderCell: ({ row }) => formatDuration(row.durationMs),
      },
      {
        field: 'engine',
        headerName: 'Engine / site',
        width: 150,
        sortable: false,
        renderCell: ({ row }) => (
          <Box sx={two}>
            <Box sx={clip}>{row.engine ?? (row.site ? 'engine not recorded' : '—')}</Box>
            {row.site ? <Box sx={muted}>{row.site.name}</Box> : null}
          </Box>
        ),
      },
    ],
    // The callbacks come from the page, which re-renders with the route; columns are rebuilt with them.
    [props],
  );
  const base: GridColumnVisibilityModel = { eventTime: false, secretId: false, ...Object.fromEntries(props.hidden.map((f) => [f, false])) };
  const visibility: GridColumnVisibilityModel = { ...base, ...userVisibility };
  const sortModel: GridSortModel = [{ field: sort.field, sort: sort.direction }];
  const exact = data?.totalExact ?? true;
  const total = data?.total ?? 0;

  return (
    <DataGrid
      rows={data?.rows ?? []}
      columns={columns}
      getRowId={(r) => r.runId}
      loading={props.loading}
      rowHeight={48}
      columnHeaderHeight={40}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      disableColumnFilter
      rowCount={exact ? total : -1}
      paginationMeta={{ hasNextPage: data?.hasMore ?? false }}
      pageSizeOptions={[...PAGE_SIZES]}
      paginationModel={{ page: props.page, pageSize: props.pageSize }}
      onPaginationModelChange={(m) => props.onPage(m.pageSize !== props.pageSize ? 0 : m.page, m.pageSize)}
      sortModel={sortModel}
      onSortModelChange={(m) => {
        const first = m[0];
        const field = (first?.field ?? 'eventTime') as RunSortField;
        if (!RUN_SORT_FIELDS.includes(field)) return;
        props.onSort(first?.sort ? { field, direction: first.sort } : { field: 'eventTime', direction: 'desc' });
      }}
      columnVisibilityModel={visibility}
      onColumnVisibilityModelChange={(m) =>
        // Keep only what the user changed, so the hidden-for-space columns follow the layout.
        setUserVisibility(Object.fromEntries(Object.entries(m).filter(([f, v]) => v !== (base[f] ?? true))))
      }
      rowSelectionModel={{ type: 'include', ids: new Set(props.selectedRunId ? [props.selectedRunId] : []) }}
      disableMultipleRowSelection
      hideFooterSelectedRowCount
      onRowClick={({ row }) => props.onOpen(row)}
      onCellKeyDown={(params, event) => {
        if (event.key !== 'Enter' || params.field === '__check__') return;
        event.preventDefault();
        props.onOpen(params.row);
      }}
      getRowClassName={({ row }) => `run-row run-${row.status.toLowerCase()}`}
      aria-label="Pipeline runs"
      localeText={{
        noRowsLabel: 'No run matches these filters.',
        paginationDisplayedRows: ({ from, to, count }) =>
          count === -1 || !exact ? `${from}–${to} of more than ${Math.max(total, to)}` : `${from}–${to} of ${count}`,
      }}
      sx={{
        '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center' },
        '& .MuiDataGrid-row': { cursor: 'pointer' },
      }}
    />
  );
}
