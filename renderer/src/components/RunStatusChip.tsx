import type { ReactElement } from 'react';
import { Chip } from '@mui/material';
import ErrorIcon from '@mui/icons-material/ErrorOutlined';
import SuccessIcon from '@mui/icons-material/CheckCircleOutlined';
import SkippedIcon from '@mui/icons-material/RemoveCircleOutlined';
import ProcessingIcon from '@mui/icons-material/Autorenew';
import PendingIcon from '@mui/icons-material/HourglassEmpty';
import ScheduledIcon from '@mui/icons-material/Schedule';
import type { RunStatus } from '../../../contract/channels/activity';

type ChipColor = 'error' | 'success' | 'default' | 'info' | 'warning' | 'secondary';

/** Colour and icon of each run status (the icon carries it for colour-blind readers; the label is always shown). */
export const RUN_STATUS_LOOK: Record<RunStatus, { readonly color: ChipColor; readonly icon: ReactElement }> = {
  Failed: { color: 'error', icon: <ErrorIcon /> },
  Success: { color: 'success', icon: <SuccessIcon /> },
  Skipped: { color: 'default', icon: <SkippedIcon /> },
  Processing: { color: 'info', icon: <ProcessingIcon /> },
  Pending: { color: 'warning', icon: <PendingIcon /> },
  Scheduled: { color: 'secondary', icon: <ScheduledIcon /> },
};

/** A run's or task's status: label, colour and icon (outlined, readable in both themes). */
export function RunStatusChip({ status }: { status: RunStatus }) {
  const look = RUN_STATUS_LOOK[status];
  return <Chip size="small" variant="outlined" color={look.color} icon={look.icon} label={status} data-status={status} />;
}
