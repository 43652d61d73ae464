import { memo, useState } from 'react';
import { Box, Chip, Link, Typography } from '@mui/material';
import type { LogLevel } from '../../../../contract/channels/logs';
import { secretIds, splitHighlights } from './filters';
import type { ViewEntry } from './window-entries';

const LEVEL_COLOR: Record<LogLevel, string> = {
  trace: 'text.disabled',
  debug: 'text.secondary',
  info: 'info.main',
  warn: 'warning.main',
  error: 'error.main',
  fatal: 'error.dark',
};

/** Lines of a multi-line entry shown before "show more". */
const FOLDED_LINES = 12;

/** Props of one row. */
export interface LogRowProps {
  readonly entry: ViewEntry;
  readonly highlights: readonly (RegExp | null)[];
  readonly selected: boolean;
  readonly target: boolean;
  readonly onSelect: (entry: ViewEntry, range: boolean) => void;
  readonly onSecret: (id: string) => void;
  readonly onFullText: (entry: ViewEntry) => void;
}

/** One log entry: line number, level colour, highlighted text, secret-id chips. */
export const LogRow = memo(function LogRow({ entry, highlights, selected, target, onSelect, onSecret, onFullText }: LogRowProps) {
  const [open, setOpen] = useState(false);
  if (entry.marker) {
    return (
      <Box role="separator" sx={{ px: 1, py: 0.5, bgcolor: 'action.hover', fontStyle: 'italic', fontSize: 12 }}>
        {entry.marker}
      </Box>
    );
  }
  const all = entry.text.split('\n');
  const shown = open ? all : all.slice(0, FOLDED_LINES);
  const ids = secretIds(entry.text);
  return (
    <Box
      data-testid="log-row"
      data-offset={entry.offset}
      aria-selected={selected}
      onClick={(e) => onSelect(entry, e.shiftKey)}
      sx={{
        display: 'flex',
        gap: 1,
        px: 1,
        borderLeft: 3,
        borderColor: entry.level ? LEVEL_COLOR[entry.level] : 'transparent',
        bgcolor: selected ? 'action.selected' : target ? 'action.focus' : undefined,
        fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace',
        fontSize: 12.5,
        lineHeight: 1.5,
        cursor: 'default',
        '&:hover': { bgcolor: selected ? 'action.selected' : 'action.hover' },
      }}
    >
      <Typography component="span" sx={{ color: 'text.disabled', minWidth: 56, textAlign: 'right', font: 'inherit', userSelect: 'none' }}>
        {entry.line ?? ''}
      </Typography>
      <Box sx={{ flex: 1, minWidth: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {splitHighlights(shown.join('\n'), highlights).map((p, i) =>
          p.hit ? (
            <Box component="mark" key={i} sx={{ bgcolor: 'warning.light', color: 'inherit', px: 0 }}>
              {p.text}
            </Box>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
        {all.length > FOLDED_LINES ? (
          <Link component="button" type="button" sx={{ ml: 1, fontSize: 12 }} onClick={(e) => (e.stopPropagation(), setOpen(!open))}>
            {open ? 'show less' : `+${all.length - FOLDED_LINES} more lines`}
          </Link>
        ) : null}
        {entry.truncated ? (
          <Link component="button" type="button" sx={{ ml: 1, fontSize: 12 }} onClick={(e) => (e.stopPropagation(), onFullText(entry))}>
            line cut for display — show full text
          </Link>
        ) : null}
      </Box>
      {ids.length ? (
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}>
          {ids.slice(0, 3).map((id) => (
            <Chip
              key={id}
              size="small"
              label={`secret ${id}`}
              onClick={(e) => (e.stopPropagation(), onSecret(id))}
              aria-label={`Show only secret ${id}`}
              sx={{ height: 18, fontSize: 11 }}
            />
          ))}
        </Box>
      ) : null}
    </Box>
  );
});
