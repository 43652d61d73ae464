// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../contract';
import type { ProfileView } from '../../../contract/channels/connections';
import { ProfileDialog } from '../../../renderer/src/features/connections/ProfileDialog';
import { setTransport } from './fake-transport';
import { descriptionOf, renderWithClient } from './render-helpers';

// Issue 8 item 12: the proxy's credentials are their own fields, the password write-only.
const at = '2026-01-01T00:00:00Z';
const PROXIED: ProfileView = {
  id: 'p9',
  kind: 'secret-server',
  name: 'Behind proxy',
  baseUrl: 'https://ss.corp.example/SecretServer',
  username: 'svc',
  hasPassword: true,
  proxyUrl: 'http://proxy.corp.example:3128',
  proxyUsername: 'proxy-user',
  hasProxyPassword: true,
  createdAt: at,
  updatedAt: at,
};
const ok = <T,>(result: T): Envelope<unknown> => ({ ok: true, result });

describe('profile dialog: proxy credentials (jsdom)', () => {
  afterEach(() => cleanup());

  it('shows the proxy user name, says a proxy password is stored, and sends one only when typed', async () => {
    const fake = setTransport({ 'connections:update': () => ok(PROXIED), 'connections:list': () => ok([PROXIED]) });
    renderWithClient(<ProfileDialog open editing={PROXIED} profiles={[PROXIED]} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Edit Behind proxy' });
    expect((within(dialog).getByRole('textbox', { name: 'Proxy user name' }) as HTMLInputElement).value).toBe('proxy-user');
    const pw = within(dialog).getByLabelText('Proxy password') as HTMLInputElement;
    expect(pw.type).toBe('password');
    expect(pw.value).toBe('');
    expect(descriptionOf(pw)).toBe('Stored — leave empty to keep it');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'connections:update')).toHaveLength(1));
    const sent = (fake.calls.find((c) => c.channel === 'connections:update')?.payload as { profile: Record<string, unknown> }).profile;
    expect(sent).toMatchObject({ proxyUrl: 'http://proxy.corp.example:3128', proxyUsername: 'proxy-user' });
    expect(sent).not.toHaveProperty('proxyPassword');

    fireEvent.change(pw, { target: { value: ' New proxy pw ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'connections:update')).toHaveLength(2));
    expect(fake.calls.filter((c) => c.channel === 'connections:update')[1]?.payload).toMatchObject({
      profile: { proxyPassword: ' New proxy pw ' },
    });
  });

  it('offers the proxy credential fields only once a proxy URL is typed', async () => {
    setTransport({ 'connections:list': () => ok([]) });
    renderWithClient(<ProfileDialog open profiles={[]} onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Add connection' });
    expect(within(dialog).queryByLabelText('Proxy password')).toBeNull();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'HTTPS proxy URL' }), { target: { value: 'http://proxy:3128' } });
    expect(within(dialog).getByLabelText('Proxy password')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Proxy user name' })).toBeTruthy();
  });
});
