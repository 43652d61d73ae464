import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography, type ChipProps } from '@mui/material';
import type { ChangeAction, ChangeResult, PlanChangeView } from '../../../../contract/plans';

const ACTION: Record<ChangeAction, { label: string; color: ChipProps['color'] }> = {
  create: { label: 'create', color: 'primary' },
  update: { label: 'update', color: 'info' },
  unchanged: { label: 'unchanged', color: 'default' },
  conflict: { label: 'conflict', color: 'error' },
  blocked: { label: 'blocked', color: 'warning' },
};

/** A change's action as a chip. */
export function ActionChip({ action }: { action: ChangeAction }) {
  const a = ACTION[action];
  return <Chip size="small" variant={action === 'unchanged' ? 'outlined' : 'filled'} color={a.color} label={a.label} />;
}

/** Masked fingerprints before → after (never a value). */
export function Fingerprints({ change }: { change: PlanChangeView }) {
  if (!change.before && !change.after)
    return (
      <Typography variant="caption" color="text.secondary">
        —
      </Typography>
    );
  return (
    <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.8rem', whiteSpace: 'nowrap' }}>
      {change.before ?? 'none'} → {change.after ?? 'none'}
    </Box>
  );
}

const RESULT: Record<ChangeResult['status'], { label: string; color: ChipProps['color'] }> = {
  applied: { label: 'applied', color: 'success' },
  'done-before': { label: 'applied before', color: 'success' },
  failed: { label: 'failed', color: 'error' },
};

/** How the last apply ended for a change, if it was part of it. */
function ResultCell({ result }: { result: ChangeResult | undefined }) {
  if (!result) return null;
  const r = RESULT[result.status];
  return (
    <>
      <Chip size="small" variant="outlined" color={r.color} label={r.label} />
      {result.error || result.detail ? (
        <Typography variant="caption" component="div" color={result.error ? 'error' : 'text.secondary'}>
          {result.error?.message ?? result.detail}
        </Typography>
      ) : null}
    </>
  );
}

/** A step's planned changes: action, target, masked fingerprints, the reason, and how the last apply of it ended. */
export function PlanChanges({
  changes,
  label,
  results,
}: {
  changes: readonly PlanChangeView[];
  label: string;
  /** Outcomes of the last apply of this plan, by change key. */
  results?: ReadonlyMap<string, ChangeResult>;
}) {
  if (changes.length === 0) return null;
  const withResults = changes.some((c) => results?.has(c.key));
  return (
    <Table size="small" aria-label={label} sx={{ my: 1 }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 110 }}>Change</TableCell>
          <TableCell>Target</TableCell>
          <TableCell sx={{ width: 220 }}>Fingerprint</TableCell>
          <TableCell>Reason</TableCell>
          {withResults ? <TableCell sx={{ width: 160 }}>Last apply</TableCell> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((c) => (
          <TableRow key={c.key}>
            <TableCell>
              <ActionChip action={c.action} />
            </TableCell>
            <TableCell>{c.target}</TableCell>
            <TableCell>
              <Fingerprints change={c} />
            </TableCell>
            <TableCell>
              <Typography variant="body2" color={c.action === 'conflict' || c.action === 'blocked' ? 'error' : 'text.secondary'}>
                {c.reason ?? ''}
              </Typography>
            </TableCell>
            {withResults ? (
              <TableCell>
                <ResultCell result={results?.get(c.key)} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A unified diff, added lines green and removed lines red. */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  return (
    <Box
      component="pre"
      role="region"
      aria-label={label}
      tabIndex={0}
      sx={{ m: 0, my: 1, p: 1, maxHeight: 320, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1, fontSize: '0.78rem' }}
    >
      {diff.split('\n').map((line, i) => {
        const color =
          line.startsWith('+') && !line.startsWith('+++')
            ? 'success.main'
            : line.startsWith('-') && !line.startsWith('---')
              ? 'error.main'
              : line.startsWith('@@')
                ? 'info.main'
                : 'text.primary';
        return (
          <Box key={i} component="span" sx={{ display: 'block', color }}>
            {line || ' '}
          </Box>
        );
      })}
    </Box>
  );
}
