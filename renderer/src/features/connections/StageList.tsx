import { Box, CircularProgress, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import PassIcon from '@mui/icons-material/CheckCircle';
import FailIcon from '@mui/icons-material/Cancel';
import WarnIcon from '@mui/icons-material/Warning';
import SkipIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import PendingIcon from '@mui/icons-material/RadioButtonUnchecked';
import type { DiagnosticStage, StageStatus } from '../../../../contract/channels/connections';

/** The icon of a stage status, named for screen readers. */
export function StatusIcon({ status, size }: { status: StageStatus; size?: 'small' | 'medium' }) {
  const fontSize = size === 'small' ? 'small' : 'medium';
  switch (status) {
    case 'pass':
      return <PassIcon color="success" titleAccess="passed" fontSize={fontSize} />;
    case 'fail':
      return <FailIcon color="error" titleAccess="failed" fontSize={fontSize} />;
    case 'warn':
      return <WarnIcon color="warning" titleAccess="warning" fontSize={fontSize} />;
    case 'skipped':
      return <SkipIcon color="disabled" titleAccess="skipped" fontSize={fontSize} />;
    case 'running':
      return <CircularProgress size={size === 'small' ? 16 : 20} aria-label="running" />;
    case 'pending':
      return <PendingIcon color="disabled" titleAccess="pending" fontSize={fontSize} />;
    default: {
      const never: never = status;
      return <span>{String(never)}</span>;
    }
  }
}

/** The stages of Test connection with pass/fail icons, durations, details and the fix in words. */
export function StageList({ stages }: { stages: readonly DiagnosticStage[] }) {
  return (
    <List dense aria-label="Diagnostic stages">
      {stages.map((s) => (
        <ListItem key={s.id} data-stage={s.id} data-status={s.status} sx={{ alignItems: 'flex-start' }}>
          <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>
            <StatusIcon status={s.status} />
          </ListItemIcon>
          <ListItemText
            primary={
              <Box component="span" sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
                <Typography component="span" sx={{ fontWeight: 600 }}>
                  {s.label}
                </Typography>
                <Typography component="span" variant="caption" color="text.secondary">
                  {s.status}
                  {s.durationMs !== undefined ? ` · ${s.durationMs} ms` : ''}
                </Typography>
              </Box>
            }
            secondary={
              <Box component="span" sx={{ display: 'block' }}>
                {s.detail ? (
                  <Box component="span" sx={{ display: 'block' }}>
                    {s.detail}
                  </Box>
                ) : null}
                {s.fix && (s.status === 'fail' || s.status === 'warn') ? (
                  <Box
                    component="span"
                    sx={{ display: 'block', color: s.status === 'fail' ? 'error.main' : 'warning.main' }}
                    data-testid="stage-fix"
                  >
                    Fix: {s.fix}
                  </Box>
                ) : null}
                {s.checks?.map((c) => (
                  <Box component="span" key={c.name} sx={{ display: 'block', pl: 1 }}>
                    {c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '?'} {c.name}
                    {c.status !== 'pass' && c.message ? ` — ${c.message}` : ''}
                  </Box>
                ))}
              </Box>
            }
            slotProps={{ secondary: { component: 'span' } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
