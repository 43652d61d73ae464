import type { ReactElement } from 'react';
import DashboardIcon from '@mui/icons-material/SpaceDashboardOutlined';
import CableIcon from '@mui/icons-material/CableOutlined';
import TimelineIcon from '@mui/icons-material/TimelineOutlined';
import ArticleIcon from '@mui/icons-material/ArticleOutlined';
import BuildIcon from '@mui/icons-material/BuildCircleOutlined';
import SyncIcon from '@mui/icons-material/SyncAltOutlined';
import HubIcon from '@mui/icons-material/HubOutlined';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import { AboutPage } from './features/about/AboutPage';
import { LogsPage } from './features/logs/LogsPage';
import { NotYetBuilt } from './components/NotYetBuilt';
import { OverviewPage } from './features/overview/OverviewPage';
import { ConnectionsPage } from './features/connections/ConnectionsPage';
import { FleetPage } from './features/fleet/FleetPage';
import { SetupPage } from './features/setup/SetupPage';
import { ActivityPage } from './features/activity/ActivityPage';

/** One screen of the navigation. */
export interface Route {
  readonly path: string;
  readonly label: string;
  readonly icon: ReactElement;
  readonly render: () => ReactElement;
}

/** The screens of product.md, in navigation order. */
export const ROUTES: readonly Route[] = [
  {
    path: '/',
    label: 'Overview',
    icon: <DashboardIcon />,
    render: () => <OverviewPage />,
  },
  {
    path: '/connections',
    label: 'Connections',
    icon: <CableIcon />,
    render: () => <ConnectionsPage />,
  },
  {
    path: '/activity',
    label: 'Pipeline activity',
    icon: <TimelineIcon />,
    render: () => <ActivityPage />,
  },
  {
    path: '/logs',
    label: 'Logs',
    icon: <ArticleIcon />,
    render: () => <LogsPage />,
  },
  {
    path: '/setup',
    label: 'Setup',
    icon: <BuildIcon />,
    render: () => <SetupPage />,
  },
  {
    path: '/sync',
    label: 'Vault sync',
    icon: <SyncIcon />,
    render: () => (
      <NotYetBuilt
        title="Vault sync"
        purpose="Push, Pull and Sync between Secret Server and AWS Secrets Manager, planned before anything changes."
      />
    ),
  },
  {
    path: '/fleet',
    label: 'Fleet',
    icon: <HubIcon />,
    render: () => <FleetPage />,
  },
  { path: '/about', label: 'About', icon: <InfoIcon />, render: () => <AboutPage /> },
];
