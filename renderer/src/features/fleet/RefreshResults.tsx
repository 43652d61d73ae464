import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { RefreshOutcome, RefreshReport } from '../../../../contract/channels/fleet';

const STEP: Record<NonNullable<RefreshOutcome['failedStep']>, string> = {
  reach: 'unreachable',
  token: 'token refused',
  refresh: 'refresh refused',
};

/** Per-instance outcomes of a refresh: which instance, ok or the failed step, and what it said. */
export function RefreshResults({ outcomes, report }: { outcomes: readonly RefreshOutcome[]; report: RefreshReport | null }) {
  return (
    <>
      {/* Always present (empty until a report), so screen readers announce the summary when it arrives. */}
      <Box role="status">
        {report ? (
          <Alert severity={report.failed ? (report.succeeded ? 'warning' : 'error') : 'success'} role="none" sx={{ mt: 2 }}>
            Secret {report.secretId}: refreshed on {report.succeeded} of {report.results.length} instance(s).
          </Alert>
        ) : null}
      </Box>
      {outcomes.length ? (
        <Table size="small" aria-label="Refresh results" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>Instance</TableCell>
              <TableCell>Result</TableCell>
              <TableCell>Message</TableCell>
              <TableCell align="right">Time</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {outcomes.map((o) => (
              <TableRow key={o.profileId} data-testid={`refresh-result-${o.name}`} data-ok={String(o.ok)}>
                <TableCell>{o.name}</TableCell>
                <TableCell sx={{ color: o.ok ? 'success.main' : 'error.main', fontWeight: 600 }}>
                  {o.ok ? `Refreshed (${o.status ?? 202})` : `Failed: ${o.failedStep ? STEP[o.failedStep] : 'error'}`}
                </TableCell>
                <TableCell sx={{ wordBreak: 'break-word' }}>{o.message}</TableCell>
                <TableCell align="right">{o.durationMs} ms</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
