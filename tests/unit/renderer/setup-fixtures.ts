import type { Envelope } from '../../../contract';
import type { ProfileView } from '../../../contract/channels/connections';
import type { StepView, WizardView } from '../../../contract/channels/setup';

const at = '2026-01-01T00:00:00Z';

/** Answers a call with its result. */
export const ok = <T>(result: T): Envelope<unknown> => ({ ok: true, result });

/** Profiles: the admin's Secret Server and two caches. */
export const PROFILES: ProfileView[] = [
  {
    id: 'ss-admin',
    kind: 'secret-server',
    name: 'SS admin',
    baseUrl: 'https://ss.corp.example/SecretServer',
    username: 'admin',
    hasPassword: true,
    hasProxyPassword: false,
    createdAt: at,
    updatedAt: at,
  } as ProfileView,
  {
    id: 'hq',
    kind: 'credentials-cache',
    name: 'Cache HQ',
    url: 'https://hq.corp.example',
    hasPassword: true,
    hasProxyPassword: false,
    createdAt: at,
    updatedAt: at,
  } as ProfileView,
  {
    id: 'br',
    kind: 'credentials-cache',
    name: 'Cache Branch',
    url: 'https://br.corp.example',
    hasPassword: true,
    hasProxyPassword: false,
    createdAt: at,
    updatedAt: at,
  } as ProfileView,
];

/** A step as `setup:state` gives it. */
export function step(id: string, title: string, over: Partial<StepView> = {}): StepView {
  return { id, title, description: `${title} does its part.`, status: 'not-checked', findings: [], changes: [], runbook: '', ...over };
}

/** A wizard view with the six steps, not checked. */
export function wizardView(over: Partial<WizardView> = {}): WizardView {
  return {
    wizardId: 'cache-pipeline',
    title: 'Event pipeline that refreshes every Credentials Cache (seed 000)',
    inputs: null,
    steps: [
      step('role', 'Application account and role'),
      step('template-secret', 'Template and secret'),
      step('script', 'PowerShell script'),
      step('pipeline', 'Event pipeline policy'),
      step('sites', 'Sites'),
      step('verify', 'Verify end to end'),
    ],
    updatedAt: at,
    ...over,
  };
}

/** Handlers every Setup screen test needs (profiles, lookups, demo status, no running job). */
export function baseHandlers(view: () => WizardView) {
  return {
    'setup:state': () => ok(view()),
    'connections:list': () => ok(PROFILES),
    'demo:status': () => ok({ running: false, profileIds: [] }),
    'jobs:list': () => ok([]),
    'app:info': () => ok({ startedAt: at }),
    'setup:users': () => ok([{ id: 7, userName: 'svc-cache', displayName: 'Cache service', isApplicationAccount: true, enabled: true }]),
    'setup:folders': () =>
      ok([
        { id: 1, path: '\\Shared', parentId: null },
        { id: 2, path: '\\Shared\\Integrations', parentId: 1 },
      ]),
    'setup:sites': () =>
      ok([
        {
          id: 1,
          name: 'Default',
          active: true,
          online: true,
          engines: [
            { id: 1, name: 'eng1', host: 'eng1', connection: 'Online', activation: 'Activated', onlineNow: true, lastConnected: null },
          ],
        },
        { id: 2, name: 'Branch', active: true, online: false, engines: [] },
      ]),
  };
}
