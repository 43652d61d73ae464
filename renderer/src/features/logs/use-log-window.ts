import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogLinesEvent, LogPage } from '../../../../contract/channels/logs';
import { call, newRequestId } from '../../api/client';
import { useLogFollow } from './use-log-follow';
import { appendLive, appendPage, pageRows, prependPage, type Counter, type WindowRows } from './window-entries';
import { newerFile, planNewer, planOlder, type Edge } from './window-paging';

/** Where to open a file. */
export type OpenAt = { offset: number } | { line: number } | { time: string } | null;

/** State of the loaded window: entries of the opened file and, on scroll, of its rolling set. */
export interface WindowState extends WindowRows {
  /** The file that was opened (entries carry their own paths). */
  readonly path: string | null;
  readonly page: Pick<LogPage, 'format' | 'encoding' | 'size'> | null;
  readonly loading: boolean;
  readonly error: unknown;
  /** Bumped on every open so the list remounts at its new starting row. */
  readonly openCount: number;
  /** Key of the entry the open was aimed at (route `line`/`offset`/`time`). */
  readonly targetKey: string | null;
}

const PAGE = 400;

const EMPTY: WindowState = {
  path: null,
  page: null,
  entries: [],
  top: null,
  bottom: null,
  eof: true,
  loading: false,
  error: null,
  openCount: 0,
  targetKey: null,
};

const topOf = (p: LogPage): Edge => ({ path: p.path, offset: p.start, atFileEdge: p.bof });
const bottomOf = (p: LogPage): Edge => ({ path: p.path, offset: p.end, atFileEdge: p.eof });

/**
 * The window of a log the viewer shows: the newest lines first, older pages on scroll up and
 * newer on scroll down — across the files of the rolling set — and live lines at the end.
 */
export function useLogWindow() {
  const [state, setState] = useState<WindowState>(EMPTY);
  // Files of the opened file's rolling set, oldest first: paging crosses into them.
  const files = useRef<readonly string[]>([]);
  // Bumped on open, so a page that arrives for the previous window is dropped.
  const generation = useRef(0);
  const busy = useRef(false);
  const seq = useRef<Counter>({ top: 0, bottom: 0, key: 0 });

  const apply = useCallback((ev: LogLinesEvent) => {
    setState((s) => ({ ...s, ...appendLive(s, ev, seq.current), page: s.page && s.eof ? { ...s.page, size: ev.next } : s.page }));
  }, []);
  const follow = useLogFollow(apply);
  const { startFollow, stopFollow, clearQueue } = follow;

  // Older rows pushed the newest out of the window: the follow has nothing to append to.
  useEffect(() => {
    if (!state.eof) void stopFollow();
  }, [state.eof, stopFollow]);

  /** Opens a file at its end, or at a line, byte offset or time; `set` is its rolling set, oldest first. */
  const open = useCallback(
    async (path: string, at: OpenAt = null, set: readonly string[] = [path]) => {
      const gen = (generation.current += 1);
      await stopFollow();
      clearQueue();
      files.current = set.includes(path) ? set : [path];
      seq.current = { top: 0, bottom: 0, key: 0 };
      // Only the newest file of the set is still written to; an older one continues into the next.
      const newest = !newerFile(files.current, path);
      setState((s) => ({ ...EMPTY, path, loading: true, openCount: s.openCount + 1 }));
      try {
        let offset: number | null = null;
        if (at && 'offset' in at) offset = at.offset;
        else if (at) offset = (await call('logs:locate', { path, ...at }, { requestId: newRequestId('logs-locate') })).offset;
        if (offset === null) {
          const page = await call('logs:tail', { path, maxEntries: 1000 });
          if (gen !== generation.current) return;
          const entries = pageRows(seq.current, page, 'bottom');
          const bottom = { ...bottomOf(page), atFileEdge: true };
          setState((s) => ({ ...s, page, entries, top: topOf(page), bottom, eof: newest, loading: false }));
          if (newest) await startFollow(page);
          return;
        }
        const before = await call('logs:read', { path, offset, direction: 'backward', maxEntries: PAGE });
        const after = await call('logs:read', { path, offset, direction: 'forward', maxEntries: PAGE });
        if (gen !== generation.current) return;
        const top = pageRows(seq.current, before, 'top');
        const rest = pageRows(seq.current, after, 'bottom');
        const eof = after.eof && newest;
        setState((s) => ({
          ...s,
          page: after,
          entries: [...top, ...rest],
          top: topOf(before),
          bottom: bottomOf(after),
          eof,
          loading: false,
          targetKey: rest[0]?.key ?? null,
        }));
        if (eof) await startFollow(after);
      } catch (err) {
        // Nothing is followed after a failed open: the file must not read as "live".
        if (gen === generation.current) setState((s) => ({ ...s, loading: false, eof: false, error: err }));
      }
    },
    [startFollow, stopFollow, clearQueue],
  );

  /** Closes the window (another file could not be opened): no rows, no follow. */
  const close = useCallback(async () => {
    generation.current += 1;
    await stopFollow();
    clearQueue();
    files.current = [];
    setState((s) => ({ ...EMPTY, eof: false, openCount: s.openCount + 1 }));
  }, [stopFollow, clearQueue]);

  /** Loads the page above the window: older entries of its top file, then of the file before. */
  const loadOlder = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const gen = generation.current;
    try {
      let top = state.top;
      // An empty file adds no rows (so no new startReached): go on to the one before it.
      for (let i = 0; i <= files.current.length; i += 1) {
        const plan = planOlder(files.current, top);
        if (!plan) return;
        const page =
          plan.kind === 'tail'
            ? await call('logs:tail', { path: plan.path, maxEntries: PAGE })
            : await call('logs:read', { path: plan.path, offset: plan.offset, direction: 'backward', maxEntries: PAGE });
        if (gen !== generation.current) return;
        setState((s) => ({ ...s, ...prependPage(s, page, seq.current) }));
        top = topOf(page);
        if (page.entries.length) return;
      }
    } finally {
      busy.current = false;
    }
  }, [state.top]);

  /** Loads the page below the window: its bottom file, then the next file; the newest file's end starts following. */
  const loadNewer = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const gen = generation.current;
    try {
      let bottom = state.bottom;
      for (let i = 0; i <= files.current.length; i += 1) {
        const plan = planNewer(files.current, bottom);
        if (!plan || plan.kind !== 'read') return;
        const page = await call('logs:read', { path: plan.path, offset: plan.offset, direction: 'forward', maxEntries: PAGE });
        if (gen !== generation.current) return;
        const eof = page.eof && !newerFile(files.current, page.path);
        setState((s) => ({ ...s, ...appendPage(s, page, eof, seq.current) }));
        bottom = bottomOf(page);
        if (eof) return await startFollow(page);
        if (page.entries.length) return;
      }
    } finally {
      busy.current = false;
    }
  }, [state.bottom, startFollow]);

  return { state, open, close, loadOlder, loadNewer, setPaused: follow.setPaused, pending: follow.pending };
}
