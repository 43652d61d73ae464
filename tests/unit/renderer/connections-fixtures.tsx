import { screen, waitFor, within } from '@testing-library/react';
import type { Envelope } from '../../../contract';
import type { DiagnosticStage, ProfileView } from '../../../contract/channels/connections';
import type { setTransport } from './fake-transport';

/** Fixtures and row helpers shared by the Connections screen tests. */
export const at = '2026-01-01T00:00:00Z';
export const PROFILES: ProfileView[] = [
  {
    id: 'p1',
    kind: 'secret-server',
    name: 'HQ Secret Server',
    baseUrl: 'https://ss.corp.example/SecretServer',
    username: 'svc_console',
    domain: 'CORP',
    hasPassword: true,
    hasProxyPassword: false,
    createdAt: at,
    updatedAt: at,
  },
  {
    id: 'p2',
    kind: 'credentials-cache',
    name: 'Engine host HQ',
    url: 'https://engine01.corp.example/DelineaCredCache',
    hasPassword: false,
    hasProxyPassword: false,
    createdAt: at,
    updatedAt: at,
    lastTest: { ok: false, at, failedStage: 'tcp', message: 'connect ECONNREFUSED' },
  },
  {
    id: 'p3',
    kind: 'aws',
    name: 'AWS prod',
    region: 'eu-west-1',
    credentialSource: 'static',
    accessKeyIdHint: '…0001',
    hasSecretAccessKey: true,
    hasProxyPassword: false,
    createdAt: at,
    updatedAt: at,
    lastTest: { ok: true, at, message: 'All stages passed' },
  },
];

export const stage = (
  id: DiagnosticStage['id'],
  label: string,
  status: DiagnosticStage['status'],
  extra: Partial<DiagnosticStage> = {},
) => ({
  id,
  label,
  status,
  ...extra,
});

export const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });

export type Fake = ReturnType<typeof setTransport>;

export function callsTo(fake: Fake, channel: string) {
  return fake.calls.filter((c) => c.channel === channel);
}

/** The table row of a profile (its name cell holds the name). */
export function row(name: string): HTMLElement {
  const grid = screen.getByRole('grid', { name: 'Connections' });
  const found = within(grid)
    .getAllByRole('row')
    .find((r) => r.querySelector('[data-field="name"]')?.textContent === name);
  if (!found) throw new Error(`No row for ${name}`);
  return found;
}

export async function findRow(name: string): Promise<HTMLElement> {
  await screen.findByRole('grid', { name: 'Connections' });
  let r: HTMLElement | undefined;
  await waitFor(() => {
    r = row(name);
  });
  return r!;
}

export const names = () =>
  within(screen.getByRole('grid', { name: 'Connections' }))
    .getAllByRole('row')
    .flatMap((r) => {
      const t = r.querySelector('[data-field="name"]')?.textContent;
      return t && t !== 'Name' ? [t] : [];
    });
