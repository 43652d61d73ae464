// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createTheme } from '@mui/material';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../contract';
import { setTransport } from './fake-transport';
import { App } from '../../../renderer/src/App';
import { ErrorBoundary } from '../../../renderer/src/components/ErrorBoundary';
import { AUTO_HIDE_MS } from '../../../renderer/src/components/Notifications';

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

  it('shows the navigation; a warning from main waits in the banner atop the content until dismissed there', async () => {
    renderApp();
    expect(screen.getByRole('navigation', { name: 'Screens' })).toBeTruthy();
    const banner = await screen.findByRole('region', { name: 'Notices' });
    expect(within(banner).getByText(/Settings file was unreadable/)).toBeTruthy();
    expect(screen.getByRole('main').contains(banner)).toBe(true);
    // When main raised it, in the app's one time format with UTC on hover.
    expect(banner.querySelector('time[datetime="2026-01-01T00:00:00Z"]')?.getAttribute('title')).toBe('2026-01-01 00:00:00 UTC');
    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'app:dismissNotice').map((c) => c.payload)).toEqual([{ id: 'n1' }]));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Notices' })).toBeNull());
  });

  it('an informational notice is a toast that hides itself (and is dismissed in main), below any dialog', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      fake.handlers['app:notices'] = () => ({
        ok: true,
        result: [
          {
            id: 'i1',
            severity: 'info',
            message: 'Demo mode without ENGINE_CONSOLE_PASSPHRASE: credentials are kept in memory only.',
            at: '2026-01-01T00:00:00Z',
          },
        ],
      });
      renderApp();
      const toast = await screen.findByText(/Demo mode without ENGINE_CONSOLE_PASSPHRASE/);
      expect(screen.queryByRole('region', { name: 'Notices' })).toBeNull();
      const snackbar = toast.closest('.MuiSnackbar-root') as HTMLElement;
      const theme = createTheme();
      expect(Number(getComputedStyle(snackbar).zIndex)).toBeLessThan(theme.zIndex.modal);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(AUTO_HIDE_MS + 1000);
      });
      await waitFor(() => expect(screen.queryByText(/Demo mode without ENGINE_CONSOLE_PASSPHRASE/)).toBeNull());
      expect(fake.calls.filter((c) => c.channel === 'app:dismissNotice').map((c) => c.payload)).toEqual([{ id: 'i1' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps only the icons of the navigation in a narrow window, each still named', async () => {
    const original = window.matchMedia;
    // A 1024 px wide window: every max-width query below 1200 px matches.
    window.matchMedia = ((query: string) => ({
      matches: /max-width:\s*(\d+)/.test(query) && Number(/max-width:\s*(\d+)/.exec(query)![1]) >= 1024,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    })) as typeof window.matchMedia;
    try {
      renderApp();
      const nav = screen.getByRole('navigation', { name: 'Screens' });
      await waitFor(() => expect(nav.closest('[data-collapsed]')?.getAttribute('data-collapsed')).toBe('true'));
      expect(within(nav).queryByText('Logs')).toBeNull();
      expect(within(nav).getByRole('link', { name: 'Logs' }).getAttribute('href')).toBe('#/logs');
    } finally {
      window.matchMedia = original;
    }
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
