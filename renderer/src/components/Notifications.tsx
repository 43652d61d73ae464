import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Box, Snackbar } from '@mui/material';
import type { Notice } from '../../../contract';
import { call, onEvent } from '../api/client';
import { LocalTime } from './Time';
import { ErrorNotice } from './ErrorNotice';

interface Toast {
  readonly id: string;
  readonly severity: Notice['severity'];
  readonly message: string;
  readonly at: string;
  readonly fromMain: boolean;
  /** A failure to show through ErrorNotice, `message` being its title. */
  readonly error?: unknown;
}

/** How long an informational notice stays before it hides itself. */
export const AUTO_HIDE_MS = 6000;

/** Warnings and errors wait for the user in the banner; info and success are toasts that hide themselves. */
const persistent = (t: Toast) => t.severity === 'warning' || t.severity === 'error' || t.error !== undefined;

type Notify = (severity: Toast['severity'], message: string, error?: unknown) => void;

const BannerContext = createContext<{ items: readonly Toast[]; dismiss: (t: Toast) => void }>({ items: [], dismiss: () => {} });

const NotifyContext = createContext<Notify>(() => {});

/** `notify('error', 'text')` from any component; `notify('error', 'Could not delete X', err)` shows `err` through ErrorNotice. */
export function useNotify() {
  return useContext(NotifyContext);
}

/**
 * Notices: local notifications plus those pushed by main. Informational ones are toasts that hide
 * themselves; warnings and errors stay in `NoticeBanner` until dismissed. Toasts sit below modal
 * dialogs, so they never cover a dialog's buttons.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [queue, setQueue] = useState<Toast[]>([]);

  const push = useCallback((t: Toast) => setQueue((q) => (q.some((x) => x.id === t.id) ? q : [...q, t])), []);

  useEffect(() => {
    let live = true;
    call('app:notices', {})
      .then((list) => {
        if (live) list.forEach((n) => push({ ...n, fromMain: true }));
      })
      .catch(() => {});
    const off = onEvent('app:notice', (n) => push({ ...n, fromMain: true }));
    return () => {
      live = false;
      off();
    };
  }, [push]);

  const notify = useMemo(
    (): Notify => (severity, message, error) =>
      push({
        id: `local-${Date.now()}-${Math.random()}`,
        severity,
        message,
        at: new Date().toISOString(),
        fromMain: false,
        ...(error === undefined ? {} : { error }),
      }),
    [push],
  );

  // A notice from main is dismissed there too once it hid or was closed, so it does not come back on reload.
  const dismiss = useCallback((t: Toast) => {
    if (t.fromMain) void call('app:dismissNotice', { id: t.id }).catch(() => {});
    setQueue((q) => q.filter((x) => x.id !== t.id));
  }, []);

  const banner = useMemo(() => ({ items: queue.filter(persistent), dismiss }), [queue, dismiss]);
  const current = queue.find((t) => !persistent(t));

  return (
    <NotifyContext.Provider value={notify}>
      <BannerContext.Provider value={banner}>
        {children}
        <Snackbar
          key={current?.id}
          open={Boolean(current)}
          anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
          autoHideDuration={AUTO_HIDE_MS}
          onClose={(_e, reason) => {
            if (reason !== 'clickaway' && current) dismiss(current);
          }}
          sx={{ zIndex: (t) => t.zIndex.modal - 1 }}
        >
          {current ? (
            <Alert severity={current.severity} onClose={() => dismiss(current)} variant="filled" sx={{ maxWidth: 560 }} role="status">
              {current.message}
            </Alert>
          ) : undefined}
        </Snackbar>
      </BannerContext.Provider>
    </NotifyContext.Provider>
  );
}

/** Warnings and errors at the top of the content area, each with a Dismiss button. */
export function NoticeBanner() {
  const { items, dismiss } = useContext(BannerContext);
  if (!items.length) return null;
  return (
    <Box component="section" aria-label="Notices" sx={{ px: 3, pt: 2, display: 'flex', flexDirection: 'column', gap: 1 }}>
      {items.map((t) =>
        t.error !== undefined ? (
          <ErrorNotice key={t.id} error={t.error} title={t.message} onClose={() => dismiss(t)} />
        ) : (
          <Alert
            key={t.id}
            severity={t.severity}
            role={t.severity === 'error' ? 'alert' : 'status'}
            onClose={() => dismiss(t)}
            slotProps={{ closeButton: { 'aria-label': 'Dismiss' } }}
          >
            {t.message}
            <Box component="span" sx={{ ml: 1, color: 'text.secondary', fontSize: '0.8125rem' }}>
              <LocalTime at={t.at} />
            </Box>
          </Alert>
        ),
      )}
    </Box>
  );
}
