// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { LogEntry, LogPage, ResolvedLogSource } from '../../../contract/channels/logs';
import { LogsPage } from '../../../renderer/src/features/logs/LogsPage';
import { setTransport } from './fake-transport';
import { descriptionOf, renderWithClient } from './render-helpers';

const ok = <T,>(result: T): Envelope<T> => ({ ok: true, result });
const fail = (code: string, message: string, details?: Record<string, unknown>): Envelope<never> =>
  ({
    ok: false,
    error: { code, message, retryable: false, ...(details ? { details } : {}) },
  }) as Envelope<never>;

// Three one-line entries of 40 bytes: INFO, WARN, INFO; the second file has one ERROR entry.
const TEXTS: Record<string, string[]> = {
  '/logs/a.log': [
    '2025-01-31 10:00:00,000 INFO  start up',
    '2025-01-31 10:00:01,000 WARN  disk low',
    '2025-01-31 10:00:02,000 INFO  ready',
  ],
  '/logs/b.log': ['2025-01-31 11:00:00,000 ERROR broken'],
};
const LEVELS = { INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
const entriesOf = (path: string, withLines: boolean): LogEntry[] =>
  TEXTS[path]!.map((text, i) => ({
    offset: i * 40,
    end: (i + 1) * 40,
    lines: 1,
    text,
    truncated: false,
    level: LEVELS[/ (INFO|WARN|ERROR) /.exec(text)![1] as keyof typeof LEVELS],
    ...(withLines ? { line: i + 1 } : {}),
  }));
const pageOf = (path: string, entries: LogEntry[]): LogPage => ({
  path,
  fileId: `id-${path}`,
  size: TEXTS[path]!.length * 40,
  encoding: 'utf8',
  format: 'log4net',
  entries,
  start: entries[0]?.offset ?? 0,
  end: TEXTS[path]!.length * 40,
  bof: true,
  eof: true,
});
const sourceOf = (path: string): ResolvedLogSource => ({
  kind: 'file',
  input: path,
  folder: '/logs',
  sets: [{ key: path, kind: 'single', files: [{ path, name: path.slice(6), size: 120, mtime: '2025-01-31T10:00:00Z' }] }],
  current: path,
  warnings: [],
});

function Sized({ children }: { children: ReactNode }) {
  return <VirtuosoMockContext.Provider value={{ viewportHeight: 600, itemHeight: 20 }}>{children}</VirtuosoMockContext.Provider>;
}

describe('Logs screen (jsdom)', () => {
  let fake: ReturnType<typeof setTransport>;
  const callsOf = (channel: string) => fake.calls.filter((c) => c.channel === channel);
  beforeEach(() => {
    window.location.hash = '#/logs';
    fake = setTransport({
      'logs:defaults': () => ok({ engineLogFolder: '/engine', engineLogFolderExists: false }),
      'connections:list': () => ok([]),
      'jobs:list': () => ok([]),
      'jobs:cancel': () => ok({ cancelled: true }),
      'logs:resolveSource': (p) => {
        const input = (p as { input: string }).input;
        return TEXTS[input] ? ok(sourceOf(input)) : fail('NOT_FOUND', `No such file: ${input}`, { field: 'input' });
      },
      // Pages read at open carry no line numbers (the index is not ready yet)…
      'logs:tail': (p) => ok(pageOf((p as { path: string }).path, entriesOf((p as { path: string }).path, false))),
      'logs:index': (p) => ok({ path: (p as { path: string }).path, lines: 3, indexedBytes: 120, checkpoints: 1 }),
      // …pages read after it do.
      'logs:read': (p) => {
        const { path, offset } = p as { path: string; offset: number };
        return ok(
          pageOf(
            path,
            entriesOf(path, true).filter((e) => e.offset >= offset),
          ),
        );
      },
      'logs:follow': () => ok({ followId: 'f1' }),
      'logs:unfollow': () => ok({ stopped: true }),
      'logs:renew': () => ok({ renewed: true }),
      'logs:locate': (p) =>
        (p as { time?: string }).time === '2025-01-31T10:00:01.000Z'
          ? ok({ offset: 40 })
          : fail('VALIDATION', 'No entry at or after that time', { field: 'time' }),
    });
  });
  afterEach(() => cleanup());

  const openFile = async (path: string) => {
    act(() => void (window.location.hash = `#/logs?path=${encodeURIComponent(path)}`));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const last = TEXTS[path]![0]!.split(' ').pop()!;
    await screen.findAllByText(new RegExp(`${last}$`));
  };
  const rows = () => screen.getAllByTestId('log-row');

  it('numbers every row once the line index is ready, not only after a jump', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    await waitFor(() => expect(screen.getAllByTestId('log-line-no').map((n) => n.textContent)).toEqual(['1', '2', '3']));
    expect(screen.getByTestId('log-status').textContent).toContain('3 lines indexed');
  });

  it('colours the level word and tints warning and error rows', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    const levels = screen.getAllByTestId('log-level').map((n) => n.textContent);
    expect(levels).toEqual(['INFO', 'WARN', 'INFO']);
    const [info, warn] = rows();
    expect(getComputedStyle(warn!).backgroundColor).not.toBe(getComputedStyle(info!).backgroundColor);
  });

  it('says how many entries match, and why the pane is empty, instead of an empty box', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    expect(screen.queryByTestId('filter-count')).toBeNull();
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'disk' } });
    expect(screen.getByTestId('filter-count').textContent).toBe('1 of 3 entries match');
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'nothing like this' } });
    expect(screen.getByTestId('filter-count').textContent).toBe('0 of 3 entries match');
    expect(screen.getByText('No entry of the 3 loaded matches the filters')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(rows()).toHaveLength(3);
  });

  it('shows an invalid regex as one short message at the field', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    fireEvent.click(screen.getAllByRole('switch', { name: 'Regex' })[0]!);
    const field = screen.getByLabelText('Filter (regex)');
    fireEvent.change(field, { target: { value: '([unclosed' } });
    expect(descriptionOf(field)).toBe('Invalid regex: Unterminated character class');
    expect(rows()).toHaveLength(3);
  });

  it('keeps the view when a jump cannot be read or located, and says why at the field', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    const jump = screen.getByLabelText('Jump to line or time');
    fireEvent.change(jump, { target: { value: 'soon' } });
    fireEvent.keyDown(jump, { key: 'Enter' });
    expect(descriptionOf(jump)).toMatch(/"soon" is not a line or time: use a line number, 2025-01-31 14:02, 10:42, -15m/);
    expect(callsOf('logs:locate')).toHaveLength(0);
    expect(rows()).toHaveLength(3);

    // Readable, but main finds nothing there: its message, at the field; the rows stay.
    fireEvent.change(jump, { target: { value: '2030-01-01T00:00:00Z' } });
    expect(descriptionOf(jump)).toBe('');
    fireEvent.keyDown(jump, { key: 'Enter' });
    await waitFor(() => expect(descriptionOf(jump)).toBe('No entry at or after that time'));
    expect(rows()).toHaveLength(3);
    expect(window.location.hash).toBe(`#/logs?path=${encodeURIComponent('/logs/a.log')}`);

    // A time main finds: opened at its offset.
    fireEvent.change(jump, { target: { value: '2025-01-31T10:00:01Z' } });
    fireEvent.keyDown(jump, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toContain('offset=40'));
  });

  it('keeps filters, jump text and selection with their file: the next file opens clean', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'disk' } });
    fireEvent.change(screen.getByLabelText('Jump to line or time'), { target: { value: '10:42' } });
    await openFile('/logs/b.log');
    expect((screen.getByLabelText('Filter') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Jump to line or time') as HTMLInputElement).value).toBe('');
    expect(screen.queryByTestId('filter-count')).toBeNull();
    expect(within(rows()[0]!).getByTestId('log-level').textContent).toBe('ERROR');
  });

  it('never lists search hits of another file: the next file starts with no search', async () => {
    let searchJob = '';
    fake.handlers['logs:search'] = (_p, meta) => {
      searchJob = meta!.requestId!;
      return new Promise(() => undefined); // still running
    };
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    fireEvent.change(screen.getByLabelText('Search whole file'), { target: { value: 'disk' } });
    fireEvent.click(screen.getByRole('button', { name: /^Search/ }));
    await waitFor(() => expect(searchJob).not.toBe(''));
    const hit = { path: '/logs/a.log', offset: 40, line: 2, text: 'HIT disk low' };
    const progress = (seq: number) => ({
      jobId: searchJob,
      kind: 'logs:search',
      seq,
      type: 'progress',
      progress: { done: 40, total: 120, data: { hits: [hit] } },
    });
    act(() => fake.emit('job:event', progress(1)));
    expect(await screen.findByRole('button', { name: /HIT disk low/ })).toBeTruthy();

    await openFile('/logs/b.log');
    // The old search goes on streaming: none of it reaches the new file's panel.
    act(() => fake.emit('job:event', progress(2)));
    expect(screen.queryByRole('button', { name: /HIT disk low/ })).toBeNull();
    expect((screen.getByLabelText('Search whole file') as HTMLInputElement).value).toBe('');
  });

  it('a missing file shows its error and leaves no file marked live', async () => {
    renderWithClient(<LogsPage />, { wrapper: Sized });
    await openFile('/logs/a.log');
    await waitFor(() => expect(screen.getByTestId('log-status').textContent).toContain('live'));
    act(() => void (window.location.hash = `#/logs?path=${encodeURIComponent('/logs/missing.log')}`));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect((await screen.findByRole('alert')).textContent).toContain('No such file: /logs/missing.log');
    await waitFor(() => expect(screen.queryByTestId('log-status')).toBeNull());
    expect(callsOf('logs:unfollow').map((c) => c.payload)).toEqual([{ followId: 'f1' }]);
  });
});
