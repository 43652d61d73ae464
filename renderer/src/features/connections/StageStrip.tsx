import { Box, Tooltip } from '@mui/material';
import type { DiagnosticStage } from '../../../../contract/channels/connections';
import { StatusIcon } from './StageList';

/** One small icon per stage, in order (a row's test progress at a glance); the full text is in the details. */
export function StageStrip({ stages, name }: { stages: readonly DiagnosticStage[]; name: string }) {
  return (
    <Box component="span" role="list" aria-label={`Stages of ${name}`} sx={{ display: 'inline-flex', gap: 0.25, alignItems: 'center' }}>
      {stages.map((s) => (
        <Tooltip key={s.id} title={`${s.label}: ${s.status}${s.detail ? ` — ${s.detail}` : ''}`}>
          <Box component="span" role="listitem" data-stage={s.id} data-status={s.status} sx={{ display: 'inline-flex' }}>
            <StatusIcon status={s.status} size="small" />
          </Box>
        </Tooltip>
      ))}
    </Box>
  );
}
