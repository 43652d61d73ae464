// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { DiagnosticStage, DiagnosticsResult, ProfileView } from '../../../contract/channels/connections';
import { ConnectionsPage } from '../../../renderer/src/features/connections/ConnectionsPage';
import { setTransport } from './fake-transport';
import { deferred, descriptionOf, pressEnter, renderWithClient } from './render-helpers';

const at = '2026-01-01T00:00:00Z';
const PROFILES: ProfileView[] = [
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

const stage = (id: DiagnosticStage['id'], label: string, status: DiagnosticStage['status'], extra: Partial<DiagnosticStage> = {}) => ({
  id,
  label,
  status,
  ...extra,
});

const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });

type Fake = ReturnType<typeof setTransport>;

function callsTo(fake: Fake, channel: string) {
  return fake.calls.filter((c) => c.channel === channel);
}

function card(name: string) {
  return screen.getByRole('article', { name: `Connection ${name}` });
}

describe('Connections screen (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    fake = setTransport({ 'connections:list': () => ok(PROFILES) });
  });
  afterEach(() => cleanup());

  it('lists every profile with the state of its last test', async () => {
    renderWithClient(<ConnectionsPage />);
    await screen.findByRole('article', { name: 'Connection HQ Secret Server' });
    expect(within(card('HQ Secret Server')).getByText('Not tested')).toBeTruthy();
    expect(within(card('HQ Secret Server')).getByText(/CORP\\svc_console/)).toBeTruthy();
    expect(within(card('Engine host HQ')).getByText('Last test failed: TCP')).toBeTruthy();
    expect(within(card('AWS prod')).getByText('Last test passed')).toBeTruthy();
    // Each card's buttons say which profile they act on.
    expect(screen.getByRole('button', { name: 'Edit AWS prod' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete AWS prod' })).toBeTruthy();
  });

  it('Add connection: focus starts on the first field, Enter saves what was typed, and the list refetches', async () => {
    fake.handlers['connections:create'] = () => ok(PROFILES[0]);
    renderWithClient(<ConnectionsPage />);
    await screen.findByRole('article', { name: 'Connection HQ Secret Server' });
    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('combobox', { name: 'Kind' })));

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Branch SS' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Secret Server URL' }), {
      target: { value: 'https://ss2.corp.example/SecretServer' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'User name' }), { target: { value: 'svc_branch' } });
    const password = within(dialog).getByLabelText(/^Password/);
    fireEvent.change(password, { target: { value: 'Typed-Pass-1' } });
    pressEnter(password);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo(fake, 'connections:create').map((c) => c.payload)).toEqual([
      {
        profile: {
          kind: 'secret-server',
          name: 'Branch SS',
          baseUrl: 'https://ss2.corp.example/SecretServer',
          username: 'svc_branch',
          password: 'Typed-Pass-1',
        },
      },
    ]);
    await waitFor(() => expect(callsTo(fake, 'connections:list').length).toBeGreaterThan(1));
  });

  it('checks the form before sending, names the fields, and focuses the first one in error', async () => {
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add connection' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    const url = within(dialog).getByRole('textbox', { name: 'Secret Server URL' });
    fireEvent.change(url, { target: { value: 'not a url' } });
    pressEnter(url);

    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(descriptionOf(name)).toBe('Enter a name'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(url)).toBe('The Secret Server URL must be an http:// or https:// URL');
    expect(document.activeElement).toBe(name);
    expect(callsTo(fake, 'connections:create')).toHaveLength(0);
  });

  it('shows a field error returned by main under that field and keeps everything typed', async () => {
    const field = 'password';
    const message = 'Enter the password of the application account, or clear the user name to use the Secret Server profile.';
    fake.handlers['connections:create'] = () => ({
      ok: false,
      error: { code: 'VALIDATION', message, retryable: false, details: { field } },
    });
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add connection' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'Kind' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Credentials Cache' }));

    const typed = {
      Name: 'Engine host Branch',
      'Credentials Cache URL': 'https://engine02.corp.example/DelineaCredCache',
      'Application account (optional)': 'svc_app',
    };
    for (const [label, value] of Object.entries(typed))
      fireEvent.change(within(dialog).getByRole('textbox', { name: label }), { target: { value } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    const password = within(dialog).getByLabelText('Application account password');
    await waitFor(() => expect(descriptionOf(password)).toBe(message));
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(password);
    expect(screen.getByRole('dialog', { name: 'Add connection' })).toBe(dialog);
    for (const [label, value] of Object.entries(typed))
      expect((within(dialog).getByRole('textbox', { name: label }) as HTMLInputElement).value).toBe(value);
    expect(callsTo(fake, 'connections:create')[0]?.payload).toMatchObject({ profile: { kind: 'credentials-cache', username: 'svc_app' } });

    // Typing in the field clears its message.
    fireEvent.change(password, { target: { value: 'App-Pass-1' } });
    expect(password.getAttribute('aria-invalid')).toBe('false');
  });

  it('maps a schema error on `profile.<field>` to the field, and shows other errors above the buttons', async () => {
    const replies: Envelope<unknown>[] = [
      {
        ok: false,
        error: { code: 'VALIDATION', message: 'Keep the name under 100 characters', retryable: false, details: { field: 'profile.name' } },
      },
      { ok: false, error: { code: 'STORE_LOCKED', message: 'The credential store is locked.', retryable: true } },
    ];
    fake.handlers['connections:update'] = () => replies.shift()!;
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit HQ Secret Server' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit HQ Secret Server' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    pressEnter(name);
    await waitFor(() => expect(descriptionOf(name)).toBe('Keep the name under 100 characters'));

    expect(within(dialog).getByRole('alert').textContent).toBe('Check the field “Name”.');

    pressEnter(name);
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/^The credential store is locked\./));
    // An AUTH-type code: the fix is on the Connections screen, not a Retry.
    expect(within(within(dialog).getByRole('alert')).getByRole('link', { name: 'Open Connections' }).getAttribute('href')).toBe(
      '#/connections',
    );
    expect(within(dialog).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('dialog')).toBe(dialog);
  });

  it('credentials are write-only: an edit shows that a password is stored, never a value, and sends one only when typed', async () => {
    fake.handlers['connections:update'] = () => ok(PROFILES[0]);
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit HQ Secret Server' }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit HQ Secret Server' });
    // Kind cannot change on an edit, so focus starts on the name.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Name' })));
    let password = within(dialog).getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.type).toBe('password');
    expect(descriptionOf(password)).toBe('Stored — leave empty to keep it');

    const user = within(dialog).getByRole('textbox', { name: 'User name' });
    fireEvent.change(user, { target: { value: 'svc_console2' } });
    pressEnter(user);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const first = callsTo(fake, 'connections:update')[0]?.payload as { id: string; profile: Record<string, unknown> };
    expect(first.id).toBe('p1');
    expect(first.profile).toMatchObject({ kind: 'secret-server', username: 'svc_console2', domain: 'CORP' });
    expect(first.profile).not.toHaveProperty('password');

    fireEvent.click(screen.getByRole('button', { name: 'Edit HQ Secret Server' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit HQ Secret Server' });
    password = within(dialog).getByLabelText('Password') as HTMLInputElement;
    fireEvent.change(password, { target: { value: 'Rotated-Pass-2' } });
    pressEnter(password);
    await waitFor(() => expect(callsTo(fake, 'connections:update')).toHaveLength(2));
    expect(callsTo(fake, 'connections:update')[1]?.payload).toMatchObject({ id: 'p1', profile: { password: 'Rotated-Pass-2' } });
  });

  it('an AWS edit shows the stored key by its hint only and sends neither key unless typed', async () => {
    fake.handlers['connections:update'] = () => ok(PROFILES[2]);
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit AWS prod' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit AWS prod' });
    const keyId = within(dialog).getByRole('textbox', { name: 'Access key id' }) as HTMLInputElement;
    const secret = within(dialog).getByLabelText('Secret access key') as HTMLInputElement;
    expect(keyId.value).toBe('');
    expect(descriptionOf(keyId)).toBe('Stored (…0001) — leave empty to keep it');
    expect(secret.value).toBe('');
    expect(descriptionOf(secret)).toBe('Stored — leave empty to keep it');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(callsTo(fake, 'connections:update')).toHaveLength(1));
    const sent = (callsTo(fake, 'connections:update')[0]?.payload as { profile: Record<string, unknown> }).profile;
    expect(sent).toMatchObject({ kind: 'aws', region: 'eu-west-1', credentialSource: 'static' });
    expect(sent).not.toHaveProperty('accessKeyId');
    expect(sent).not.toHaveProperty('secretAccessKey');
  });

  it('Escape and Cancel close the dialog without saving', async () => {
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add connection' }));
    let dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), { target: { value: 'Half typed' } });
    fireEvent.keyDown(within(dialog).getByRole('textbox', { name: 'Name' }), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    // A fresh dialog: nothing left over from the abandoned one.
    expect((within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo(fake, 'connections:create')).toHaveLength(0);
  });

  it('Test connection streams each stage (pass, skipped, fail with the fix) and announces the result', async () => {
    const reply = deferred<Envelope<unknown>>();
    fake.handlers['connections:test'] = () => reply.promise;
    renderWithClient(<ConnectionsPage />);
    await screen.findByRole('article', { name: 'Connection HQ Secret Server' });
    fireEvent.click(within(card('HQ Secret Server')).getByRole('button', { name: 'Test connection' }));

    await waitFor(() => expect(callsTo(fake, 'connections:test')).toHaveLength(1));
    const call = callsTo(fake, 'connections:test')[0]!;
    expect(call.payload).toEqual({ id: 'p1' });
    const results = await screen.findByRole('region', { name: 'Test results for HQ Secret Server' });
    const status = within(results).getByRole('status');
    expect(status.textContent).toBe('');
    expect(within(card('HQ Secret Server')).getByRole('button', { name: 'Testing…' })).toHaveProperty('disabled', true);

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
    expect(within(results).queryByRole('list')).toBeNull();
    act(() =>
      fake.emit('job:event', {
        jobId: call.requestId,
        kind: 'connections:test',
        seq: 1,
        type: 'progress',
        progress: { done: 5, total: 6, data: { stages: streamed } },
      }),
    );

    const list = within(results).getByRole('list', { name: 'Diagnostic stages' });
    const statusOf = (id: string) => list.querySelector(`[data-stage="${id}"]`)?.getAttribute('data-status');
    expect(['dns', 'tcp', 'tls', 'http', 'auth', 'permissions'].map(statusOf)).toEqual([
      'pass',
      'pass',
      'skipped',
      'pass',
      'fail',
      'pending',
    ]);
    expect(within(list).getAllByRole('img', { name: 'passed' })).toHaveLength(3);
    expect(within(list).getByRole('img', { name: 'skipped' })).toBeTruthy();
    expect(within(list).getByRole('img', { name: 'failed' })).toBeTruthy();
    expect(within(list).getByText('http:// URL: no TLS')).toBeTruthy();
    expect(within(list).getByTestId('stage-fix').textContent).toBe(`Fix: ${fix}`);
    expect(status.textContent).toBe('');

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
    expect(within(results).getByRole('status')).toBe(status);
    expect(list.querySelector('[data-stage="permissions"]')?.getAttribute('data-status')).toBe('skipped');
    expect(within(card('HQ Secret Server')).getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', false);
  });

  it('Test connection announces success, and Cancel aborts the running test by its request id', async () => {
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
    await screen.findByRole('article', { name: 'Connection Engine host HQ' });
    fireEvent.click(within(card('Engine host HQ')).getByRole('button', { name: 'Test connection' }));
    const results = await screen.findByRole('region', { name: 'Test results for Engine host HQ' });
    await waitFor(() => expect(within(results).getByRole('status').textContent).toBe('Connection works: every stage passed.'));

    const reply = deferred<Envelope<unknown>>();
    fake.handlers['connections:test'] = () => reply.promise;
    fake.handlers['jobs:cancel'] = () => {
      reply.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Test connection was cancelled.', retryable: false } });
      return ok({ cancelled: true });
    };
    fireEvent.click(within(card('AWS prod')).getByRole('button', { name: 'Test connection' }));
    fireEvent.click(await within(card('AWS prod')).findByRole('button', { name: 'Cancel' }));
    expect(await within(card('AWS prod')).findByText('Test connection was cancelled.')).toBeTruthy();
    const testCall = callsTo(fake, 'connections:test').at(-1)!;
    expect(callsTo(fake, 'jobs:cancel').map((c) => c.payload)).toEqual([{ jobId: testCall.requestId }]);
  });

  it('Delete asks first: focus on Cancel, Escape keeps the profile, confirming deletes it', async () => {
    fake.handlers['connections:delete'] = () => ok({ deleted: true });
    renderWithClient(<ConnectionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Engine host HQ' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete Engine host HQ?' });
    expect(descriptionOf(dialog)).toMatch(/stored credentials are removed from this computer/);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' })));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo(fake, 'connections:delete')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete Engine host HQ' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete Engine host HQ?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(callsTo(fake, 'connections:delete').map((c) => c.payload)).toEqual([{ id: 'p2' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
