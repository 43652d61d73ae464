// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import { ConnectionsPage } from '../../../renderer/src/features/connections/ConnectionsPage';
import { setTransport } from './fake-transport';
import { descriptionOf, pressEnter, renderWithClient } from './render-helpers';
import { callsTo, findRow, ok, PROFILES, row, type Fake } from './connections-fixtures';

describe('Connections screen (jsdom)', () => {
  let fake: Fake;
  beforeEach(() => {
    fake = setTransport({ 'connections:list': () => ok(PROFILES) });
  });
  afterEach(() => cleanup());

  it('lists every profile in a table row with the state of its last test and when it ran', async () => {
    renderWithClient(<ConnectionsPage />);
    await findRow('HQ Secret Server');
    expect(within(row('HQ Secret Server')).getByText('Not tested')).toBeTruthy();
    expect(within(row('HQ Secret Server')).getByText(/CORP\\svc_console/)).toBeTruthy();
    expect(within(row('Engine host HQ')).getByText('Failed: TCP')).toBeTruthy();
    expect(within(row('AWS prod')).getByText('Passed')).toBeTruthy();
    expect(
      within(row('AWS prod'))
        .getByText(/^tested .* ago$/)
        .getAttribute('title'),
    ).toMatch(/UTC\)$/);
    // Each row's buttons say which profile they act on.
    expect(screen.getByRole('button', { name: 'Edit AWS prod' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete AWS prod' })).toBeTruthy();
  });

  it('Add connection: focus starts on the first field, Enter saves what was typed, and the list refetches', async () => {
    fake.handlers['connections:create'] = () => ok(PROFILES[0]);
    renderWithClient(<ConnectionsPage />);
    await findRow('HQ Secret Server');
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
