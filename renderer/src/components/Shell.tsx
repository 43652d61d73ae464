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
} from '@mui/material';
import LightIcon from '@mui/icons-material/LightModeOutlined';
import DarkIcon from '@mui/icons-material/DarkModeOutlined';
import AutoIcon from '@mui/icons-material/BrightnessAutoOutlined';
import type { Settings } from '../../../contract';
import type { Route } from '../routes';
import { NoticeBanner } from './Notifications';

const DRAWER = 220;

/** App bar, navigation drawer and the content area. */
export function Shell(props: {
  routes: readonly Route[];
  current: string;
  theme: Settings['theme'];
  onTheme: (t: Settings['theme']) => void;
  children: ReactNode;
}) {
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
      <Drawer variant="permanent" sx={{ width: DRAWER, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER, boxSizing: 'border-box' } }}>
        <Toolbar variant="dense" />
        <nav aria-label="Screens">
          <List dense>
            {props.routes.map((r) => (
              <ListItemButton
                key={r.path}
                component="a"
                href={`#${r.path}`}
                selected={props.current === r.path}
                aria-current={props.current === r.path ? 'page' : undefined}
              >
                <ListItemIcon sx={{ minWidth: 36 }}>{r.icon}</ListItemIcon>
                <ListItemText primary={r.label} />
              </ListItemButton>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, overflow: 'auto', display: 'flex', flexDirection: 'column' }}>
        <Toolbar variant="dense" />
        <NoticeBanner />
        <Box sx={{ flexGrow: 1, minHeight: 0 }}>{props.children}</Box>
      </Box>
    </Box>
  );
}
