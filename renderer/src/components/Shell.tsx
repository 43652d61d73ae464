import type { ReactNode } from 'react';
import {
  AppBar,
  Box,
  Drawer,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ToggleButton,
  ToggleButtonGroup,
  Toolbar,
  Tooltip,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import LightIcon from '@mui/icons-material/LightModeOutlined';
import DarkIcon from '@mui/icons-material/DarkModeOutlined';
import AutoIcon from '@mui/icons-material/BrightnessAutoOutlined';
import type { Settings } from '../../../contract';
import type { Route } from '../routes';
import { NoticeBanner } from './Notifications';

const DRAWER = 220;
/** Width of the icon-only navigation of a narrow window. */
const RAIL = 56;

/** App bar, navigation drawer and the content area. */
export function Shell(props: {
  routes: readonly Route[];
  current: string;
  theme: Settings['theme'];
  onTheme: (t: Settings['theme']) => void;
  children: ReactNode;
}) {
  // Below 1200 px the navigation keeps its icons only (names on hover), leaving room to the screen.
  const narrow = useMediaQuery((t: Theme) => t.breakpoints.down('lg'));
  const width = narrow ? RAIL : DRAWER;
  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar position="fixed" elevation={0} sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="div" sx={{ flexGrow: 1 }}>
            Engine Console
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={props.theme}
            onChange={(_e, v: Settings['theme'] | null) => v && props.onTheme(v)}
            aria-label="Theme"
            sx={{ bgcolor: 'background.paper' }}
          >
            <Tooltip title="Follow the system">
              <ToggleButton value="system" aria-label="System theme">
                <AutoIcon fontSize="small" />
              </ToggleButton>
            </Tooltip>
            <Tooltip title="Light">
              <ToggleButton value="light" aria-label="Light theme">
                <LightIcon fontSize="small" />
              </ToggleButton>
            </Tooltip>
            <Tooltip title="Dark">
              <ToggleButton value="dark" aria-label="Dark theme">
                <DarkIcon fontSize="small" />
              </ToggleButton>
            </Tooltip>
          </ToggleButtonGroup>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        data-collapsed={narrow}
        sx={{ width, flexShrink: 0, '& .MuiDrawer-paper': { width, boxSizing: 'border-box', overflowX: 'hidden' } }}
      >
        <Toolbar variant="dense" />
        <nav aria-label="Screens">
          <List dense>
            {props.routes.map((r) => (
              <Tooltip key={r.path} title={narrow ? r.label : ''} placement="right">
                <ListItemButton
                  component="a"
                  href={`#${r.path}`}
                  selected={props.current === r.path}
                  aria-current={props.current === r.path ? 'page' : undefined}
                  aria-label={narrow ? r.label : undefined}
                >
                  <ListItemIcon sx={{ minWidth: 36 }}>{r.icon}</ListItemIcon>
                  {narrow ? null : <ListItemText primary={r.label} />}
                </ListItemButton>
              </Tooltip>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, overflow: 'auto', display: 'flex', flexDirection: 'column' }}>
        <Toolbar variant="dense" />
        <NoticeBanner />
        {/* A column, so a screen that fills the window (Logs) can take the height left. */}
        <Box sx={{ flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>{props.children}</Box>
      </Box>
    </Box>
  );
}
