import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Snackbar } from '@mui/material';
import type { Notice } from '../../../contract';
import { call, onEvent } from '../api/client';
import { ErrorNotice } from './ErrorNotice';

interface Toast {
  readonly id: string;
  readonly severity: Notice['severity'];
  readonly message: string;
  readonly fromMain: boolean;
  /** A failure to show through ErrorNotice, `message` being its title. */
  readonly error?: unknown;
}

type Notify = (severity: Toast['severity'], message: string, error?: unknown) => void;

const NotifyContext = createContext<Notify>(() => {});

/** `notify('error', 'text')` from any component; `notify('error', 'Could not delete X', err)` shows `err` through ErrorNotice. */
export function useNotify() {
  return useContext(NotifyContext);
}

/** The toast area: local notifications plus notices pushed by main (shown until dismissed). */
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
      push({ id: `local-${Date.now()}-${Math.random()}`, severity, message, fromMain: false, ...(error === undefined ? {} : { error }) }),
    [push],
  );

  const current = queue[0];
  const close = () => {
    if (!current) return;
    if (current.fromMain) void call('app:dismissNotice', { id: current.id }).catch(() => {});
    setQueue((q) => q.slice(1));
  };

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar
        key={current?.id}
        open={Boolean(current)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        autoHideDuration={current && current.severity !== 'error' && !current.fromMain ? 6000 : null}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') close();
        }}
      >
        {current?.error !== undefined ? (
          // A plain element: Snackbar's click-away listener needs a child that holds a ref.
          <div>
            <ErrorNotice error={current.error} title={current.message} onClose={close} variant="filled" sx={{ maxWidth: 560 }} />
          </div>
        ) : current ? (
          <Alert severity={current.severity} onClose={close} variant="filled" sx={{ maxWidth: 560 }} role="status">
            {current.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}
