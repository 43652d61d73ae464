// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { DiagnosticsResult, ProfileView, SecretServerProfileView } from '../../../contract/channels/connections';
import { ConnectionsPage } from '../../../renderer/src/features/connections/ConnectionsPage';
import { setTransport } from './fake-transport';
import { deferred, renderWithClient } from './render-helpers';
import { at, callsTo, findRow, names, ok, PROFILES, row, stage, type Fake } from './connections-fixtures';

describe('Connections table: tests, details, search and focus (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    fake = setTransport({ 'connections:list': () => ok(PROFILES) });
  });
  afterEach(() => cleanup());

  it('Test streams each stage into the row and, on demand, the details (pass, skipped, fail with the fix); the verdict is announced', async () => {
    const reply = deferred<Envelope<unknown>>();
    fake.handlers['connections:test'] = () => reply.promise;
    renderWithClient(<ConnectionsPage />);
    await findRow('HQ Secret Server');
    fireEvent.click(screen.getByRole('button', { name: 'Test HQ Secret Server' }));

    await waitFor(() => expect(callsTo(fake, 'connections:test')).toHaveLength(1));
    const call = callsTo(fake, 'connections:test')[0]!;
    expect(call.payload).toEqual({ id: 'p1' });
    await waitFor(() => expect(within(row('HQ Secret Server')).getByText('Testing…')).toBeTruthy());
    // One test at a time: every Test button waits.
    expect(screen.getByRole('button', { name: 'Test AWS prod' })).toHaveProperty('disabled', true);

    const fix = 'Check the user name and password of svc_console, or unlock the account in Secret Server.';
    const streamed = [
      stage('dns', 'DNS', 'pass', { durationMs: 2, detail: 'ss.corp.example → 10.0.0.5' }),
      stage('tcp', 'TCP', 'pass', { durationMs: 5 }),
      stage('tls', 'TLS', 'skipped', { detail: 'http:// URL: no TLS' }),
      stage('http', 'HTTP', 'pass', { durationMs: 20 }),
      stage('auth', 'Authentication', 'fail', { durationMs: 31, detail: 'Wrong username or password', fix }),
      stage('permissions', 'Permissions', 'pending'),
    ];
    // Progress of some other request is not this test's.
    act(() =>
      fake.emit('job:event', {
        jobId: 'someone-else',
        kind: 'connections:test',
        seq: 1,
        type: 'progress',
        progress: { done: 1, data: { stages: [stage('dns', 'DNS', 'fail')] } },
      }),
    );
    expect(within(row('HQ Secret Server')).queryByRole('list')).toBeNull();
    act(() =>
      fake.emit('job:event', {
        jobId: call.requestId,
        kind: 'connections:test',
        seq: 1,
        type: 'progress',
        progress: { done: 5, total: 6, data: { stages: streamed } },
      }),
    );

    const strip = within(row('HQ Secret Server')).getByRole('list', { name: 'Stages of HQ Secret Server' });
    const stripStatus = (id: string) => strip.querySelector(`[data-stage="${id}"]`)?.getAttribute('data-status');
    expect(['dns', 'tcp', 'tls', 'http', 'auth', 'permissions'].map(stripStatus)).toEqual([
      'pass',
      'pass',
      'skipped',
      'pass',
      'fail',
      'pending',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Details of HQ Secret Server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test results for HQ Secret Server' });
    const status = within(dialog).getByRole('status');
    expect(status.textContent).toBe('');
    const list = within(dialog).getByRole('list', { name: 'Diagnostic stages' });
    expect(within(list).getAllByRole('img', { name: 'passed' })).toHaveLength(3);
    expect(within(list).getByRole('img', { name: 'skipped' })).toBeTruthy();
    expect(within(list).getByRole('img', { name: 'failed' })).toBeTruthy();
    expect(within(list).getByText('http:// URL: no TLS')).toBeTruthy();
    expect(within(list).getByTestId('stage-fix').textContent).toBe(`Fix: ${fix}`);

    const final: DiagnosticsResult = {
      profileId: 'p1',
      kind: 'secret-server',
      ok: false,
      startedAt: at,
      finishedAt: at,
      failedStage: 'auth',
      stages: [...streamed.slice(0, 5), stage('permissions', 'Permissions', 'skipped', { detail: 'Not checked: authentication failed' })],
    };
    await act(async () => reply.resolve(ok(final)));
    await waitFor(() => expect(status.textContent).toBe('Failed at Authentication.'));
    expect(within(dialog).getByRole('status')).toBe(status);
    expect(list.querySelector('[data-stage="permissions"]')?.getAttribute('data-status')).toBe('skipped');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(row('HQ Secret Server')).getByText('Failed: authentication')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Test HQ Secret Server' })).toHaveProperty('disabled', false);
  });

  it('Test announces success in the details, and Cancel aborts the running test by its request id', async () => {
    const passed = (id: string): DiagnosticsResult => ({
      profileId: id,
      kind: 'credentials-cache',
      ok: true,
      startedAt: at,
      finishedAt: at,
      stages: [stage('dns', 'DNS', 'pass'), stage('http', 'HTTP', 'pass')],
    });
    fake.handlers['connections:test'] = (payload) => ok(passed((payload as { id: string }).id));
    renderWithClient(<ConnectionsPage />);
    await findRow('Engine host HQ');
    fireEvent.click(screen.getByRole('button', { name: 'Test Engine host HQ' }));
    await waitFor(() => expect(within(row('Engine host HQ')).getByText('Passed')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Details of Engine host HQ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test results for Engine host HQ' });
    expect(within(dialog).getByRole('status').textContent).toBe('Connection works: every stage passed.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const reply = deferred<Envelope<unknown>>();
    fake.handlers['connections:test'] = () => reply.promise;
    fake.handlers['jobs:cancel'] = () => {
      reply.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Test connection was cancelled.', retryable: false } });
      return ok({ cancelled: true });
    };
    fireEvent.click(screen.getByRole('button', { name: 'Test AWS prod' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel tests' }));
    expect(await within(row('AWS prod')).findByText('Test connection was cancelled.')).toBeTruthy();
    const testCall = callsTo(fake, 'connections:test').at(-1)!;
    expect(callsTo(fake, 'jobs:cancel').map((c) => c.payload)).toEqual([{ jobId: testCall.requestId }]);
  });

  it('Test all runs one profile after another with per-row progress', async () => {
    const replies = new Map<string, ReturnType<typeof deferred<Envelope<unknown>>>>();
    fake.handlers['connections:test'] = (payload) => {
      const d = deferred<Envelope<unknown>>();
      replies.set((payload as { id: string }).id, d);
      return d.promise;
    };
    const result = (id: string, okay: boolean): DiagnosticsResult => ({
      profileId: id,
      kind: 'secret-server',
      ok: okay,
      startedAt: at,
      finishedAt: at,
      ...(okay ? {} : { failedStage: 'tcp' as const }),
      stages: [stage('dns', 'DNS', 'pass'), stage('tcp', 'TCP', okay ? 'pass' : 'fail')],
    });
    renderWithClient(<ConnectionsPage />);
    await findRow('HQ Secret Server');
    fireEvent.click(screen.getByRole('button', { name: 'Test all' }));
    await waitFor(() => expect(within(row('HQ Secret Server')).getByText('Testing…')).toBeTruthy());
    expect(within(row('Engine host HQ')).getByText('Queued')).toBeTruthy();
    expect(within(row('AWS prod')).getByText('Queued')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Test all' })).toHaveProperty('disabled', true);

    await act(async () => replies.get('p1')!.resolve(ok(result('p1', true))));
    await waitFor(() => expect(within(row('Engine host HQ')).getByText('Testing…')).toBeTruthy());
    expect(within(row('HQ Secret Server')).getByText('Passed')).toBeTruthy();
    expect(within(row('AWS prod')).getByText('Queued')).toBeTruthy();
    await act(async () => replies.get('p2')!.resolve(ok(result('p2', false))));
    await waitFor(() => expect(within(row('AWS prod')).getByText('Testing…')).toBeTruthy());
    await act(async () => replies.get('p3')!.resolve(ok(result('p3', true))));
    await waitFor(() => expect(within(row('AWS prod')).getByText('Passed')).toBeTruthy());
    expect(within(row('Engine host HQ')).getByText('Failed: TCP')).toBeTruthy();
    expect(callsTo(fake, 'connections:test').map((c) => c.payload)).toEqual([{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }]);
  });

  it('the last test kept from before a restart shows its stages on demand', async () => {
    const kept = [
      stage('dns', 'DNS', 'pass', { detail: 'engine01.corp.example → 10.0.2.7' }),
      stage('tcp', 'TCP connect', 'fail', { detail: 'connect ECONNREFUSED 10.0.2.7:443', fix: 'Start the service or open port 443.' }),
    ];
    fake.handlers['connections:list'] = () =>
      ok(PROFILES.map((p) => (p.id === 'p2' ? { ...p, lastTest: { ...p.lastTest!, stages: kept } } : p)));
    renderWithClient(<ConnectionsPage />);
    const r = await findRow('Engine host HQ');
    expect(within(r).getByRole('list', { name: 'Stages of Engine host HQ' }).querySelectorAll('[data-stage]')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Details of Engine host HQ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Test results for Engine host HQ' });
    expect(within(dialog).getByRole('status').textContent).toBe('Failed at TCP connect.');
    expect(within(dialog).getByTestId('stage-fix').textContent).toBe('Fix: Start the service or open port 443.');
    expect(within(dialog).getByText(/^tested .* ago$/)).toBeTruthy();
    expect(callsTo(fake, 'connections:test')).toHaveLength(0);
  });

  it('search, kind filter and sorting by a column header', async () => {
    renderWithClient(<ConnectionsPage />);
    await findRow('HQ Secret Server');
    expect(names()).toEqual(['HQ Secret Server', 'Engine host HQ', 'AWS prod']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search connections' }), { target: { value: 'engine01' } });
    await waitFor(() => expect(names()).toEqual(['Engine host HQ']));
    expect(screen.getByRole('button', { name: 'Test all 1 shown' })).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search connections' }), { target: { value: '' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'AWS Secrets Manager' }));
    await waitFor(() => expect(names()).toEqual(['AWS prod']));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'All kinds' }));
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByRole('columnheader', { name: 'Name' }));
    await waitFor(() => expect(names()).toEqual(['AWS prod', 'Engine host HQ', 'HQ Secret Server']));
  });

  it('a newly saved profile is selected and focused in the table', async () => {
    const added: ProfileView = {
      ...(PROFILES[0] as SecretServerProfileView),
      id: 'p9',
      name: 'Branch SS',
      baseUrl: 'https://ss2.corp.example/SecretServer',
    };
    let saved = false;
    fake.handlers['connections:list'] = () => ok(saved ? [...PROFILES, added] : PROFILES);
    fake.handlers['connections:create'] = () => {
      saved = true;
      return ok(added);
    };
    renderWithClient(<ConnectionsPage />);
    await findRow('HQ Secret Server');
    // Filtered to AWS: the new Secret Server profile must still come into view.
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'AWS Secrets Manager' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Branch SS' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Secret Server URL' }), {
      target: { value: 'https://ss2.corp.example/SecretServer' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'User name' }), { target: { value: 'svc_console' } });
    fireEvent.change(within(dialog).getByLabelText(/^Password/), { target: { value: 'Typed-Pass-1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const r = await findRow('Branch SS');
    await waitFor(() => expect(r.getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(r.contains(document.activeElement)).toBe(true));
    expect(names()).toHaveLength(4);
  });
});
