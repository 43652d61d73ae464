import { useEffect, useState } from 'react';
import { Badge, Button, Chip, FormControlLabel, MenuItem, Stack, Switch, TextField, ToggleButton, Tooltip } from '@mui/material';
import PauseIcon from '@mui/icons-material/Pause';
import PlayIcon from '@mui/icons-material/PlayArrow';
import DownIcon from '@mui/icons-material/VerticalAlignBottom';
import CopyIcon from '@mui/icons-material/ContentCopy';
import type { MinLevel } from './filters';
import { parseJumpInput, type JumpTarget } from './jump-input';

/** Field messages sit under the field without pushing the rows below (one line, over the gap). */
const FLOATING_HELPER = {
  formHelperText: {
    role: 'alert',
    sx: {
      position: 'absolute',
      top: '100%',
      left: 0,
      mx: 0,
      mt: 0.25,
      px: 0.5,
      whiteSpace: 'nowrap',
      zIndex: 2,
      bgcolor: 'background.paper',
      borderRadius: 0.5,
    },
  },
} as const;

/** The viewer's filter state. */
export interface FilterState {
  readonly level: MinLevel;
  readonly text: string;
  readonly regex: boolean;
  readonly highlight: string;
  readonly secretId: string | null;
}

/** Props of the toolbar. */
export interface LogToolbarProps {
  readonly filter: FilterState;
  readonly onFilter: (f: FilterState) => void;
  readonly regexError?: string;
  readonly paused: boolean;
  readonly pending: number;
  readonly onPause: (p: boolean) => void;
  readonly following: boolean;
  readonly onFollow: () => void;
  /** Called with what the jump field reads as (a line, a time, or why it is neither). */
  readonly onJump: (to: JumpTarget) => void;
  /** What is wrong with the last jump, shown under the field. */
  readonly jumpError?: string;
  /** The jump field was edited (its old message no longer applies). */
  readonly onJumpEdit: () => void;
  readonly selectedCount: number;
  readonly onCopy: () => void;
  /** The opened file: the jump text belongs to it and is cleared when another file opens. */
  readonly fileKey: string;
}

/** Filters, follow/pause, jump to a time or line, copy. */
export function LogToolbar(p: LogToolbarProps) {
  const f = p.filter;
  const [jump, setJump] = useState('');
  useEffect(() => setJump(''), [p.fileKey]);
  const doJump = () => jump.trim() && p.onJump(parseJumpInput(jump));
  return (
    <Stack direction="row" sx={{ columnGap: 1, rowGap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 1.5 }}>
      <TextField
        select
        size="small"
        label="Level"
        value={f.level}
        onChange={(e) => p.onFilter({ ...f, level: e.target.value as MinLevel })}
        sx={{ width: 104 }}
      >
        <MenuItem value="all">All</MenuItem>
        <MenuItem value="debug">Debug +</MenuItem>
        <MenuItem value="info">Info +</MenuItem>
        <MenuItem value="warn">Warn +</MenuItem>
        <MenuItem value="error">Error +</MenuItem>
      </TextField>
      <TextField
        size="small"
        label={f.regex ? 'Filter (regex)' : 'Filter'}
        value={f.text}
        onChange={(e) => p.onFilter({ ...f, text: e.target.value })}
        error={Boolean(p.regexError)}
        helperText={p.regexError ? `Invalid regex: ${p.regexError}` : undefined}
        slotProps={FLOATING_HELPER}
        sx={{ width: 200 }}
      />
      <FormControlLabel
        control={<Switch size="small" checked={f.regex} onChange={(e) => p.onFilter({ ...f, regex: e.target.checked })} />}
        label="Regex"
        sx={{ mr: 0 }}
      />
      <TextField
        size="small"
        label="Highlight"
        value={f.highlight}
        onChange={(e) => p.onFilter({ ...f, highlight: e.target.value })}
        sx={{ width: 140 }}
      />
      {f.secretId ? <Chip label={`secret ${f.secretId}`} onDelete={() => p.onFilter({ ...f, secretId: null })} color="primary" /> : null}
      <TextField
        size="small"
        label="Jump to line or time"
        placeholder="12345, 10:42, -15m, yesterday 14:00"
        value={jump}
        onChange={(e) => (setJump(e.target.value), p.onJumpEdit())}
        onKeyDown={(e) => e.key === 'Enter' && doJump()}
        error={Boolean(p.jumpError)}
        helperText={p.jumpError}
        slotProps={FLOATING_HELPER}
        sx={{ width: 210 }}
      />
      <Button size="small" onClick={doJump} disabled={!jump.trim()} sx={{ minWidth: 40 }}>
        Go
      </Button>
      <Tooltip title={p.paused ? 'Resume: show the lines that arrived' : 'Pause: freeze the view, lines keep arriving'}>
        <ToggleButton
          value="pause"
          size="small"
          selected={p.paused}
          onChange={() => p.onPause(!p.paused)}
          aria-label={p.paused ? 'Resume' : 'Pause'}
        >
          <Badge badgeContent={p.pending} color="primary" max={99999}>
            {p.paused ? <PlayIcon /> : <PauseIcon />}
          </Badge>
        </ToggleButton>
      </Tooltip>
      <Button size="small" variant={p.following ? 'contained' : 'outlined'} startIcon={<DownIcon />} onClick={p.onFollow}>
        {p.following ? 'Following' : 'Follow'}
      </Button>
      <Button size="small" startIcon={<CopyIcon />} onClick={p.onCopy}>
        {p.selectedCount ? `Copy ${p.selectedCount} selected` : 'Copy visible'}
      </Button>
    </Stack>
  );
}
