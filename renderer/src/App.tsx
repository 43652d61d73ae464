import { useMemo } from 'react';
import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../contract';
import { useApiMutation, useApiQuery, useEventInvalidation } from './api/hooks';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NotificationsProvider, useNotify } from './components/Notifications';
import { Shell } from './components/Shell';
import { useHashRoute } from './components/use-hash-route';
import { ROUTES } from './routes';
import { makeTheme } from './theme';

function Screens({ themeSetting }: { themeSetting: Settings['theme'] }) {
  const { path } = useHashRoute();
  const notify = useNotify();
  const qc = useQueryClient();
  const update = useApiMutation('settings:update');
  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0]!;
  return (
    <Shell
      routes={ROUTES}
      current={route.path}
      theme={themeSetting}
      onTheme={(theme) =>
        update.mutate(
          { theme },
          {
            onSuccess: (s) => qc.setQueryData(['settings:get', {}], s),
            onError: (e) => notify('error', 'Could not save the theme', e),
          },
        )
      }
    >
      <ErrorBoundary resetKey={route.path}>{route.render()}</ErrorBoundary>
    </Shell>
  );
}

/** The root: theme (follows the OS unless set), notifications, event-driven invalidation. */
export function App() {
  useEventInvalidation();
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const settings = useApiQuery('settings:get', {});
  const themeSetting = settings.data?.theme ?? 'system';
  const mode = themeSetting === 'system' ? (prefersDark ? 'dark' : 'light') : themeSetting;
  const theme = useMemo(() => makeTheme(mode), [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <NotificationsProvider>
        <Screens themeSetting={themeSetting} />
      </NotificationsProvider>
    </ThemeProvider>
  );
}
