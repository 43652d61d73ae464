// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CachePipelineInputs, WizardView } from '../../../contract/channels/setup';
import { SetupPage } from '../../../renderer/src/features/setup/SetupPage';
import { setTransport } from './fake-transport';
import { deferred, renderWithClient } from './render-helpers';
import { baseHandlers, ok, step, wizardView } from './setup-fixtures';

const INPUTS: CachePipelineInputs = {
  secretServerProfileId: 'ss-admin',
  applicationAccount: 'svc-cache',
  roleName: 'Credentials Cache Integration',
  templateName: 'Credentials Cache Connection',
  folder: '\\Shared\\Integrations',
  site: 'Default',
  credentialsCacheProfileIds: ['hq'],
  scriptName: 'Credentials Cache - Secret Changed',
  policyName: 'Refresh Credentials Cache',
  breakInheritance: false,
  labSkipCertificateCheck: false,
};

const PLANNED: WizardView = wizardView({
  inputs: INPUTS,
  planId: 'plan-1',
  steps: [
    step('role', 'Application account and role', {
      status: 'manual',
      findings: [{ level: 'problem', text: 'The signed-in account lacks “Administer Roles”.' }],
      changes: [
        { key: 'role:create', action: 'blocked', target: 'Role “Credentials Cache Integration”', reason: 'needs Administer Roles' },
      ],
      manual: {
        reason: 'The signed-in account lacks the “Administer Roles” permission',
        steps: ['Open Admin > Roles.', 'Click Create Role.'],
      },
      checkedAt: '2026-01-01T10:00:00Z',
    }),
    step('template-secret', 'Template and secret', {
      status: 'ok',
      changes: [{ key: 'template', action: 'unchanged', target: 'Template', reason: 'has the five fields' }],
    }),
    step('script', 'PowerShell script', {
      status: 'changes',
      findings: [{ level: 'warning', text: 'The existing script differs from the maintained template.' }],
      changes: [
        {
          key: 'script',
          action: 'update',
          target: 'Script “Credentials Cache - Secret Changed”',
          before: 'fp:11111111',
          after: 'fp:22222222',
          reason: 'timeouts and throw',
        },
        { key: 'script:category', action: 'conflict', target: 'Script category', reason: 'changed by someone else' },
      ],
      diff: '--- existing\n+++ generated\n@@ -1,2 +1,2 @@\n-$TimeoutSec  = 600\n+$TimeoutSec  = 30',
    }),
    step('pipeline', 'Event pipeline policy', {
      status: 'changes',
      changes: [
        { key: 'policy', action: 'create', target: 'Policy “Refresh Credentials Cache”' },
        { key: 'policy:activate', action: 'create', target: 'Activate the policy' },
      ],
    }),
    step('sites', 'Sites', { status: 'ok' }),
    step('verify', 'Verify end to end'),
  ],
});

const stepRegion = (n: number, title: string) => screen.findByRole('region', { name: `${n}. ${title}` });

describe('Setup: a step’s plan', () => {
  afterEach(() => cleanup());

  it('shows findings in words, each change with its masked fingerprints and reason, the diff and the status', async () => {
    setTransport(baseHandlers(() => PLANNED));
    renderWithClient(<SetupPage />);
    const script = await stepRegion(3, 'PowerShell script');
    expect(within(script).getByText(/The existing script differs from the maintained template/).textContent).toMatch(/^Warning: /);
    const table = within(script).getByRole('table', { name: 'PowerShell script: planned changes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'updateScript “Credentials Cache - Secret Changed”fp:11111111 → fp:22222222timeouts and throw',
      'conflictScript category—changed by someone else',
    ]);
    const diff = within(script).getByRole('region', { name: 'PowerShell script: diff' });
    expect(diff.textContent).toContain('-$TimeoutSec  = 600');
    expect(diff.textContent).toContain('+$TimeoutSec  = 30');
    expect(screen.getAllByText('changes to apply')).toHaveLength(2);
  });

  it('shows the manual instructions of a step the account may not apply, and offers no Apply for it', async () => {
    setTransport(baseHandlers(() => PLANNED));
    renderWithClient(<SetupPage />);
    const role = await stepRegion(1, 'Application account and role');
    expect(within(role).getByText('Do this step by hand in Secret Server, then check again')).toBeTruthy();
    expect(
      within(role)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toContain('Click Create Role.');
    expect(within(role).getByRole('button', { name: 'Apply…' }).hasAttribute('disabled')).toBe(true);
    expect(within(role).getByRole('button', { name: 'Check / Plan' }).hasAttribute('disabled')).toBe(false);
  });

  it('Check / Plan of one step runs the plan job for that step and shows its result', async () => {
    const answer = deferred<void>();
    const fake = setTransport({
      ...baseHandlers(() => PLANNED),
      'setup:plan': async () => {
        await answer.promise;
        return ok({
          ...PLANNED,
          steps: PLANNED.steps.map((s) =>
            s.id === 'sites' ? { ...s, findings: [{ level: 'info', text: 'Default: 1 engine online.' }] } : s,
          ),
        });
      },
    });
    renderWithClient(<SetupPage />);
    const sites = await stepRegion(5, 'Sites');
    fireEvent.click(within(sites).getByRole('button', { name: 'Check / Plan' }));
    expect(await within(sites).findByRole('progressbar', { name: 'Sites: plan running' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Apply all…' }).hasAttribute('disabled')).toBe(true);
    answer.resolve();
    expect(await within(sites).findByText('Default: 1 engine online.')).toBeTruthy();
    const call = fake.calls.find((c) => c.channel === 'setup:plan');
    expect(call?.payload).toEqual({ wizardId: 'cache-pipeline', stepIds: ['sites'] });
    expect(call?.requestId).toMatch(/^setup-plan/);
  });
});

describe('Setup: the apply confirmation', () => {
  afterEach(() => cleanup());

  it('lists exactly the step’s creates and updates, and applies only the ticked ones of the shown plan', async () => {
    const fake = setTransport({ ...baseHandlers(() => PLANNED), 'setup:apply': () => ok(PLANNED) });
    renderWithClient(<SetupPage />);
    const pipeline = await stepRegion(4, 'Event pipeline policy');
    fireEvent.click(within(pipeline).getByRole('button', { name: 'Apply…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply 2 change(s) to Secret Server?' });
    const items = within(within(dialog).getByRole('list', { name: 'Changes to apply' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual(['create Policy “Refresh Credentials Cache”—', 'create Activate the policy—']);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Activate the policy/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply 1 change(s)' }));
    await screen.findByRole('region', { name: '4. Event pipeline policy' });
    expect(fake.calls.filter((c) => c.channel === 'setup:apply').map((c) => c.payload)).toEqual([
      { wizardId: 'cache-pipeline', planId: 'plan-1', confirmed: ['policy'] },
    ]);
  });

  it('Apply all lists every step’s applicable changes, never unchanged, conflict or blocked ones; Cancel writes nothing', async () => {
    const fake = setTransport({ ...baseHandlers(() => PLANNED), 'setup:apply': () => ok(PLANNED) });
    renderWithClient(<SetupPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Apply all…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply 3 change(s) to Secret Server?' });
    const text = within(dialog).getByRole('list', { name: 'Changes to apply' }).textContent ?? '';
    expect(text).toContain('Script “Credentials Cache - Secret Changed”');
    expect(text).not.toMatch(/Script category|Role “Credentials Cache Integration”|Template/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.some((c) => c.channel === 'setup:apply')).toBe(false);
  });
});

describe('Setup: verify', () => {
  afterEach(() => cleanup());

  it('a failed verification names the cause, each cache’s outcome, and links the run in Pipeline activity', async () => {
    const failed: WizardView = {
      ...PLANNED,
      steps: PLANNED.steps.map((s) => (s.id === 'verify' ? { ...s, status: 'failed' } : s)),
      verification: {
        ok: false,
        canary: { id: 42, name: 'Credentials Cache canary' },
        changedAt: '2026-01-01T10:00:00Z',
        runs: [{ runId: 'r-9', pipelineId: 3, pipeline: 'Refresh Credentials Cache - HQ', status: 'Failed' }],
        instances: [
          { profileId: 'hq', name: 'Cache HQ', state: 'failed', reason: 'The cache answered 503.' },
          { profileId: 'br', name: 'Cache Branch', state: 'refreshed', changeToRefreshMs: 1400 },
        ],
        cause: { code: 'cache-unreachable', title: 'The Credentials Cache could not be reached', fix: 'Start the cache service.' } as never,
        failedRun: { runId: 'r-9', pipelineId: 3, link: '#/activity?run=r-9&pipeline=3' },
        message: 'The run failed on Cache HQ.',
      },
    };
    setTransport(baseHandlers(() => failed));
    renderWithClient(<SetupPage />);
    const verify = await stepRegion(6, 'Verify end to end');
    const report = within(verify).getByRole('region', { name: 'Verification' });
    expect(within(report).getByText('Verification failed')).toBeTruthy();
    expect(report.textContent).toContain('The Credentials Cache could not be reached — Start the cache service.');
    expect(within(report).getByRole('link', { name: 'Open the run in Pipeline activity' }).getAttribute('href')).toBe(
      '#/activity?run=r-9&pipeline=3',
    );
    const rows = within(within(report).getByRole('table', { name: 'Credentials Cache confirmations' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['Cache HQfailed—The cache answered 503.', 'Cache Branchrefreshed1.4 s']);
    const run = within(report).getByRole('group', { name: 'Canary run status' });
    expect(within(run).getByText('Failed').closest('[aria-current]')?.getAttribute('aria-current')).toBe('step');
  });
});
