import { useEffect, useState } from 'react';
import { Box, Chip } from '@mui/material';
import { useApiQuery } from '../api/hooks';
import { formatAge, formatLocal, formatUtc, isStale } from './time';

/** The current time, renewed every `everyMs` so ages ("3 min ago") and staleness move on. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** When main started (results from before it are stale); undefined until `app:info` answers. */
export function useAppStartedAt(): string | undefined {
  return useApiQuery('app:info', {}, { staleTime: Infinity }).data?.startedAt;
}

/** A time in the app's one format: local with its zone, UTC on hover. */
export function LocalTime({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatUtc(at)}>
      {formatLocal(at)}
    </time>
  );
}

/**
 * When a status was measured: "checked 3 min ago", the exact local time and UTC on hover, and a
 * muted look with a "stale" label when it is old or from before this start.
 */
export function Measured({ at, verb = 'checked' }: { at: string | undefined; verb?: string }) {
  const now = useNow();
  const startedAt = useAppStartedAt();
  if (!at) return null;
  const stale = isStale(at, now, startedAt);
  return (
    <Box
      component="span"
      data-stale={String(stale)}
      sx={{
        display: 'inline-flex',
        gap: 0.5,
        alignItems: 'center',
        color: stale ? 'text.disabled' : 'text.secondary',
        fontSize: '0.8125rem',
      }}
    >
      <time dateTime={at} title={`${formatLocal(at)} (${formatUtc(at)})`}>
        {verb} {formatAge(at, now)}
      </time>
      {stale ? <Chip size="small" variant="outlined" label="stale" sx={{ height: 18, fontSize: '0.7rem' }} /> : null}
    </Box>
  );
}
