// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityPage } from '../../../renderer/src/features/activity/ActivityPage';
import { setTransport } from './fake-transport';
import { renderWithClient } from './render-helpers';
import { ok, runRow, runsPage } from './activity-fixtures';

type Fake = ReturnType<typeof setTransport>;
const lastRunsCall = (fake: Fake) => fake.calls.filter((c) => c.channel === 'activity:runs').at(-1)?.payload;
const routeParams = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '');

const POLICIES = [
  {
    id: 11,
    name: 'Refresh cache on password change',
    pipelines: [
      { id: 101, name: 'Refresh HQ cache' },
      { id: 102, name: 'Refresh Branch cache' },
    ],
  },
  { id: 12, name: 'Database accounts', pipelines: [{ id: 201, name: 'Notify DBA team' }] },
];

describe('Pipeline activity policy and pipeline filters (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    window.location.hash = '#/activity';
    fake = setTransport({
      'activity:runs': () => ok(runsPage([runRow(1)])),
      'activity:policies': () => ok(POLICIES),
      'connections:list': () => ok([]),
      'app:info': () => ok({ dataDir: '/data', startedAt: new Date(0).toISOString() }),
      'fleet:list': () => ok([]),
    });
  });
  afterEach(() => cleanup());

  it('lists the policies from Secret Server; choosing one filters the runs, and its pipelines narrow the second list', async () => {
    renderWithClient(<ActivityPage />);
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: 'Policy' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Database accounts' }));
    await waitFor(() => expect(routeParams().get('policy')).toBe('12'));
    await waitFor(() => expect(lastRunsCall(fake)).toMatchObject({ policyId: 12, page: 0 }));

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Pipeline' }));
    const list = await screen.findByRole('listbox');
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Any', 'Notify DBA team']);
    fireEvent.click(within(list).getByRole('option', { name: 'Notify DBA team' }));
    await waitFor(() => expect(lastRunsCall(fake)).toMatchObject({ policyId: 12, pipelineId: 201 }));

    // Another policy drops the pipeline that is not in it.
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Policy' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Refresh cache on password change' }));
    await waitFor(() => expect(lastRunsCall(fake)).toMatchObject({ policyId: 11 }));
    expect(lastRunsCall(fake)).not.toHaveProperty('pipelineId');
  });

  it('a policy from a link shows by name once the list is in, and "Any" clears it', async () => {
    window.location.hash = '#/activity?policy=11';
    renderWithClient(<ActivityPage />);
    const policy = await screen.findByRole('combobox', { name: 'Policy' });
    await waitFor(() => expect(policy.textContent).toBe('Refresh cache on password change'));
    fireEvent.mouseDown(policy);
    fireEvent.click(await screen.findByRole('option', { name: 'Any' }));
    await waitFor(() => expect(routeParams().get('policy')).toBeNull());
    await waitFor(() => expect(lastRunsCall(fake)).not.toHaveProperty('policyId'));
  });
});
