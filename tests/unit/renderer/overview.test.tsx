// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { OverviewSummary } from '../../../contract/channels/connections';
import type { ActivitySummary, RunRow } from '../../../contract/channels/activity';
import { OverviewPage } from '../../../renderer/src/features/overview/OverviewPage';
import { setTransport } from './fake-transport';
import { renderWithClient } from './render-helpers';

const SUMMARY: OverviewSummary = {
  connections: [
    {
      id: 'p1',
      name: 'HQ Secret Server',
      kind: 'secret-server',
      state: 'ok',
      message: 'All stages passed',
      at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    },
    { id: 'p2', name: 'Engine host Branch', kind: 'credentials-cache', state: 'failing', message: 'TCP: connect ECONNREFUSED' },
    { id: 'p3', name: 'AWS prod', kind: 'aws', state: 'untested', message: 'Run Test connection on the Connections screen.' },
  ],
  cache: { total: 4, up: 2, down: 1, unknown: 1 },
  lastSync: { available: false, reason: 'Comes with the Sync screen.' },
  demo: false,
};

const INFO = {
  name: 'Engine Console',
  version: '1',
  mode: 'serve',
  platform: 'linux',
  versions: {},
  dataDir: '/d',
  demo: false,
  startedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
};
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });
type Fake = ReturnType<typeof setTransport>;
const callsTo = (fake: Fake, channel: string) => fake.calls.filter((c) => c.channel === channel);

describe('Overview screen (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    window.location.hash = '#/';
    fake = setTransport({
      'overview:summary': () => ok(SUMMARY),
      'app:info': () => ok(INFO),
      'activity:summary': () => ok({ available: false, reason: 'No Secret Server profile: add one on the Connections screen.' }),
    });
  });
  afterEach(() => cleanup());

  it('shows cache instances up and down, with the ones not checked yet', async () => {
    renderWithClient(<OverviewPage />);
    const tile = await screen.findByRole('group', { name: 'Cache instances' });
    expect(within(tile).getByText('2 up · 1 down')).toBeTruthy();
    expect(within(tile).getByText('4 instance(s), 1 not checked')).toBeTruthy();
    expect(callsTo(fake, 'overview:summary')[0]?.payload).toEqual({ quickCheck: true });
  });

  it('shows each connection as OK, Failing or Not tested, with what its last test said', async () => {
    renderWithClient(<OverviewPage />);
    const list = await screen.findByRole('list', { name: 'Connection health' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'HQ Secret Server (Secret Server)All stages passedtested 2 days agostaleOK',
      'Engine host Branch (Credentials Cache)TCP: connect ECONNREFUSEDFailing',
      'AWS prod (AWS Secrets Manager)Run Test connection on the Connections screen.Not tested',
    ]);
    // Figures owned by later features say so rather than showing a made-up number.
    expect(within(screen.getByRole('group', { name: 'Last sync per vault' })).getByText('Comes with the Sync screen.')).toBeTruthy();
  });

  it('every status says when it was measured; results from before this start or older than 15 min look stale', async () => {
    fake.handlers['overview:summary'] = () =>
      ok({
        ...SUMMARY,
        cache: { total: 2, up: 0, down: 2, unknown: 0, checkedAt: ago(3 * 60_000) },
        connections: [
          // Passed before the restart (startedAt is 5 min ago): stale, even though only 6 min old.
          {
            id: 'p1',
            name: 'Engine host HQ',
            kind: 'credentials-cache',
            state: 'ok',
            message: 'All checks passed.',
            at: ago(6 * 60_000),
            source: 'test',
          },
          {
            id: 'p2',
            name: 'Engine host Branch',
            kind: 'credentials-cache',
            state: 'failing',
            message: 'Fleet check: connect ECONNREFUSED',
            at: ago(3 * 60_000),
            source: 'fleet-check',
          },
          { id: 'p3', name: 'AWS prod', kind: 'aws', state: 'ok', message: 'All checks passed.', at: ago(20 * 60_000), source: 'test' },
        ],
      });
    renderWithClient(<OverviewPage />);
    const tile = await screen.findByRole('group', { name: 'Cache instances' });
    const checked = within(tile).getByText('checked 3 min ago');
    expect(checked.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
    const items = within(screen.getByRole('list', { name: 'Connection health' })).getAllByRole('listitem');
    await waitFor(() => expect(items[0]?.getAttribute('data-stale')).toBe('true'));
    expect(items.map((li) => [li.getAttribute('data-stale'), li.textContent])).toEqual([
      ['true', 'Engine host HQ (Credentials Cache)All checks passed.tested 6 min agostaleOK'],
      ['false', 'Engine host Branch (Credentials Cache)Fleet check: connect ECONNREFUSEDchecked by Fleet 3 min agoFailing'],
      ['true', 'AWS prod (AWS Secrets Manager)All checks passed.tested 20 min agostaleOK'],
    ]);
  });

  it('says "not checked" when no instance has been probed, and links to Fleet and Connections', async () => {
    fake.handlers['overview:summary'] = () => ok({ ...SUMMARY, cache: { total: 2, up: 0, down: 0, unknown: 2 } });
    renderWithClient(<OverviewPage />);
    const tile = await screen.findByRole('group', { name: 'Cache instances' });
    expect(within(tile).getByText('0 up · 0 down')).toBeTruthy();
    expect(within(tile).getByText('2 instance(s), 2 not checked')).toBeTruthy();
    fireEvent.click(within(tile).getByRole('button', { name: 'Open Fleet' }));
    expect(window.location.hash).toBe('#/fleet');
    fireEvent.click(screen.getByRole('button', { name: 'Open Connections' }));
    expect(window.location.hash).toBe('#/connections');
  });

  it('with no connection, offers the demo and reads the summary again once it runs', async () => {
    const summaries = [
      ok({ ...SUMMARY, connections: [], cache: { total: 0, up: 0, down: 0, unknown: 0 } }),
      ok({ ...SUMMARY, demo: true }),
    ];
    fake.handlers['overview:summary'] = () => summaries.shift() ?? ok({ ...SUMMARY, demo: true });
    fake.handlers['demo:start'] = () => ok({ running: true, profileIds: ['p1', 'p2', 'p3'] });
    renderWithClient(<OverviewPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try the demo environment' }));
    expect(await screen.findByText('Demo environment: simulated Secret Server, Credentials Cache and AWS.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try the demo environment' })).toBeNull();
    const start = callsTo(fake, 'demo:start');
    expect(start).toHaveLength(1);
    expect(start[0]?.requestId).toBeTruthy();
  });

  it('shows why the summary could not be read', async () => {
    fake.handlers['overview:summary'] = () => ({
      ok: false,
      error: { code: 'STORE_CORRUPT', message: 'profiles.json could not be read; it was backed up.', retryable: false },
    });
    renderWithClient(<OverviewPage />);
    expect((await screen.findByRole('alert')).textContent).toBe('profiles.json could not be read; it was backed up.');
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('failed runs of the last 24 h come from activity:summary, each linking into the filtered table', async () => {
    const since = ago(86_400_000);
    const link = `#/activity?${new URLSearchParams({ status: 'Failed', from: since, profile: 'ss1' }).toString()}`;
    const row: RunRow = {
      runId: '741d46ea-9500-4373-9efd-673a02a9b7cf',
      status: 'Failed',
      terminal: true,
      pipeline: { id: 7, name: 'Refresh cache' },
      policies: [],
      trigger: 'Secret Password Change',
      triggerDetails: '',
      eventTime: ago(60_000),
      secret: { id: 1071, name: 'app-009-test' },
      queuedAt: null,
      startedAt: null,
      endedAt: null,
      durationMs: null,
      site: null,
      engine: null,
    };
    const summary: ActivitySummary = {
      available: true,
      profile: { id: 'ss1', name: 'HQ' },
      hours: 24,
      since,
      failed: 11,
      newest: [row],
      link,
    };
    fake.handlers['activity:summary'] = () => ok(summary);
    renderWithClient(<OverviewPage />);
    const tile = await screen.findByRole('group', { name: 'Failed runs, last 24 h' });
    await within(tile).findByText('11 failed');
    expect(callsTo(fake, 'activity:summary')[0]?.payload).toEqual({ hours: 24 });
    expect(within(tile).getByRole('link', { name: 'Show the failed runs' }).getAttribute('href')).toBe(link);
    expect(within(tile).getByRole('link', { name: 'app-009-test (1071)' }).getAttribute('href')).toBe(`${link}&run=${row.runId}`);
    expect(within(tile).queryByText(/Not available/)).toBeNull();
  });

  it('says why failed runs are not available (no Secret Server profile), without a made-up number', async () => {
    renderWithClient(<OverviewPage />);
    const tile = await screen.findByRole('group', { name: 'Failed runs, last 24 h' });
    await within(tile).findByText('No Secret Server profile: add one on the Connections screen.');
    expect(within(tile).getByText('Not available')).toBeTruthy();
    expect(within(tile).queryByText(/failed$/)).toBeNull();
  });
});
