// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import { setTransport } from './fake-transport';
import { App } from '../../../renderer/src/App';
import { ErrorBoundary } from '../../../renderer/src/components/ErrorBoundary';

function renderApp() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <App />
    </QueryClientProvider>,
  );
}

describe('app shell (jsdom)', () => {
  let fake: ReturnType<typeof setTransport>;
  beforeEach(() => {
    window.location.hash = '#/';
    fake = setTransport({
      'settings:get': () => ({ ok: true, result: { theme: 'system', refreshIntervalSeconds: 30, allowedExternalHosts: [] } }),
      'app:notices': () => ({
        ok: true,
        result: [{ id: 'n1', severity: 'warning', message: 'Settings file was unreadable; it was backed up.', at: '2026-01-01T00:00:00Z' }],
      }),
      'app:dismissNotice': () => ({ ok: true, result: undefined }),
      'app:info': () => ({
        ok: true,
        result: {
          name: 'Engine Console',
          version: '9.9.9',
          mode: 'serve',
          platform: 'linux x64',
          versions: { node: '20' },
          dataDir: '/data',
          demo: false,
        },
      }),
      'secrets:status': () => ({ ok: true, result: { backend: 'encrypted-file', available: true, count: 2 } }),
    });
  });
  afterEach(() => cleanup());

  it('shows the navigation, a notice raised by main, and dismisses it in main', async () => {
    renderApp();
    expect(screen.getByRole('navigation', { name: 'Screens' })).toBeTruthy();
    expect(await screen.findByText(/Settings file was unreadable/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /close/i }));
    await waitFor(() => expect(fake.calls.some((c) => c.channel === 'app:dismissNotice')).toBe(true));
  });

  it('routes to About and shows the versions from main', async () => {
    renderApp();
    act(() => {
      window.location.hash = '#/about';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByText('9.9.9')).toBeTruthy();
    expect(screen.getByText('encrypted-file (2 stored)')).toBeTruthy();
  });

  it('shows a contract error instead of crashing', async () => {
    fake.handlers['app:info'] = (): Envelope<unknown> => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom from main', retryable: false },
    });
    renderApp();
    act(() => {
      window.location.hash = '#/about';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByText('boom from main')).toBeTruthy();
  });

  it('the error boundary keeps the app alive when a screen throws', () => {
    const Broken = () => {
      throw new Error('render failed');
    };
    const original = console.error;
    console.error = () => {};
    try {
      render(
        <ErrorBoundary>
          <Broken />
        </ErrorBoundary>,
      );
    } finally {
      console.error = original;
    }
    expect(screen.getByText('This screen stopped working')).toBeTruthy();
    expect(screen.getByText('render failed')).toBeTruthy();
  });
});
