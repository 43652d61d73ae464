import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  FormControl,
  FormControlLabel,
  InputLabel,
  LinearProgress,
  Link,
  MenuItem,
  Select,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import type { CorrelatedLine, Correlation, CorrelationSource } from '../../../../contract/channels/activity';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LocalTime } from '../../components/Time';
import { Section } from './RunDetailParts';

/** Window choices (minutes before the run's queue time and after its end). */
export const WINDOW_CHOICES = [1, 2, 5, 10, 15, 30, 60, 120, 240] as const;

const STATUS_WORDS: Record<CorrelationSource['status'], { label: string; color: 'success' | 'warning' | 'error' | 'default' }> = {
  ok: { label: 'read', color: 'success' },
  'no-log-path': { label: 'no log path', color: 'warning' },
  'logging-off': { label: 'logging off', color: 'warning' },
  'not-reachable': { label: 'not reachable', color: 'error' },
  'no-files': { label: 'no files', color: 'default' },
};

const LEVEL_COLOR: Record<string, 'error' | 'warning' | 'default' | 'info'> = {
  fatal: 'error',
  error: 'error',
  warn: 'warning',
  info: 'info',
};

/** The Logs screen route opening a correlated line at its position. */
export function lineHref(line: Pick<CorrelatedLine, 'path' | 'offset'>): string {
  return `#/logs?${new URLSearchParams({ path: line.path, offset: String(line.offset) }).toString()}`;
}

function SourceRow({ source }: { source: CorrelationSource }) {
  const words = STATUS_WORDS[source.status];
  return (
    <Box component="li" sx={{ listStyle: 'none', mb: 1 }} data-testid={`source-${source.instance}`} data-source-status={source.status}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {source.instance}
        </Typography>
        <Chip size="small" variant="outlined" color={words.color} label={words.label} />
        {source.status === 'ok' ? (
          <Typography variant="caption" color="text.secondary">
            {source.lines} line(s){source.truncated ? ', more matched than kept' : ''} from {source.files.length} file(s)
          </Typography>
        ) : null}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {source.message}
      </Typography>
    </Box>
  );
}

function LineRow({ line, secretId }: { line: CorrelatedLine; secretId: number }) {
  const named = line.match === 'secret-id';
  return (
    <Box
      component="li"
      data-testid="correlated-line"
      data-match={line.match}
      sx={{
        listStyle: 'none',
        borderLeft: 3,
        borderColor: named ? 'warning.main' : 'transparent',
        bgcolor: named ? 'action.selected' : undefined,
        px: 1,
        py: 0.5,
        '&:hover': { bgcolor: 'action.hover' },
      }}
    >
      <Link
        href={lineHref(line)}
        underline="none"
        color="inherit"
        title={`Open ${line.path}${line.line ? ` at line ${line.line}` : ''} on the Logs screen`}
        sx={{ display: 'block' }}
      >
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', fontSize: '0.8125rem' }}>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {line.time ? <LocalTime at={line.time} /> : 'no time'}
          </Box>
          <Box component="span" sx={{ fontWeight: 600 }}>
            {line.instance}
          </Box>
          {line.level ? <Chip size="small" variant="outlined" color={LEVEL_COLOR[line.level] ?? 'default'} label={line.level} /> : null}
          {named ? <Chip size="small" color="warning" label={`names secret ${secretId}`} /> : null}
        </Stack>
        <Box
          component="code"
          sx={{ display: 'block', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: '0.78rem', color: 'text.primary', mt: 0.25 }}
        >
          {line.text}
        </Box>
      </Link>
    </Box>
  );
}

/** Props of {@link CorrelationSection}. */
export interface CorrelationSectionProps {
  readonly secretId: number;
  readonly windowMinutes: number;
  readonly onWindow: (minutes: number) => void;
  readonly sources: readonly CorrelationSource[];
  readonly correlation: Correlation | null;
  readonly running: boolean;
  readonly error: unknown;
  readonly onRetry: () => void;
}

/** Cache and engine log lines around the run: per-source status in words, then the lines, each opening the Logs screen. */
export function CorrelationSection(props: CorrelationSectionProps) {
  const [onlySecret, setOnlySecret] = useState(false);
  const lines = props.correlation?.lines ?? [];
  const shown = onlySecret ? lines.filter((l) => l.match === 'secret-id') : lines;
  return (
    <Section
      title="Log lines around the run"
      actions={
        <FormControl size="small" sx={{ minWidth: 130 }}>
          <InputLabel id="correlation-window-label">Window</InputLabel>
          <Select
            labelId="correlation-window-label"
            label="Window"
            value={props.windowMinutes}
            onChange={(e) => props.onWindow(Number(e.target.value))}
          >
            {WINDOW_CHOICES.map((m) => (
              <MenuItem key={m} value={m}>
                ± {m} min
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      }
    >
      {props.correlation ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          From <LocalTime at={props.correlation.window.from} /> to <LocalTime at={props.correlation.window.to} />
        </Typography>
      ) : null}
      {props.running ? <LinearProgress aria-label="Reading the logs" sx={{ mb: 1 }} /> : null}
      <ErrorNotice error={props.error} title="Could not read the logs around the run" onRetry={props.onRetry} sx={{ mb: 1 }} />
      <Box component="ul" sx={{ p: 0, m: 0 }} aria-label="Log sources">
        {props.sources.map((s) => (
          <SourceRow key={`${s.kind}-${s.profileId ?? s.instance}`} source={s} />
        ))}
      </Box>
      {props.correlation ? (
        <>
          <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mt: 1, flexWrap: 'wrap' }}>
            <Typography variant="body2">
              {lines.length} line(s), {lines.filter((l) => l.match === 'secret-id').length} naming secret {props.secretId}
            </Typography>
            <FormControlLabel
              control={<Switch size="small" checked={onlySecret} onChange={(e) => setOnlySecret(e.target.checked)} />}
              label="Only lines naming the secret"
            />
          </Stack>
          {shown.length ? (
            <Box
              component="ul"
              aria-label="Correlated log lines"
              sx={{ p: 0, m: 0, maxHeight: 440, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}
            >
              {shown.map((l) => (
                <LineRow key={`${l.path}:${l.offset}`} line={l} secretId={props.secretId} />
              ))}
            </Box>
          ) : (
            <Typography variant="body2" color="text.secondary">
              No line in this window. Widen the window, or check the sources above.
            </Typography>
          )}
        </>
      ) : null}
      {!props.running && props.error ? <Button onClick={props.onRetry}>Read the logs again</Button> : null}
    </Section>
  );
}
