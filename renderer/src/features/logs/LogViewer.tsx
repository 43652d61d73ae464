import { forwardRef, useMemo } from 'react';
import { Box, Button, Typography } from '@mui/material';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { LogRow, type LogRowProps } from './LogRow';
import type { ViewEntry } from './window-entries';

/** Virtuoso's firstItemIndex must only go down as rows are prepended: start it high. */
const BASE_INDEX = 1_000_000_000;

/** Props of the list. */
export interface LogViewerProps extends Omit<LogRowProps, 'entry' | 'selected' | 'target'> {
  readonly entries: readonly ViewEntry[];
  readonly visible: (e: ViewEntry) => boolean;
  readonly selected: ReadonlySet<string>;
  readonly targetKey: string | null;
  readonly following: boolean;
  /** Called with false when the user scrolls up (stop following), true back at the bottom. */
  readonly onAtBottom: (atBottom: boolean) => void;
  readonly onOlder: () => void;
  readonly onNewer: () => void;
  /** Shown over the pane when the filters hide every loaded entry (why it is empty). */
  readonly empty?: string | null;
  readonly onClearFilters?: () => void;
}

/**
 * The virtualised list (react-virtuoso). Rows above the first page get negative `seq`, and
 * `firstItemIndex` drops by the visible ones, so prepending keeps the scroll position.
 */
export const LogViewer = forwardRef<VirtuosoHandle, LogViewerProps>(function LogViewer(p, ref) {
  const { entries, visible, targetKey } = p;
  const { data, firstItemIndex, start } = useMemo(() => {
    const data = entries.filter((e) => e.marker !== undefined || visible(e));
    const above = data.filter((e) => e.seq < 0).length;
    const t = targetKey ? data.findIndex((e) => e.key === targetKey) : -1;
    return { data, firstItemIndex: BASE_INDEX - above, start: t >= 0 ? t : Math.max(0, data.length - 1) };
  }, [entries, visible, targetKey]);
  return (
    <Box
      sx={{ position: 'relative', flex: '1 1 auto', minHeight: 160, border: 1, borderColor: 'divider', borderRadius: 1 }}
      // Only the user stops following: appended rows briefly leave the list "not at bottom"
      // before followOutput catches up, so atBottomStateChange(false) alone would stop it.
      onWheel={(e) => e.deltaY < 0 && p.onAtBottom(false)}
      onKeyDown={(e) => ['ArrowUp', 'PageUp', 'Home'].includes(e.key) && p.onAtBottom(false)}
      role="log"
      aria-label="Log entries"
      aria-live="off"
    >
      {p.empty ? (
        <Box
          role="status"
          sx={{
            position: 'absolute',
            inset: 0,
            zIndex: 1,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 1,
          }}
        >
          <Typography color="text.secondary">{p.empty}</Typography>
          {p.onClearFilters ? (
            <Button size="small" variant="outlined" onClick={p.onClearFilters}>
              Clear filters
            </Button>
          ) : null}
        </Box>
      ) : null}
      <Virtuoso
        ref={ref}
        style={{ position: 'absolute', inset: 0 }}
        data={data}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={start}
        computeItemKey={(_, e) => e.key}
        // A function, because the plain value only follows while still at the bottom, and a
        // burst of appended rows can leave the list short of it before it scrolls.
        followOutput={() => (p.following ? 'auto' : false)}
        atBottomThreshold={40}
        atBottomStateChange={(b) => b && p.onAtBottom(true)}
        startReached={p.onOlder}
        endReached={p.onNewer}
        increaseViewportBy={{ top: 400, bottom: 400 }}
        itemContent={(_, e) => (
          <LogRow
            entry={e}
            highlights={p.highlights}
            selected={p.selected.has(e.key)}
            target={e.key === p.targetKey}
            onSelect={p.onSelect}
            onSecret={p.onSecret}
            onFullText={p.onFullText}
          />
        )}
      />
    </Box>
  );
});
