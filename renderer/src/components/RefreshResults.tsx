import { Alert, Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { RefreshOutcome, RefreshReport } from '../../../contract/channels/fleet';

const STEP: Record<NonNullable<RefreshOutcome['failedStep']>, string> = {
  reach: 'unreachable',
  token: 'token refused',
  refresh: 'refresh refused',
};

/** The result in words and its colour: a 202 is "accepted"; the instance log says whether it refreshed. */
export function outcomeLabel(o: RefreshOutcome): { text: string; color: 'success.main' | 'error.main' | 'warning.main' } {
  const status = o.status ?? 202;
  const state = o.confirmation?.state;
  switch (state) {
    case 'refreshed':
      return { text: 'Refreshed (log confirms)', color: 'success.main' };
    case 'failed':
      return { text: `Accepted (${status}), then failed`, color: 'error.main' };
    case 'not-confirmed':
      return { text: `Accepted (${status}), not confirmed`, color: 'warning.main' };
    case undefined:
      return o.ok
        ? { text: `Accepted (${status})`, color: 'warning.main' }
        : { text: `Failed: ${o.failedStep ? STEP[o.failedStep] : 'error'}`, color: 'error.main' };
    default: {
      const never: never = state;
      return never;
    }
  }
}

function summary(report: RefreshReport): { text: string; severity: 'success' | 'warning' | 'error' } {
  const n = report.results.length;
  const confirmed = report.results.filter((r) => r.confirmation?.state === 'refreshed').length;
  const unconfirmed = report.results.filter((r) => r.ok && r.confirmation?.state !== 'refreshed').length;
  const text = `Secret ${report.secretId}: refreshed on ${confirmed} of ${n} instance(s)${unconfirmed ? `; accepted but not confirmed on ${unconfirmed}` : ''}.`;
  return { text, severity: confirmed === n ? 'success' : confirmed || unconfirmed ? 'warning' : 'error' };
}

/** Per-instance outcomes of a refresh: which instance, accepted / confirmed / failed step, and what it said. */
export function RefreshResults({ outcomes, report }: { outcomes: readonly RefreshOutcome[]; report: RefreshReport | null }) {
  const s = report ? summary(report) : null;
  return (
    <>
      {/* Always present (empty until a report), so screen readers announce the summary when it arrives. */}
      <Box role="status">
        {s ? (
          <Alert severity={s.severity} role="none" sx={{ mt: 2 }}>
            {s.text}
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
            {outcomes.map((o) => {
              const label = outcomeLabel(o);
              return (
                <TableRow
                  key={o.profileId}
                  data-testid={`refresh-result-${o.name}`}
                  data-ok={String(o.ok)}
                  data-confirmation={o.confirmation?.state ?? 'none'}
                >
                  <TableCell>{o.name}</TableCell>
                  <TableCell sx={{ color: label.color, fontWeight: 600 }}>{label.text}</TableCell>
                  <TableCell sx={{ wordBreak: 'break-word' }}>
                    {o.message}
                    {o.confirmation?.line ? (
                      <Box
                        component="code"
                        title="The line of the instance's log"
                        sx={{ display: 'block', mt: 0.5, fontSize: '0.75rem', color: 'text.secondary', overflowWrap: 'anywhere' }}
                      >
                        {o.confirmation.line}
                      </Box>
                    ) : null}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {o.durationMs} ms
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
