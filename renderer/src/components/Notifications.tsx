import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Snackbar } from '@mui/material';
import type { Notice } from '../../../contract';
import { call, onEvent } from '../api/client';

interface Toast {
  readonly id: string;
  readonly severity: Notice['severity'];
  readonly message: string;
  readonly fromMain: boolean;
}

const NotifyContext = createContext<(severity: Toast['severity'], message: string) => void>(() => {});

/** `notify('error', 'text')` from any component. */
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
    () => (severity: Toast['severity'], message: string) =>
      push({ id: `local-${Date.now()}-${Math.random()}`, severity, message, fromMain: false }),
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
        {current ? (
          <Alert severity={current.severity} onClose={close} variant="filled" sx={{ maxWidth: 560 }} role="status">
            {current.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}
