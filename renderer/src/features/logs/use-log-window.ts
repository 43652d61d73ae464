import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogEntry, LogLinesEvent, LogPage } from '../../../../contract/channels/logs';
import { call, newRequestId, onEvent } from '../../api/client';
import { useFollowLease } from './use-follow-lease';

/** An entry as the viewer holds it: which file it came from and its place in the window. */
export interface ViewEntry extends LogEntry {
  readonly key: string;
  readonly path: string;
  /** Negative for entries loaded above the first page (drives Virtuoso's firstItemIndex). */
  readonly seq: number;
  /** A divider row (file truncated, rotated) rather than a log entry. */
  readonly marker?: string;
}

/** Where to open a file. */
export type OpenAt = { offset: number } | { line: number } | { time: string } | null;

/** State of the loaded window of a file. */
export interface WindowState {
  readonly path: string | null;
  readonly page: Pick<LogPage, 'format' | 'encoding' | 'size'> | null;
  readonly entries: readonly ViewEntry[];
  readonly bof: boolean;
  readonly eof: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** Bumped on every open so the list remounts at its new starting row. */
  readonly openCount: number;
  /** Key of the entry the open was aimed at (route `line`/`offset`/`time`). */
  readonly targetKey: string | null;
}

/** Entries the renderer keeps at most: memory stays bounded, older rows reload on scroll. */
export const MAX_WINDOW = 20_000;
const PAGE = 400;

const EMPTY: WindowState = {
  path: null,
  page: null,
  entries: [],
  bof: true,
  eof: true,
  loading: false,
  error: null,
  openCount: 0,
  targetKey: null,
};

interface Counter {
  top: number;
  bottom: number;
  key: number;
}

/** Entries of a page as view entries, numbered above (`top`) or below (`bottom`) the first page. */
function makeView(c: Counter, page: { path: string }, entries: readonly LogEntry[], at: 'top' | 'bottom'): ViewEntry[] {
  const list = entries.map((e) => ({ ...e, path: page.path, key: `e${(c.key += 1)}`, seq: 0 }));
  if (at === 'top') {
    c.top -= list.length;
    return list.map((e, i) => ({ ...e, seq: c.top + i }));
  }
  return list.map((e) => ({ ...e, seq: c.bottom++ }));
}

/**
 * The window of a log the viewer shows: the newest lines first, older pages on scroll up,
 * newer on scroll down, and live lines from `logs:lines` while the window reaches the end.
 */
export function useLogWindow() {
  const [state, setState] = useState<WindowState>(EMPTY);
  const [pending, setPending] = useState(0);
  const paused = useRef(false);
  const queue = useRef<LogLinesEvent[]>([]);
  const followId = useRef<string | null>(null);
  // Where the follow has got to, so a follow main dropped (lease ran out) resumes without a gap.
  const followAt = useRef<{ path: string; offset: number; fileId: string } | null>(null);
  const busy = useRef(false);
  const seq = useRef<Counter>({ top: 0, bottom: 0, key: 0 });

  const stopFollow = useCallback(async () => {
    const id = followId.current;
    followId.current = null;
    if (id) await call('logs:unfollow', { followId: id }).catch(() => undefined);
  }, []);

  const startFollow = useCallback(async (page: LogPage) => {
    followAt.current = { path: page.path, offset: page.end, fileId: page.fileId };
    const r = await call('logs:follow', { path: page.path, offset: page.end, fileId: page.fileId });
    followId.current = r.followId;
  }, []);

  const refollow = useCallback((lost: string) => {
    const at = followAt.current;
    if (!at) return;
    void (async () => {
      const r = await call('logs:follow', at).catch(() => null);
      if (r && followId.current === lost) followId.current = r.followId;
      else if (r) await call('logs:unfollow', { followId: r.followId }).catch(() => undefined);
    })();
  }, []);
  useFollowLease(followId, refollow);

  const apply = useCallback((ev: LogLinesEvent) => {
    setState((s) => {
      const entries = [...s.entries];
      if (ev.reset) {
        const what = ev.reset === 'truncated' ? 'was truncated; reading it from the start' : `rolled over; now reading ${ev.path}`;
        entries.push({
          ...makeView(seq.current, ev, [{ offset: 0, end: 0, lines: 0, text: '', truncated: false }], 'bottom')[0]!,
          marker: `The log ${what}`,
        });
      }
      let incoming = ev.entries;
      const last = entries[entries.length - 1];
      const head = incoming[0];
      if (head?.continuation && last && !last.marker) {
        entries[entries.length - 1] = {
          ...last,
          text: `${last.text}\n${head.text}`,
          end: head.end,
          lines: last.lines + head.lines,
          message: last.message !== undefined ? `${last.message}\n${head.text}` : undefined,
        };
        incoming = incoming.slice(1);
      }
      let nextLine = last && last.line !== undefined && !ev.reset ? last.line + last.lines : undefined;
      const numbered = incoming.map((e) => {
        const withLine = nextLine !== undefined ? { ...e, line: nextLine } : e;
        if (nextLine !== undefined) nextLine += e.lines;
        return withLine;
      });
      entries.push(...makeView(seq.current, ev, numbered, 'bottom'));
      const trimmed = entries.length > MAX_WINDOW ? entries.slice(entries.length - MAX_WINDOW) : entries;
      return {
        ...s,
        entries: trimmed,
        bof: trimmed.length === entries.length && s.bof,
        page: s.page ? { ...s.page, size: ev.next } : s.page,
      };
    });
  }, []);

  useEffect(
    () =>
      onEvent('logs:lines', (ev) => {
        if (ev.followId !== followId.current) return;
        followAt.current = { path: ev.path, offset: ev.next, fileId: ev.fileId };
        if (paused.current) {
          queue.current.push(ev);
          // A long pause keeps only what the window could show anyway.
          let n = queue.current.reduce((sum, q) => sum + q.entries.length, 0);
          while (n > MAX_WINDOW && queue.current.length > 1) n -= queue.current.shift()!.entries.length;
          setPending(n);
        } else apply(ev);
      }),
    [apply],
  );
  useEffect(() => () => void stopFollow(), [stopFollow]);

  /** Opens a file at its end, or at a line, byte offset or time. */
  const open = useCallback(
    async (path: string, at: OpenAt = null) => {
      await stopFollow();
      queue.current = [];
      setPending(0);
      seq.current = { top: 0, bottom: 0, key: 0 };
      setState((s) => ({ ...EMPTY, path, loading: true, openCount: s.openCount + 1 }));
      try {
        let offset: number | null = null;
        if (at && 'offset' in at) offset = at.offset;
        else if (at) offset = (await call('logs:locate', { path, ...at }, { requestId: newRequestId('logs-locate') })).offset;
        if (offset === null) {
          const page = await call('logs:tail', { path, maxEntries: 1000 });
          setState((s) => ({
            ...s,
            page,
            entries: makeView(seq.current, page, page.entries, 'bottom'),
            bof: page.bof,
            eof: true,
            loading: false,
          }));
          await startFollow(page);
          return;
        }
        const before = await call('logs:read', { path, offset, direction: 'backward', maxEntries: PAGE });
        const after = await call('logs:read', { path, offset, direction: 'forward', maxEntries: PAGE });
        const top = makeView(seq.current, before, before.entries, 'top');
        const rest = makeView(seq.current, after, after.entries, 'bottom');
        setState((s) => ({
          ...s,
          page: after,
          entries: [...top, ...rest],
          bof: before.bof,
          eof: after.eof,
          loading: false,
          targetKey: rest[0]?.key ?? null,
        }));
        if (after.eof) await startFollow(after);
      } catch (err) {
        setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : String(err) }));
      }
    },
    [startFollow, stopFollow],
  );

  /** Loads the page before the first loaded entry. */
  const loadOlder = useCallback(async () => {
    const first = state.entries.find((e) => !e.marker);
    if (busy.current || state.bof || !first) return;
    busy.current = true;
    try {
      const page = await call('logs:read', { path: first.path, offset: first.offset, direction: 'backward', maxEntries: PAGE });
      const top = makeView(seq.current, page, page.entries, 'top');
      const overflow = state.entries.length + top.length > MAX_WINDOW;
      if (overflow) await stopFollow();
      setState((s) => {
        const entries = [...top, ...s.entries];
        return { ...s, entries: overflow ? entries.slice(0, MAX_WINDOW) : entries, bof: page.bof, eof: overflow ? false : s.eof };
      });
    } finally {
      busy.current = false;
    }
  }, [state.entries, state.bof, stopFollow]);

  /** Loads the page after the last loaded entry; reaching the end starts following. */
  const loadNewer = useCallback(async () => {
    const last = [...state.entries].reverse().find((e) => !e.marker);
    if (busy.current || state.eof || !last) return;
    busy.current = true;
    try {
      const page = await call('logs:read', { path: last.path, offset: last.end, direction: 'forward', maxEntries: PAGE });
      setState((s) => {
        const entries = [...s.entries, ...makeView(seq.current, page, page.entries, 'bottom')];
        const trimmed = entries.length > MAX_WINDOW ? entries.slice(entries.length - MAX_WINDOW) : entries;
        return { ...s, entries: trimmed, eof: page.eof, bof: s.bof && trimmed.length === entries.length };
      });
      if (page.eof) await startFollow(page);
    } finally {
      busy.current = false;
    }
  }, [state.entries, state.eof, startFollow]);

  /** Freezes the view; live lines queue up until `resume`. */
  const setPaused = useCallback(
    (p: boolean) => {
      paused.current = p;
      if (!p) {
        const q = queue.current;
        queue.current = [];
        setPending(0);
        for (const ev of q) apply(ev);
      }
    },
    [apply],
  );

  return { state, open, loadOlder, loadNewer, setPaused, pending };
}
