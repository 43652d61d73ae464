import { useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
} from '@mui/material';
import type { PlanChangeView } from '../../../../contract/plans';
import { ActionChip, Fingerprints } from './PlanChanges';

/** Props of {@link ApplyDialog}. */
export interface ApplyDialogProps {
  readonly open: boolean;
  /** What is applied, e.g. "Script" or "every step". */
  readonly scope: string;
  /** Exactly the changes that would be applied (creates and updates); all are ticked at first. */
  readonly changes: readonly PlanChangeView[];
  readonly onCancel: () => void;
  /** Called with the keys the admin left ticked (at least one). */
  readonly onConfirm: (keys: readonly string[]) => void;
}

/** Confirms an apply: lists exactly the changes, each can be left out; nothing is written before "Apply". */
export function ApplyDialog({ open, scope, changes, onCancel, onConfirm }: ApplyDialogProps) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const keys = changes.map((c) => c.key).join('\n');
  useEffect(() => setPicked(new Set(keys ? keys.split('\n') : [])), [keys, open]);
  const toggle = (key: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const chosen = changes.filter((c) => picked.has(c.key)).map((c) => c.key);
  return (
    <Dialog open={open} onClose={onCancel} maxWidth="md" fullWidth aria-labelledby="apply-title">
      <DialogTitle id="apply-title">Apply {chosen.length} change(s) to Secret Server?</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          {scope}: these changes are written in order; untick any to leave it out. Each is checked again just before it is written, so a
          target changed since the plan fails as a conflict instead of being overwritten.
        </DialogContentText>
        <List dense aria-label="Changes to apply">
          {changes.map((c) => {
            const id = `apply-${c.key}`;
            return (
              <ListItem key={c.key} disablePadding sx={{ alignItems: 'flex-start' }}>
                <ListItemIcon sx={{ minWidth: 40 }}>
                  <Checkbox
                    edge="start"
                    checked={picked.has(c.key)}
                    onChange={() => toggle(c.key)}
                    slotProps={{ input: { 'aria-labelledby': id } }}
                  />
                </ListItemIcon>
                <ListItemText
                  id={id}
                  primary={
                    <>
                      <ActionChip action={c.action} /> {c.target}
                    </>
                  }
                  secondary={
                    <>
                      {c.reason ? `${c.reason} · ` : ''}
                      <Fingerprints change={c} />
                    </>
                  }
                  slotProps={{ secondary: { component: 'span' } }}
                />
              </ListItem>
            );
          })}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" color="warning" disabled={chosen.length === 0} onClick={() => onConfirm(chosen)} autoFocus>
          Apply {chosen.length} change(s)
        </Button>
      </DialogActions>
    </Dialog>
  );
}
