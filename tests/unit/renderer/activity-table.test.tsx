// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityPage } from '../../../renderer/src/features/activity/ActivityPage';
import { setTransport } from './fake-transport';
import { renderWithClient } from './render-helpers';
import { correlation, ok, runDetail, runRow, runsPage } from './activity-fixtures';

type Fake = ReturnType<typeof setTransport>;
const runsCalls = (fake: Fake) => fake.calls.filter((c) => c.channel === 'activity:runs').map((c) => c.payload);
const lastRunsCall = (fake: Fake) => runsCalls(fake).at(-1);
const routeParams = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '');

describe('Pipeline activity table (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    window.location.hash = '#/activity';
    fake = setTransport({
      'activity:runs': () =>
        ok(runsPage([runRow(1), runRow(2, { status: 'Success' }), runRow(3, { status: 'Processing', terminal: false })])),
      'connections:list': () => ok([]),
      'app:info': () => ok({ dataDir: '/data', startedAt: new Date(0).toISOString() }),
      'activity:run': () => ok(runDetail()),
      'activity:correlate': () => ok(correlation()),
      'fleet:list': () => ok([]),
    });
  });
  afterEach(() => cleanup());

  it('asks main for the page the route describes (filters, sort, page, size, profile)', async () => {
    window.location.hash =
      '#/activity?status=failed,Processing&failed=1&secret=app-1&from=2026-12-01T15:00:00Z&profile=ss1&policy=2557&sort=queuedAt.asc&page=3&size=25';
    renderWithClient(<ActivityPage />);
    await waitFor(() => expect(runsCalls(fake)).toHaveLength(1));
    expect(runsCalls(fake)[0]).toEqual({
      profileId: 'ss1',
      statuses: ['Failed', 'Processing'],
      failedOnly: true,
      policyId: 2557,
      secret: 'app-1',
      from: '2026-12-01T15:00:00.000Z',
      page: 2,
      pageSize: 25,
      sort: { field: 'queuedAt', direction: 'asc' },
    });
    // Without parameters: every status, newest event first, the first page.
    cleanup();
    window.location.hash = '#/activity';
    renderWithClient(<ActivityPage />);
    await waitFor(() => expect(runsCalls(fake)).toHaveLength(2));
    expect(runsCalls(fake)[1]).toEqual({ failedOnly: false, page: 0, pageSize: 50, sort: { field: 'eventTime', direction: 'desc' } });
  });

  it('shows every row with its status, and "more than N" when main could not count them all', async () => {
    fake.handlers['activity:runs'] = () =>
      ok(runsPage([runRow(1), runRow(2, { status: 'Success' })], { total: 2, totalExact: false, hasMore: true }));
    renderWithClient(<ActivityPage />);
    const grid = await screen.findByRole('grid', { name: 'Pipeline runs' });
    await within(grid).findByText('app-1-test');
    expect(within(grid).getByText('app-2-test')).toBeTruthy();
    expect(grid.querySelector('[data-status="Failed"]')).toBeTruthy();
    expect(grid.querySelector('[data-status="Success"]')).toBeTruthy();
    expect(screen.getByTestId('runs-count').textContent).toBe('more than 2 run(s)');
    expect(screen.getByText(/of more than 2/)).toBeTruthy();
  });

  it('the failed-only toggle goes into the route and the request, back on the first page', async () => {
    window.location.hash = '#/activity?page=2';
    renderWithClient(<ActivityPage />);
    await waitFor(() => expect(runsCalls(fake)).toHaveLength(1));
    fireEvent.click(screen.getByRole('switch', { name: 'Failed only' }));
    await waitFor(() => expect(routeParams().get('failed')).toBe('1'));
    expect(routeParams().get('page')).toBeNull();
    await waitFor(() => expect(lastRunsCall(fake)).toMatchObject({ failedOnly: true, page: 0 }));
  });

  it('sorting a column and paging ask main again (server-side), keeping the filters', async () => {
    fake.handlers['activity:runs'] = () => ok(runsPage([runRow(1)], { total: 120, totalExact: true, hasMore: true }));
    window.location.hash = '#/activity?failed=1';
    renderWithClient(<ActivityPage />);
    const grid = await screen.findByRole('grid', { name: 'Pipeline runs' });
    await within(grid).findByText('app-1-test');
    fireEvent.click(within(grid).getByText('Queued'));
    await waitFor(() => expect(routeParams().get('sort')).toBe('queuedAt.asc'));
    await waitFor(() =>
      expect(lastRunsCall(fake)).toMatchObject({ failedOnly: true, sort: { field: 'queuedAt', direction: 'asc' }, page: 0 }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(routeParams().get('page')).toBe('2'));
    await waitFor(() =>
      expect(lastRunsCall(fake)).toMatchObject({ failedOnly: true, page: 1, sort: { field: 'queuedAt', direction: 'asc' } }),
    );
  });

  it('typing a secret and pressing Enter filters by it; clear filters keeps the profile', async () => {
    window.location.hash = '#/activity?profile=ss1&status=Failed';
    renderWithClient(<ActivityPage />);
    await waitFor(() => expect(runsCalls(fake)).toHaveLength(1));
    const field = screen.getByRole('textbox', { name: 'Secret id or name' });
    fireEvent.change(field, { target: { value: ' 1071 ' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(lastRunsCall(fake)).toMatchObject({ secret: '1071', statuses: ['Failed'], profileId: 'ss1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(window.location.hash).toBe('#/activity?profile=ss1'));
  });

  it('several profiles and none chosen: the error names the field and the picker sends the chosen one', async () => {
    fake.handlers['connections:list'] = () =>
      ok([
        { id: 'ss1', name: 'HQ', kind: 'secret-server' },
        { id: 'ss2', name: 'DR', kind: 'secret-server' },
        { id: 'c1', name: 'Cache', kind: 'credentials-cache' },
      ]);
    fake.handlers['activity:runs'] = (p) =>
      (p as { profileId?: string }).profileId
        ? ok(runsPage([runRow(1)]))
        : {
            ok: false,
            error: {
              code: 'VALIDATION',
              message: 'Several Secret Server profiles exist (HQ, DR): choose one.',
              retryable: false,
              details: { field: 'profileId' },
            },
          };
    renderWithClient(<ActivityPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Secret Server profile');
    expect(alert.textContent).toContain('choose one');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Secret Server profile' }));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['HQ', 'DR']);
    fireEvent.click(options[1]!);
    await waitFor(() => expect(routeParams().get('profile')).toBe('ss2'));
    await waitFor(() => expect(lastRunsCall(fake)).toMatchObject({ profileId: 'ss2' }));
    await screen.findByText('app-1-test');
  });

  it('Enter on a focused row opens that run: the route names it and the detail is read', async () => {
    renderWithClient(<ActivityPage />);
    const grid = await screen.findByRole('grid', { name: 'Pipeline runs' });
    const cell = (await within(grid).findByText('app-2-test')).closest('[role="gridcell"]') as HTMLElement;
    fireEvent.keyDown(cell, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(routeParams().get('run')).toBe(runRow(2).runId));
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'activity:run')).toBe(true));
    expect(fake.calls.find((c) => c.channel === 'activity:run')?.payload).toEqual({ runId: runRow(2).runId });
    await screen.findByTestId('run-detail');
  });
});
