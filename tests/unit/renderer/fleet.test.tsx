// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { FleetInstance, RefreshOutcome, RefreshReport } from '../../../contract/channels/fleet';
import { FleetPage } from '../../../renderer/src/features/fleet/FleetPage';
import { setTransport } from './fake-transport';
import { deferred, descriptionOf, pressEnter, renderWithClient } from './render-helpers';

const at = '2026-01-01T00:00:00Z';
const INSTANCES: FleetInstance[] = [
  {
    profileId: 'c1',
    name: 'Engine host HQ',
    url: 'https://engine01.corp.example/DelineaCredCache',
    siteLabel: 'HQ',
    reachable: 'up',
    token: 'ok',
  },
  {
    profileId: 'c2',
    name: 'Engine host Branch',
    url: 'https://engine02.corp.example/DelineaCredCache',
    siteLabel: 'Branch',
    reachable: 'down',
    token: 'unknown',
  },
];

const HQ_OK: RefreshOutcome = {
  profileId: 'c1',
  name: 'Engine host HQ',
  secretId: 1234,
  ok: true,
  status: 202,
  message: 'Accepted',
  at,
  durationMs: 41,
};
const BRANCH_DOWN: RefreshOutcome = {
  profileId: 'c2',
  name: 'Engine host Branch',
  secretId: 1234,
  ok: false,
  failedStep: 'reach',
  message: 'connect ECONNREFUSED 10.0.2.7:443',
  at,
  durationMs: 12,
};

const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });

type Fake = ReturnType<typeof setTransport>;
const callsTo = (fake: Fake, channel: string) => fake.calls.filter((c) => c.channel === channel);
const secretIdField = () => screen.getByRole('textbox', { name: 'Secret id' });

describe('Fleet screen (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    fake = setTransport({ 'fleet:list': () => ok(INSTANCES) });
  });
  afterEach(() => cleanup());

  it('lists the instances with their health', async () => {
    renderWithClient(<FleetPage />);
    const grid = await screen.findByRole('grid', { name: 'Credentials Cache instances' });
    await within(grid).findByText('Engine host HQ');
    expect(within(grid).getByText('Engine host Branch')).toBeTruthy();
    expect(within(grid).getByText('Down')).toBeTruthy();
    expect(within(grid).getAllByText('Never')).toHaveLength(2);
    expect(callsTo(fake, 'fleet:list')[0]?.payload).toEqual({ check: false });
  });

  it('validates the secret id, on Enter as on the button, before anything is sent', async () => {
    renderWithClient(<FleetPage />);
    await screen.findByRole('grid', { name: 'Credentials Cache instances' });
    const field = secretIdField();
    pressEnter(field);
    await waitFor(() => expect(descriptionOf(field)).toBe('Enter a secret id'));
    expect(field.getAttribute('aria-invalid')).toBe('true');

    for (const bad of ['abc', '12.5', '-3', '0', '2147483648']) {
      fireEvent.change(field, { target: { value: bad } });
      expect(field.getAttribute('aria-invalid')).toBe('false');
      fireEvent.click(screen.getByRole('button', { name: 'Refresh on all instances' }));
      await waitFor(() => expect(descriptionOf(field)).toBe('A secret id is a positive whole number'));
    }
    expect(callsTo(fake, 'fleet:refresh')).toHaveLength(0);
  });

  it('Enter in the secret id refreshes on all instances; outcomes stream in, then the summary is announced', async () => {
    const reply = deferred<Envelope<unknown>>();
    fake.handlers['fleet:refresh'] = () => reply.promise;
    renderWithClient(<FleetPage />);
    await screen.findByRole('grid', { name: 'Credentials Cache instances' });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    fireEvent.change(secretIdField(), { target: { value: ' 1234 ' } });
    pressEnter(secretIdField());

    await waitFor(() => expect(callsTo(fake, 'fleet:refresh')).toHaveLength(1));
    const call = callsTo(fake, 'fleet:refresh')[0]!;
    expect(call.payload).toEqual({ secretId: 1234 });
    expect(screen.getByRole('button', { name: 'Refreshing…' })).toHaveProperty('disabled', true);
    // A second Enter while running does not start another refresh.
    pressEnter(secretIdField());

    act(() =>
      fake.emit('job:event', {
        jobId: call.requestId,
        kind: 'fleet:refresh',
        seq: 1,
        type: 'progress',
        progress: { done: 1, total: 2, data: { outcomes: [HQ_OK] } },
      }),
    );
    const table = await screen.findByRole('table', { name: 'Refresh results' });
    expect(within(table).getByTestId('refresh-result-Engine host HQ').getAttribute('data-ok')).toBe('true');
    expect(within(table).getByText('Refreshed (202)')).toBeTruthy();
    expect(within(table).queryByTestId('refresh-result-Engine host Branch')).toBeNull();
    expect(status.textContent).toBe('');

    const report: RefreshReport = { secretId: 1234, results: [HQ_OK, BRANCH_DOWN], succeeded: 1, failed: 1 };
    await act(async () => reply.resolve(ok(report)));
    await waitFor(() => expect(status.textContent).toBe('Secret 1234: refreshed on 1 of 2 instance(s).'));
    const branch = within(table).getByTestId('refresh-result-Engine host Branch');
    expect(branch.getAttribute('data-ok')).toBe('false');
    expect(within(branch).getByText('Failed: unreachable')).toBeTruthy();
    expect(within(branch).getByText('connect ECONNREFUSED 10.0.2.7:443')).toBeTruthy();
    expect(callsTo(fake, 'fleet:refresh')).toHaveLength(1);
    // The list is read again so "Last refresh" shows the new outcome.
    await waitFor(() => expect(callsTo(fake, 'fleet:list').length).toBeGreaterThan(1));
  });

  it('refreshes on one instance from its row, and shows a refused refresh', async () => {
    fake.handlers['fleet:refresh'] = () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No Credentials Cache profile with id c2.', retryable: false },
    });
    renderWithClient(<FleetPage />);
    await screen.findByRole('grid', { name: 'Credentials Cache instances' });
    fireEvent.change(secretIdField(), { target: { value: '77' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh on Engine host Branch' }));
    await waitFor(() => expect(callsTo(fake, 'fleet:refresh').map((c) => c.payload)).toEqual([{ secretId: 77, profileIds: ['c2'] }]));
    expect((await screen.findByRole('alert')).textContent).toBe('No Credentials Cache profile with id c2.');
  });

  it('Check all now probes every instance and shows a failure instead of dropping it', async () => {
    fake.handlers['fleet:list'] = (payload) =>
      (payload as { check: boolean }).check
        ? { ok: false, error: { code: 'STORE_LOCKED', message: 'The credential store is locked.', retryable: true } }
        : ok(INSTANCES);
    renderWithClient(<FleetPage />);
    await screen.findByRole('grid', { name: 'Credentials Cache instances' });
    fireEvent.click(screen.getByRole('button', { name: 'Check all now' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^The credential store is locked\./);
    expect(within(alert).getByRole('link', { name: 'Open Connections' }).getAttribute('href')).toBe('#/connections');
    expect(callsTo(fake, 'fleet:list').map((c) => c.payload)).toContainEqual({ check: true });
  });

  it('with no instance, says where to add one and Enter starts nothing', async () => {
    fake.handlers['fleet:list'] = () => ok([]);
    renderWithClient(<FleetPage />);
    expect(await screen.findByText(/No Credentials Cache instance yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh on all instances' })).toHaveProperty('disabled', true);
    fireEvent.change(secretIdField(), { target: { value: '1234' } });
    pressEnter(secretIdField());
    expect(callsTo(fake, 'fleet:refresh')).toHaveLength(0);
  });
});
