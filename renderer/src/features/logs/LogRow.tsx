import { memo, useState } from 'react';
import { Box, Chip, Link, Typography, useTheme } from '@mui/material';
import { secretIds, splitHighlights } from './filters';
import { HIGHLIGHT, LEVEL_COLORS, levelTokenRange } from './level-style';
import type { ViewEntry } from './window-entries';

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
  const mode = useTheme().palette.mode;
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
  const colors = entry.level ? LEVEL_COLORS[mode][entry.level] : undefined;
  const token = colors ? levelTokenRange(shown[0] ?? '') : null;
  const text = shown.join('\n');
  // The level word, coloured, then the rest with the filter and highlight matches marked.
  const pieces = token
    ? [{ text: text.slice(0, token[0]) }, { text: text.slice(token[0], token[1]), level: true }, { text: text.slice(token[1]) }]
    : [{ text }];
  return (
    <Box
      data-testid="log-row"
      data-offset={entry.offset}
      data-level={entry.level}
      aria-selected={selected}
      onClick={(e) => onSelect(entry, e.shiftKey)}
      sx={{
        display: 'flex',
        gap: 1,
        px: 1,
        borderLeft: 3,
        borderColor: colors?.row ? colors.token : 'transparent',
        bgcolor: selected ? 'action.selected' : target ? 'action.focus' : colors?.row,
        fontFamily: 'ui-monospace, SFMono-Regular, Consolas, monospace',
        fontSize: 12.5,
        lineHeight: 1.5,
        cursor: 'default',
        '&:hover': { bgcolor: selected ? 'action.selected' : 'action.hover' },
      }}
    >
      <Typography
        component="span"
        data-testid="log-line-no"
        sx={{ color: 'text.secondary', minWidth: 56, textAlign: 'right', font: 'inherit', userSelect: 'none' }}
      >
        {entry.line ?? ''}
      </Typography>
      <Box sx={{ flex: 1, minWidth: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {pieces.map((piece, j) => {
          const parts = splitHighlights(piece.text, highlights).map((p, i) =>
            p.hit ? (
              <Box component="mark" key={i} sx={{ bgcolor: HIGHLIGHT.bg, color: HIGHLIGHT.color, px: 0 }}>
                {p.text}
              </Box>
            ) : (
              <span key={i}>{p.text}</span>
            ),
          );
          return 'level' in piece ? (
            <Box component="span" key={j} data-testid="log-level" sx={{ color: colors?.token, fontWeight: 600 }}>
              {parts}
            </Box>
          ) : (
            <span key={j}>{parts}</span>
          );
        })}
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
