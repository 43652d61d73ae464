import { useState } from 'react';
import { Badge, Button, Chip, FormControlLabel, MenuItem, Stack, Switch, TextField, ToggleButton, Tooltip } from '@mui/material';
import PauseIcon from '@mui/icons-material/Pause';
import PlayIcon from '@mui/icons-material/PlayArrow';
import DownIcon from '@mui/icons-material/VerticalAlignBottom';
import CopyIcon from '@mui/icons-material/ContentCopy';
import type { MinLevel } from './filters';

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
  readonly onJump: (to: { time: string } | { line: number }) => void;
  readonly selectedCount: number;
  readonly onCopy: () => void;
}

/** Filters, follow/pause, jump to a time or line, copy. */
export function LogToolbar(p: LogToolbarProps) {
  const f = p.filter;
  const [jump, setJump] = useState('');
  const doJump = () => {
    const v = jump.trim();
    if (/^\d+$/.test(v)) p.onJump({ line: Number(v) });
    else if (v) p.onJump({ time: v });
  };
  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
      <TextField
        select
        size="small"
        label="Level"
        value={f.level}
        onChange={(e) => p.onFilter({ ...f, level: e.target.value as MinLevel })}
        sx={{ width: 120 }}
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
        helperText={p.regexError ? `Invalid regular expression: ${p.regexError}` : undefined}
        sx={{ width: 240 }}
      />
      <FormControlLabel
        control={<Switch size="small" checked={f.regex} onChange={(e) => p.onFilter({ ...f, regex: e.target.checked })} />}
        label="Regex"
      />
      <TextField
        size="small"
        label="Highlight"
        value={f.highlight}
        onChange={(e) => p.onFilter({ ...f, highlight: e.target.value })}
        sx={{ width: 160 }}
      />
      {f.secretId ? <Chip label={`secret ${f.secretId}`} onDelete={() => p.onFilter({ ...f, secretId: null })} color="primary" /> : null}
      <TextField
        size="small"
        label="Jump to time or line"
        placeholder="2025-01-31 14:02 (UTC) or 12345"
        value={jump}
        onChange={(e) => setJump(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && doJump()}
        sx={{ width: 230 }}
      />
      <Button size="small" onClick={doJump} disabled={!jump.trim()}>
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
