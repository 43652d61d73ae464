import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import type { VirtuosoHandle } from 'react-virtuoso';
import { LINE_TEXT_MAX_BYTES, type ResolvedLogSource } from '../../../../contract/channels/logs';
import { call, newRequestId } from '../../api/client';
import { ErrorNotice, fieldErrorOf } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { navigate, useHashRoute } from '../../components/use-hash-route';
import { buildMatcher, entryPredicate } from './filters';
import type { JumpTarget } from './jump-input';
import { numberLines, type LineAnchor } from './line-numbers';
import { LogToolbar, type FilterState } from './LogToolbar';
import { LogViewer } from './LogViewer';
import { SearchPanel } from './SearchPanel';
import { SourceBar } from './SourceBar';
import { useLineIndex } from './use-line-index';
import { useLogWindow, type OpenAt } from './use-log-window';
import type { ViewEntry } from './window-entries';
import { setFilesOf } from './window-paging';

const NO_FILTER: FilterState = { level: 'all', text: '', regex: false, highlight: '', secretId: null };

/** Where the route asks to open: `#/logs?path=…&line=…` (or `offset=` / `time=`). */
function routeTarget(params: URLSearchParams): OpenAt {
  const line = Number(params.get('line'));
  const offset = Number(params.get('offset'));
  if (params.get('line') && Number.isInteger(line) && line > 0) return { line };
  if (params.get('offset') && Number.isInteger(offset) && offset >= 0) return { offset };
  if (params.get('time')) return { time: params.get('time')! };
  return null;
}

/** The Logs screen: a live, filterable tail of any log, opened from a path or a route link. */
export function LogsPage() {
  const { params } = useHashRoute();
  const routePath = params.get('path');
  const routeKey = params.toString();
  const win = useLogWindow();
  const index = useLineIndex(win.state.path, win.state.openCount);
  const [source, setSource] = useState<ResolvedLogSource | null>(null);
  const [sourceError, setSourceError] = useState<unknown>(null);
  const [filter, setFilter] = useState<FilterState>(NO_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [following, setFollowing] = useState(true);
  const [paused, setPausedState] = useState(false);
  const [full, setFull] = useState<{ text: string; truncated: boolean } | { failed: unknown; retry: () => void } | 'loading' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A jump that could not be read or located: shown at the field, the view stays as it is.
  const [jumpError, setJumpError] = useState<unknown>(null);
  // A line number main gave once the index was ready: numbers the rows read before it.
  const [anchor, setAnchor] = useState<LineAnchor | null>(null);
  const list = useRef<VirtuosoHandle>(null);
  const lastClicked = useRef<string | null>(null);
  const { open, close } = win;
  const s = win.state;

  // Filters, selection and jump belong to the file: a file opened next starts clean.
  useEffect(() => {
    setFilter(NO_FILTER);
    setSelected(new Set());
    setJumpError(null);
    setAnchor(null);
    lastClicked.current = null;
  }, [s.path]);

  // Once the index is ready, ask main for the line of one row; the rest are counted from it.
  const entriesRef = useRef(s.entries);
  entriesRef.current = s.entries;
  useEffect(() => {
    const path = s.path;
    const first = entriesRef.current.find((e) => !e.marker && e.path === path);
    if (!index.ready || !path || !first || first.line !== undefined) return;
    let stale = false;
    call('logs:read', { path, offset: first.offset, direction: 'forward', maxEntries: 1 })
      .then((page) => {
        const line = page.entries[0]?.line;
        if (!stale && line !== undefined && page.entries[0]!.offset === first.offset) setAnchor({ path, offset: first.offset, line });
      })
      .catch(() => undefined); // no numbers is not worth an error: the rows are still there
    return () => {
      stale = true;
    };
    // `loading`: a small file's index can be ready before its first page is in.
  }, [index.ready, s.path, s.openCount, s.loading]);
  const entries = useMemo(() => numberLines(s.entries, anchor), [s.entries, anchor]);

  useEffect(() => {
    if (!routePath) return;
    let stale = false;
    void (async () => {
      let known = source;
      if (!source?.sets.some((s) => s.files.some((f) => f.path === routePath))) {
        try {
          const src = await call('logs:resolveSource', { input: routePath });
          if (stale) return;
          known = src;
          setSource(src);
          setSourceError(null);
          if (src.current && src.current !== routePath) return navigate('/logs', { path: src.current });
          if (!src.current) return;
        } catch (err) {
          if (stale) return;
          setSourceError(err);
          await close();
          return;
        }
      }
      setFollowing(routeTarget(new URLSearchParams(routeKey)) === null);
      await open(routePath, routeTarget(new URLSearchParams(routeKey)), setFilesOf(known, routePath));
    })();
    return () => {
      stale = true;
    };
    // The source list only decides whether to resolve again; it must not reopen the file.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routePath, routeKey, open, close]);

  const resolve = async (input: string) => {
    try {
      const src = await call('logs:resolveSource', { input });
      setSource(src);
      setSourceError(null);
      if (src.current) navigate('/logs', { path: src.current });
    } catch (err) {
      setSourceError(err);
      // The screen no longer shows what was asked for: stop following the previous file.
      await close();
    }
  };

  const matcher = useMemo(() => buildMatcher(filter.text, filter.regex), [filter.text, filter.regex]);
  const highlight = useMemo(() => buildMatcher(filter.highlight, false), [filter.highlight]);
  const visible = useMemo(() => entryPredicate(filter.level, matcher, filter.secretId), [filter.level, matcher, filter.secretId]);
  const highlights = useMemo(() => [matcher.re, highlight.re], [matcher.re, highlight.re]);
  const filtering = filter.level !== 'all' || filter.text !== '' || filter.secretId !== null;
  const counts = useMemo(() => {
    const real = entries.filter((e) => !e.marker);
    return { total: real.length, shown: filtering ? real.filter(visible).length : real.length };
  }, [entries, visible, filtering]);

  const jumpTo = async (to: JumpTarget) => {
    const path = s.path;
    if (!path) return;
    if ('error' in to) return setJumpError(to.error);
    try {
      const at = await call('logs:locate', { path, ...to }, { requestId: newRequestId('logs-locate') });
      setJumpError(null);
      setFollowing(false);
      navigate('/logs', { path, offset: String(at.offset) });
    } catch (err) {
      setJumpError(err);
    }
  };
  const jumpMessage = typeof jumpError === 'string' ? jumpError : fieldErrorOf(jumpError)?.message;

  const onSelect = useCallback(
    (e: ViewEntry, range: boolean) => {
      setSelected((prev) => {
        const next = new Set(prev);
        const shown = entries.filter((x) => !x.marker && visible(x));
        const from = shown.findIndex((x) => x.key === lastClicked.current);
        const to = shown.findIndex((x) => x.key === e.key);
        if (range && from >= 0 && to >= 0) for (const x of shown.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(x.key);
        else if (next.has(e.key)) next.delete(e.key);
        else next.add(e.key);
        lastClicked.current = e.key;
        return next;
      });
    },
    [entries, visible],
  );
  const onSecret = useCallback((id: string) => setFilter((f) => ({ ...f, secretId: id })), []);
  const onFullText = useCallback(async function load(e: ViewEntry): Promise<void> {
    setFull('loading');
    try {
      // The whole entry (stack trace included), each line in full, not only its first line.
      setFull(await call('logs:lineText', { path: e.path, offset: e.offset, ...(e.end > e.offset ? { end: e.end } : {}) }));
    } catch (err) {
      setFull({ failed: err, retry: () => void load(e) });
    }
  }, []);
  const copy = async () => {
    const rows = entries.filter((e) => !e.marker && (selected.size ? selected.has(e.key) : visible(e)));
    await navigator.clipboard.writeText(rows.map((e) => e.text).join('\n'));
    setNotice(`Copied ${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}`);
  };
  const setFiles = setFilesOf(source, s.path);
  const follow = () => {
    setFollowing(true);
    // Live lines only arrive at the end of the newest file of the set.
    const newest = setFiles[setFiles.length - 1];
    if (newest && newest !== win.state.path) navigate('/logs', { path: newest });
    else if (!win.state.eof && win.state.path) void open(win.state.path, null, setFiles);
    else list.current?.scrollToIndex({ index: 'LAST', behavior: 'auto' });
  };
  const setPaused = (p: boolean) => {
    setPausedState(p);
    win.setPaused(p);
  };

  return (
    <Box sx={{ px: { xs: 2, lg: 3 }, py: 2, display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, boxSizing: 'border-box' }}>
      <PageHeader title="Logs" subtitle="Credentials Cache LogPath, Distributed Engine logs, or any log file or folder" />
      <SourceBar
        source={source}
        current={s.path}
        error={sourceError}
        onResolve={(i) => void resolve(i)}
        onPickFile={(p) => navigate('/logs', { path: p })}
      />
      {s.path ? (
        <>
          <LogToolbar
            fileKey={s.path}
            filter={filter}
            onFilter={setFilter}
            regexError={matcher.error}
            paused={paused}
            pending={win.pending}
            onPause={setPaused}
            following={following && s.eof}
            onFollow={follow}
            onJump={(to) => void jumpTo(to)}
            jumpError={jumpMessage}
            onJumpEdit={() => setJumpError(null)}
            selectedCount={selected.size}
            onCopy={() => void copy()}
          />
          <ErrorNotice error={jumpError && !jumpMessage ? jumpError : null} title="Could not jump" sx={{ mb: 1 }} />
          <SearchPanel
            key={setFiles.join('\n')}
            paths={setFiles}
            onOpen={(path, offset) => navigate('/logs', { path, offset: String(offset) })}
          />
          <Stack direction="row" sx={{ gap: 2, mb: 0.5, alignItems: 'center' }}>
            <Typography variant="caption" color="text.secondary" data-testid="log-status">
              {s.path} · {s.page ? `${s.page.format} · ${s.page.encoding} · ${(s.page.size / 1048576).toFixed(1)} MB` : '…'} · {index.label}
              {s.eof ? (paused ? ' · paused' : ' · live') : ''}
            </Typography>
            {filtering ? (
              <Typography variant="caption" data-testid="filter-count" sx={{ fontWeight: 600 }}>
                {counts.shown.toLocaleString()} of {counts.total.toLocaleString()} {counts.total === 1 ? 'entry matches' : 'entries match'}
              </Typography>
            ) : null}
            {notice ? (
              <Typography variant="caption" role="status">
                {notice}
              </Typography>
            ) : null}
            {s.loading ? <CircularProgress size={14} aria-label="Loading" /> : null}
          </Stack>
          <ErrorNotice error={s.error} />
          {/* Mounted once the first page is in, so it starts at the newest (or target) row. */}
          {s.loading ? null : (
            <LogViewer
              key={s.openCount}
              ref={list}
              entries={entries}
              visible={visible}
              empty={
                filtering && counts.shown === 0 && counts.total > 0
                  ? `No entry of the ${counts.total.toLocaleString()} loaded matches the filters`
                  : null
              }
              onClearFilters={() => setFilter((f) => ({ ...NO_FILTER, highlight: f.highlight }))}
              selected={selected}
              targetKey={s.targetKey}
              following={following && !paused && s.eof}
              onAtBottom={(b) => setFollowing(b)}
              onOlder={() => void win.loadOlder()}
              onNewer={() => void win.loadNewer()}
              highlights={highlights}
              onSelect={onSelect}
              onSecret={onSecret}
              onFullText={(e) => void onFullText(e)}
            />
          )}
        </>
      ) : null}
      <Dialog open={full !== null} onClose={() => setFull(null)} maxWidth="lg" fullWidth>
        <DialogTitle>Full text</DialogTitle>
        <DialogContent>
          {full === 'loading' ? (
            <CircularProgress aria-label="Loading" />
          ) : full && 'failed' in full ? (
            <ErrorNotice error={full.failed} onRetry={full.retry} />
          ) : (
            <Box component="pre" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, maxHeight: '70vh', overflow: 'auto' }}>
              {full?.text}
              {full?.truncated ? `\n… (cut at ${LINE_TEXT_MAX_BYTES / 1048576} MB; open the file in an editor for the rest)` : ''}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => full && full !== 'loading' && 'text' in full && void navigator.clipboard.writeText(full.text)}>
            Copy
          </Button>
          <Button onClick={() => setFull(null)}>Close</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
