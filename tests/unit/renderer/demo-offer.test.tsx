// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { ProfileView } from '../../../contract/channels/connections';
import type { DemoStatus } from '../../../contract/channels/demo';
import { ConnectionsPage } from '../../../renderer/src/features/connections/ConnectionsPage';
import { setTransport } from './fake-transport';
import { renderWithClient } from './render-helpers';

const at = '2026-01-01T00:00:00Z';
const MINE: ProfileView = {
  id: 'mine',
  kind: 'credentials-cache',
  name: 'Branch cache',
  url: 'https://cache.corp.example',
  hasPassword: false,
  hasProxyPassword: false,
  createdAt: at,
  updatedAt: at,
};
const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });

function setup(status: DemoStatus) {
  let current = status;
  const fake = setTransport({
    'connections:list': () => ok([MINE]),
    'demo:status': () => ok(current),
    'demo:start': () => ok((current = { running: true, profileIds: ['a', 'b', 'c', 'd'] })),
    'demo:remove': () => ok((current = { running: false, profileIds: [] })),
  });
  return fake;
}

describe('the demo from the Connections screen, whatever else is configured', () => {
  afterEach(() => cleanup());

  it('offers the demo beside profiles of the user, and starts it', async () => {
    const fake = setup({ running: false, profileIds: [] });
    renderWithClient(<ConnectionsPage />);
    const region = await screen.findByRole('region', { name: 'Demo environment' });
    fireEvent.click(within(region).getByRole('button', { name: 'Try the demo environment' }));
    expect(await within(region).findByText('The demo environment is running (4 demo profile(s)).')).toBeTruthy();
    expect(fake.calls.filter((c) => c.channel === 'demo:start')).toHaveLength(1);
  });

  it('starts a stopped demo again, or removes it in one action', async () => {
    const fake = setup({ running: false, profileIds: ['a', 'b', 'c', 'd'] });
    renderWithClient(<ConnectionsPage />);
    const region = await screen.findByRole('region', { name: 'Demo environment' });
    expect(within(region).getByText('The demo profiles point at simulators that are not running.')).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Start the demo again' })).toBeTruthy();
    fireEvent.click(within(region).getByRole('button', { name: 'Remove the demo' }));
    expect(await within(region).findByRole('button', { name: 'Try the demo environment' })).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Remove the demo' })).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'demo:remove')).toHaveLength(1);
    // The list is read again: the demo profiles are gone from it.
    expect(fake.calls.filter((c) => c.channel === 'connections:list').length).toBeGreaterThan(1);
  });
});
