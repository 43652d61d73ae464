import { useState } from 'react';
import { Box, Button, FormControlLabel, LinearProgress, Stack, Switch, TextField, Typography } from '@mui/material';
import { Virtuoso } from 'react-virtuoso';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLogSearch } from './use-log-search';

/** Props of the search panel. */
export interface SearchPanelProps {
  /** Files searched, oldest first. */
  readonly paths: readonly string[];
  readonly onOpen: (path: string, offset: number) => void;
}

/** Whole-file search in main, with streamed hits, progress and cancel. */
export function SearchPanel({ paths, onOpen }: SearchPanelProps) {
  const search = useLogSearch(paths);
  // Hits of a search over other files (a job reattached or still streaming) are never listed here.
  const hits = search.hits.filter((h) => paths.includes(h.path));
  const s = { ...search, hits };
  const [pattern, setPattern] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCase] = useState(false);
  const pct = s.progress && s.progress.total > 0 ? (100 * s.progress.done) / s.progress.total : 0;
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, mb: 1 }}>
      <Stack
        direction="row"
        component="form"
        sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
        onSubmit={(e) => (e.preventDefault(), pattern && void s.run({ paths: [...paths], pattern, regex, caseSensitive }))}
      >
        <TextField
          size="small"
          label="Search whole file"
          value={pattern}
          onChange={(e) => setPattern(e.target.value)}
          sx={{ width: 320 }}
        />
        <FormControlLabel control={<Switch size="small" checked={regex} onChange={(e) => setRegex(e.target.checked)} />} label="Regex" />
        <FormControlLabel
          control={<Switch size="small" checked={caseSensitive} onChange={(e) => setCase(e.target.checked)} />}
          label="Match case"
        />
        <Button type="submit" variant="contained" size="small" disabled={!pattern || paths.length === 0}>
          Search {paths.length > 1 ? `${paths.length} files` : ''}
        </Button>
        {s.running ? (
          <Button size="small" color="warning" onClick={() => void s.cancel()}>
            Cancel
          </Button>
        ) : null}
        <Typography variant="body2" color="text.secondary" role="status">
          {s.running
            ? `Searching… ${pct.toFixed(0)}% — ${s.hits.length} hits`
            : s.result
              ? `${s.result.matches} matching lines${s.result.truncated ? ` (first ${s.hits.length} listed)` : ''}`
              : ''}
        </Typography>
      </Stack>
      {s.running ? <LinearProgress variant="determinate" value={pct} sx={{ mt: 1 }} /> : null}
      <ErrorNotice error={s.error} sx={{ mt: 1 }} />
      {s.hits.length ? (
        <Box sx={{ height: 180, mt: 1 }}>
          <Virtuoso
            data={s.hits}
            computeItemKey={(_, h) => `${h.path}:${h.offset}`}
            itemContent={(_, h) => (
              <Box
                component="button"
                type="button"
                onClick={() => onOpen(h.path, h.offset)}
                sx={{
                  all: 'unset',
                  display: 'block',
                  width: '100%',
                  cursor: 'pointer',
                  fontFamily: 'monospace',
                  fontSize: 12,
                  px: 1,
                  whiteSpace: 'nowrap',
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  '&:hover': { bgcolor: 'action.hover' },
                }}
              >
                <Box component="span" sx={{ color: 'text.disabled', mr: 1 }}>
                  {paths.length > 1 ? `${h.path.split(/[\\/]/).pop()}:` : ''}
                  {h.line}
                </Box>
                {h.text}
              </Box>
            )}
          />
        </Box>
      ) : null}
    </Box>
  );
}
