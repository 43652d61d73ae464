// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError, type Envelope } from '../../../contract';
import type { ProfileView } from '../../../contract/channels/connections';
import { ErrorNotice } from '../../../renderer/src/components/ErrorNotice';
import { NotificationsProvider, useNotify } from '../../../renderer/src/components/Notifications';
import { ConnectionsPage } from '../../../renderer/src/features/connections/ConnectionsPage';
import { FleetPage } from '../../../renderer/src/features/fleet/FleetPage';
import { setTransport } from './fake-transport';
import { renderWithClient } from './render-helpers';

const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });
const at = '2026-01-01T00:00:00Z';
const HQ: ProfileView = {
  id: 'p1',
  kind: 'secret-server',
  name: 'HQ Secret Server',
  baseUrl: 'https://ss.corp.example/SecretServer',
  username: 'svc_console',
  hasPassword: true,
  hasProxyPassword: false,
  createdAt: at,
  updatedAt: at,
};

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('ErrorNotice', () => {
  it('retryable: offers Retry, which calls onRetry', () => {
    const onRetry = vi.fn();
    render(
      <ErrorNotice error={new ContractError('TIMEOUT', 'Secret Server did not answer in 30 s.', { retryable: true })} onRetry={onRetry} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^Secret Server did not answer in 30 s\./);
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('not retryable: the message alone, no Retry even when onRetry is given', () => {
    render(<ErrorNotice error={new ContractError('NOT_FOUND', 'No profile with id p9.')} onRetry={() => {}} />);
    expect(screen.getByRole('alert').textContent).toBe('No profile with id p9.');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('VALIDATION with a field: names the field by its label, or points to it when the form shows it', () => {
    const error = new ContractError('VALIDATION', 'Use https://', { details: { field: 'profile.baseUrl' } });
    const label = (f: string) => (f === 'profile.baseUrl' ? 'Secret Server URL' : undefined);
    const { rerender } = render(<ErrorNotice error={error} fieldLabel={label} />);
    expect(screen.getByRole('alert').textContent).toBe('Secret Server URL: Use https://');
    rerender(<ErrorNotice error={error} fieldLabel={label} fieldShown={() => true} />);
    expect(screen.getByRole('alert').textContent).toBe('Check the field “Secret Server URL”.');
    rerender(<ErrorNotice error={error} />);
    expect(screen.getByRole('alert').textContent).toBe('profile.baseUrl: Use https://');
  });

  it.each(['UNAUTHENTICATED', 'ACCESS_DENIED', 'STORE_LOCKED'] as const)('%s: links to the profile, else to Connections', (code) => {
    const { rerender } = render(<ErrorNotice error={new ContractError(code, 'Sign-in refused.', { retryable: true })} profileId="p1" />);
    expect(screen.getByRole('link', { name: 'Open the profile' }).getAttribute('href')).toBe('#/connections?edit=p1');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    rerender(<ErrorNotice error={new ContractError(code, 'Sign-in refused.', { details: { profileId: 'p 2' } })} />);
    expect(screen.getByRole('link', { name: 'Open the profile' }).getAttribute('href')).toBe('#/connections?edit=p%202');
    rerender(<ErrorNotice error={new ContractError(code, 'Sign-in refused.')} />);
    expect(screen.getByRole('link', { name: 'Open Connections' }).getAttribute('href')).toBe('#/connections');
  });

  it('other errors: the message, with a title when given; nothing at all for no error', () => {
    const { rerender, container } = render(<ErrorNotice error={new Error('disk full')} title="Could not save" />);
    expect(screen.getByRole('alert').textContent).toBe('Could not savedisk full');
    rerender(<ErrorNotice error="plain text" />);
    expect(screen.getByRole('alert').textContent).toBe('plain text');
    rerender(<ErrorNotice error={null} />);
    expect(container.textContent).toBe('');
  });

  it('a toast raised with an error goes through it too, and closes', async () => {
    function Raise() {
      const notify = useNotify();
      return <button onClick={() => notify('error', 'Could not delete HQ', new ContractError('ACCESS_DENIED', 'Not allowed.'))}>go</button>;
    }
    setTransport({ 'app:notices': () => ok([]) });
    renderWithClient(
      <NotificationsProvider>
        <Raise />
      </NotificationsProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'go' }));
    const toast = await screen.findByRole('status');
    expect(toast.textContent).toMatch(/^Could not delete HQNot allowed\./);
    expect(within(toast).getByRole('link', { name: 'Open Connections' })).toBeTruthy();
    fireEvent.click(within(toast).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  });
});

describe('ErrorNotice on the screens', () => {
  beforeEach(() => {
    window.location.hash = '#/connections';
  });

  it('a failed Test connection with UNAUTHENTICATED links to its profile, and the link opens its editor', async () => {
    const fake = setTransport({
      'connections:list': () => ok([HQ]),
      'connections:test': () => ({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Secret Server refused the sign-in.', retryable: false },
      }),
    });
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    const link = await screen.findByRole('link', { name: 'Open the profile' });
    expect(link.getAttribute('href')).toBe('#/connections?edit=p1');
    act(() => {
      window.location.hash = '#/connections?edit=p1';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('dialog', { name: 'Edit HQ Secret Server' })).toBeTruthy();
    expect(window.location.hash).toBe('#/connections');
    expect(fake.calls.filter((c) => c.channel === 'connections:test')).toHaveLength(1);
  });

  it('a retryable failure to load the fleet offers Retry, which reads the list again', async () => {
    const replies: Envelope<unknown>[] = [
      { ok: false, error: { code: 'UNAVAILABLE', message: 'The console is starting.', retryable: true } },
      ok([]),
    ];
    const fake = setTransport({ 'fleet:list': () => replies.shift()! });
    renderWithClient(<FleetPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText('The console is starting.')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(fake.calls.filter((c) => c.channel === 'fleet:list')).toHaveLength(2);
  });
});
