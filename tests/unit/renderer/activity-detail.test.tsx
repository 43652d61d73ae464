// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { RefreshReport } from '../../../contract/channels/fleet';
import { RunDetailPanel } from '../../../renderer/src/features/activity/RunDetailPanel';
import { setTransport } from './fake-transport';
import { deferred, renderWithClient } from './render-helpers';
import { correlation, ok, runDetail, runRow } from './activity-fixtures';

type Fake = ReturnType<typeof setTransport>;
const callsTo = (fake: Fake, channel: string) => fake.calls.filter((c) => c.channel === channel);
const RUN = runRow(1);
const ref = { runId: RUN.runId, profileId: 'ss1' };

describe('Run detail panel (jsdom)', () => {
  let fake: Fake;
  let reply: ReturnType<typeof deferred<Envelope<unknown>>>;
  beforeEach(() => {
    reply = deferred<Envelope<unknown>>();
    fake = setTransport({
      'activity:run': () => ok(runDetail()),
      'activity:correlate': () => reply.promise,
      'fleet:list': () =>
        ok([
          { profileId: 'c1', name: 'Engine host HQ', url: 'https://hq', reachable: 'up', token: 'ok' },
          { profileId: 'c2', name: 'Engine host Branch', url: 'https://branch', reachable: 'down', token: 'unknown' },
        ]),
      'app:info': () => ok({ dataDir: '/data', startedAt: new Date(0).toISOString() }),
    });
  });
  afterEach(() => cleanup());

  it('shows the cause (code, title, fix, evidence), the tasks in run order with full notes, the secret and the engines', async () => {
    renderWithClient(<RunDetailPanel runRef={ref} onClose={() => undefined} />);
    const cause = await screen.findByTestId('run-cause');
    expect(cause.getAttribute('data-cause')).toBe('cache-unreachable');
    expect(cause.textContent).toContain('The Credentials Cache could not be reached from the engine host');
    expect(cause.textContent).toContain('Fix: Start the Credentials Cache');
    expect(cause.textContent).toContain('❌ Token request failed');
    expect(callsTo(fake, 'activity:run')[0]?.payload).toEqual(ref);

    const tasks = within(screen.getByRole('list', { name: 'Tasks' })).getAllByRole('listitem');
    expect(tasks.map((t) => t.getAttribute('data-testid'))).toEqual(['task-1', 'task-2']);
    const notes = screen.getByLabelText('Notes of task 1');
    expect(notes.textContent).toBe('Requesting JWT token...\n❌ Token request failed: Unable to connect to the remote server.');
    expect(within(tasks[1]!).getByText('No notes.')).toBeTruthy();

    expect(screen.getByRole('link', { name: /Open in Secret Server/ }).getAttribute('href')).toBe(runDetail().secret.url);
    expect(screen.getByRole('region', { name: 'Secret' }).textContent).toContain('by Administrator');
    const site = screen.getByRole('region', { name: 'Engine and site' });
    expect(site.textContent).toContain('Branch site');
    expect(within(site).getByText('Offline now')).toBeTruthy();
  });

  it('an unclassified failure shows the raw notes rather than a guess', async () => {
    fake.handlers['activity:run'] = () =>
      ok(
        runDetail({
          cause: {
            code: 'unclassified',
            title: 'No rule matched these notes',
            fix: 'Read the notes below.',
            evidence: [],
            rawNotes: 'Something odd happened\nline 2',
          },
        }),
      );
    renderWithClient(<RunDetailPanel runRef={ref} onClose={() => undefined} />);
    const cause = await screen.findByTestId('run-cause');
    expect(cause.getAttribute('data-cause')).toBe('unclassified');
    expect(within(cause).getByLabelText('Raw notes').textContent).toBe('Something odd happened\nline 2');
  });

  it('correlation: sources stream in with their status in words, then the lines, each linking to the Logs screen', async () => {
    renderWithClient(<RunDetailPanel runRef={ref} onClose={() => undefined} />);
    await waitFor(() => expect(callsTo(fake, 'activity:correlate')).toHaveLength(1));
    const start = callsTo(fake, 'activity:correlate')[0]!;
    expect(start.payload).toEqual({ ...ref, windowMinutes: 2 });
    const all = correlation();
    act(() =>
      fake.emit('job:event', {
        jobId: start.requestId,
        kind: 'activity:correlate',
        seq: 1,
        type: 'progress',
        progress: { done: 1, data: { sources: [all.sources[1]] } },
      }),
    );
    const branch = await screen.findByTestId('source-Engine host Branch');
    expect(branch.textContent).toContain('not reachable');
    expect(screen.getByLabelText('Reading the logs')).toBeTruthy();
    // The cause says it is from the notes until the lines are in.
    expect(screen.getByTestId('run-cause').textContent).toContain('log lines still being read');

    reply.resolve(ok(all));
    const lines = await screen.findByRole('list', { name: 'Correlated log lines' });
    expect(screen.getByTestId('source-Distributed Engine').textContent).toContain('logging off');
    expect(screen.getByTestId('source-Engine host HQ').textContent).toContain('read');
    const rows = within(lines).getAllByTestId('correlated-line');
    expect(rows.map((r) => r.getAttribute('data-match'))).toEqual(['window', 'secret-id']);
    expect(within(rows[1]!).getByText('names secret 1001')).toBeTruthy();
    expect(within(rows[0]!).queryByText(/names secret/)).toBeNull();
    expect(within(rows[1]!).getByRole('link').getAttribute('href')).toBe(
      `#/logs?path=${encodeURIComponent('/logs/hq/credcache-20261202.log')}&offset=4096`,
    );
    expect(screen.getByTestId('run-cause').textContent).toContain('from the task notes and the correlated log lines');

    // A wider window reads the logs again.
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Window' }));
    fireEvent.click(await screen.findByRole('option', { name: '± 10 min' }));
    await waitFor(() => expect(callsTo(fake, 'activity:correlate')).toHaveLength(2));
    expect(callsTo(fake, 'activity:correlate')[1]?.payload).toEqual({ ...ref, windowMinutes: 10 });
  });

  it('refreshes the secret on all instances and shows each instance with its log confirmation', async () => {
    const report: RefreshReport = {
      secretId: 1001,
      results: [
        {
          profileId: 'c1',
          name: 'Engine host HQ',
          secretId: 1001,
          ok: true,
          status: 202,
          message: "Accepted; the cache's log confirms the refresh.",
          confirmation: { state: 'refreshed', line: '[INF] Cache updated for secretId=1001' },
          at: RUN.eventTime,
          durationMs: 30,
        },
        {
          profileId: 'c2',
          name: 'Engine host Branch',
          secretId: 1001,
          ok: false,
          failedStep: 'reach',
          message: 'connect ECONNREFUSED',
          at: RUN.eventTime,
          durationMs: 3,
        },
      ],
      succeeded: 1,
      failed: 1,
    };
    fake.handlers['fleet:refresh'] = () => ok(report);
    renderWithClient(<RunDetailPanel runRef={ref} onClose={() => undefined} />);
    const button = await screen.findByRole('button', { name: 'Refresh secret on all instances' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    fireEvent.click(button);
    const table = await screen.findByRole('table', { name: 'Refresh results' });
    expect(callsTo(fake, 'fleet:refresh')[0]?.payload).toEqual({ secretId: 1001 });
    expect(within(table).getByTestId('refresh-result-Engine host HQ').getAttribute('data-confirmation')).toBe('refreshed');
    expect(within(table).getByText('Refreshed (log confirms)')).toBeTruthy();
    expect(within(table).getByTestId('refresh-result-Engine host Branch').getAttribute('data-ok')).toBe('false');

    // On one instance: the menu lists them and sends that one only.
    fireEvent.click(screen.getByRole('button', { name: 'On one instance…' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Refresh on Engine host Branch' }));
    await waitFor(() => expect(callsTo(fake, 'fleet:refresh')).toHaveLength(2));
    expect(callsTo(fake, 'fleet:refresh')[1]?.payload).toEqual({ secretId: 1001, profileIds: ['c2'] });
  });

  it('re-check reads the run again from Secret Server and shows the new state', async () => {
    fake.handlers['activity:recheck'] = () => ok(runDetail({ run: { ...RUN, status: 'Success' }, cause: null }));
    renderWithClient(<RunDetailPanel runRef={ref} onClose={() => undefined} />);
    await screen.findByTestId('run-cause');
    fireEvent.click(screen.getByRole('button', { name: 'Re-check run' }));
    await waitFor(() => expect(screen.queryByTestId('run-cause')).toBeNull());
    expect(callsTo(fake, 'activity:recheck')[0]?.payload).toEqual(ref);
    expect(screen.getByTestId('run-detail').querySelector('[data-status="Success"]')).toBeTruthy();
  });
});
