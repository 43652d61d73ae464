import { createTheme, type Theme } from '@mui/material/styles';

/** The app theme for a resolved mode. */
export function makeTheme(mode: 'light' | 'dark'): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'dark' ? '#7aa7ff' : '#1d4ed8' },
      secondary: { main: mode === 'dark' ? '#f5a97f' : '#b45309' },
    },
    shape: { borderRadius: 6 },
    typography: { fontFamily: 'system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', fontSize: 13 },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}
