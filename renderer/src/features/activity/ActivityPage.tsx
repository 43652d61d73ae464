import { useEffect, useMemo, useState } from 'react';
import { Alert, Box, Button, Drawer, FormControlLabel, Paper, Stack, Switch, Typography, useMediaQuery } from '@mui/material';
import DownloadIcon from '@mui/icons-material/FileDownloadOutlined';
import type { RunRow } from '../../../../contract/channels/activity';
import { ErrorNotice, fieldErrorOf } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { Measured } from '../../components/Time';
import { navigate, useHashRoute } from '../../components/use-hash-route';
import { ExportDialog } from './ExportDialog';
import { RunDetailPanel } from './RunDetailPanel';
import { RunFilters } from './RunFilters';
import { RunsGrid } from './RunsGrid';
import { activityRouteParams, parseActivityRoute, type ActivityRoute, type RouteFilter } from './route';
import { AUTO_REFRESH_MS, useRuns, useSecretServerProfiles } from './use-activity';

const PANEL_WIDTH = 560;

/** Columns hidden for the space available; the column menu can show them again. */
function hiddenColumns(panelInline: boolean, width: 'wide' | 'medium' | 'narrow', rows: readonly RunRow[]): string[] {
  const hidden = new Set<string>();
  if (!rows.some((r) => r.engine || r.site)) hidden.add('engine');
  if (width !== 'wide') hidden.add('policy');
  if (width === 'narrow') ['trigger', 'startedAt', 'engine'].forEach((c) => hidden.add(c));
  if (panelInline) ['policy', 'pipeline', 'trigger', 'startedAt', 'engine'].forEach((c) => hidden.add(c));
  return [...hidden];
}

/** Pipeline activity: the runs table (filters in the route), the run detail panel, export. */
export function ActivityPage() {
  const { params } = useHashRoute();
  const route = useMemo(() => parseActivityRoute(params), [params]);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [exporting, setExporting] = useState(false);
  const runs = useRuns(route, autoRefresh);
  const profiles = useSecretServerProfiles();
  const wideScreen = useMediaQuery('(min-width:1400px)');
  const veryWide = useMediaQuery('(min-width:1640px)');
  const mediumScreen = useMediaQuery('(min-width:1180px)');
  const page = runs.data;
  const rows = page?.rows ?? [];
  const needProfile = fieldErrorOf(runs.error)?.field === 'profileId';

  /** Changes part of the route; the rest is read from the address now (a grid callback may run with an older render's route). */
  const go = (next: Partial<Omit<ActivityRoute, 'problems'>>) => {
    const now = parseActivityRoute(new URLSearchParams(window.location.hash.split('?')[1] ?? ''));
    navigate('/activity', activityRouteParams({ ...now, ...next }));
  };
  const setFilter = (filter: RouteFilter) => go({ filter, page: 0 });
  const openRun = (row: RunRow) => go({ runId: row.runId });
  const closeRun = () => {
    const { runId: _closed, ...rest } = route;
    navigate('/activity', activityRouteParams(rest));
  };

  const runRef = route.runId ? { runId: route.runId, ...(route.filter.profileId ? { profileId: route.filter.profileId } : {}) } : null;
  const openRow = rows.find((r) => r.runId === route.runId);
  const panelInline = Boolean(runRef) && wideScreen;
  const width = veryWide ? 'wide' : mediumScreen ? 'medium' : 'narrow';
  const countText = page ? (page.totalExact || !page.hasMore ? `${page.total} run(s)` : `more than ${page.total} run(s)`) : '';

  // Escape closes the side panel wherever the focus is on the screen (menus and dialogs handle their own Escape first).
  useEffect(() => {
    if (!panelInline) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || e.defaultPrevented || t?.closest('[role="dialog"],[role="menu"],[role="listbox"]')) return;
      const { runId: _closed, ...rest } = route;
      navigate('/activity', activityRouteParams(rest));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panelInline, route]);

  const panel = runRef ? (
    <RunDetailPanel key={runRef.runId} runRef={runRef} {...(openRow ? { row: openRow } : {})} onClose={closeRun} />
  ) : null;

  return (
    <Box sx={{ p: 3, height: 'calc(100vh - 64px)', boxSizing: 'border-box', display: 'flex', flexDirection: 'column' }}>
      <PageHeader
        title="Pipeline activity"
        subtitle={
          page
            ? `Runs of the event pipeline policies in ${page.profile.name}, newest first unless sorted otherwise.`
            : 'Runs of the event pipeline policies.'
        }
        actions={
          <>
            <FormControlLabel
              control={<Switch checked={autoRefresh} onChange={(e) => setAutoRefresh(e.target.checked)} />}
              label={`Auto-refresh (${AUTO_REFRESH_MS / 1000} s)`}
            />
            <Button variant="outlined" onClick={() => void runs.refetch()} disabled={runs.isFetching}>
              Refresh now
            </Button>
            <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => setExporting(true)}>
              Export…
            </Button>
          </>
        }
      />
      <RunFilters
        filter={route.filter}
        onChange={setFilter}
        profiles={profiles}
        needProfile={needProfile}
        {...(route.filter.policyId ? { policyName: rows[0]?.policies.find((p) => p.id === route.filter.policyId)?.name } : {})}
        {...(route.filter.pipelineId && rows[0]?.pipeline.id === route.filter.pipelineId ? { pipelineName: rows[0].pipeline.name } : {})}
      />
      {route.problems.length ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          Ignored in the link: {route.problems.join('; ')}.
        </Alert>
      ) : null}
      <ErrorNotice
        error={runs.error}
        title={needProfile ? 'Choose a Secret Server profile' : 'Could not read the runs'}
        fieldLabel={(f) => (f === 'profileId' ? 'Secret Server profile' : undefined)}
        onRetry={() => void runs.refetch()}
        {...(route.filter.profileId ? { profileId: route.filter.profileId } : {})}
        sx={{ mb: 1 }}
      />
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', mb: 1, minHeight: 24 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, flexShrink: 0 }} data-testid="runs-count">
          {countText}
        </Typography>
        {page ? (
          <Typography variant="caption" color="text.secondary" noWrap title={page.strategy} sx={{ minWidth: 0 }}>
            {page.strategy}
          </Typography>
        ) : null}
        {page ? (
          <Box sx={{ flexShrink: 0 }}>
            <Measured at={page.fetchedAt} verb="read" />
          </Box>
        ) : null}
        {!autoRefresh ? (
          <Typography variant="caption" color="warning.main" sx={{ flexShrink: 0 }}>
            Auto-refresh paused
          </Typography>
        ) : null}
      </Stack>
      <Stack direction="row" sx={{ flex: 1, minHeight: 380, gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <RunsGrid
            data={page}
            loading={runs.isFetching && !page}
            sort={route.sort}
            page={route.page}
            pageSize={route.pageSize}
            selectedRunId={route.runId}
            onOpen={openRun}
            onSort={(sort) => go({ sort, page: 0 })}
            onPage={(p, pageSize) => go({ page: p, pageSize })}
            onOnlyPolicy={(policyId) => setFilter({ ...route.filter, policyId })}
            onOnlyPipeline={(pipelineId) => setFilter({ ...route.filter, pipelineId })}
            hidden={hiddenColumns(panelInline, width, rows)}
          />
        </Box>
        {panelInline ? (
          <Paper variant="outlined" component="aside" aria-label="Run detail" sx={{ width: PANEL_WIDTH, flexShrink: 0, overflow: 'auto' }}>
            {panel}
          </Paper>
        ) : null}
      </Stack>
      {!panelInline ? (
        <Drawer
          anchor="right"
          open={Boolean(runRef)}
          onClose={closeRun}
          slotProps={{ paper: { 'aria-label': 'Run detail', sx: { width: { xs: '100%', sm: 560 }, maxWidth: '100%' } } }}
        >
          {panel}
        </Drawer>
      ) : null}
      <ExportDialog open={exporting} onClose={() => setExporting(false)} filter={route.filter} sort={route.sort} />
    </Box>
  );
}
