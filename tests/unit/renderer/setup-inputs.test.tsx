// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CachePipelineInputs, WizardView } from '../../../contract/channels/setup';
import { SetupPage } from '../../../renderer/src/features/setup/SetupPage';
import { setTransport } from './fake-transport';
import { renderWithClient } from './render-helpers';
import { baseHandlers, ok, wizardView } from './setup-fixtures';

function setup(initial: WizardView = wizardView()) {
  let view = initial;
  const fake = setTransport({
    ...baseHandlers(() => view),
    'setup:inputs': (payload) => {
      const { inputs } = payload as { inputs: CachePipelineInputs };
      if (inputs.site === 'Branch')
        return {
          ok: false,
          error: { code: 'VALIDATION', message: 'The site has no online engine.', retryable: false, details: { field: 'inputs.site' } },
        };
      return ok((view = { ...view, inputs }));
    },
  });
  return fake;
}

async function pick(label: string, option: RegExp | string) {
  const form = screen.getByRole('form', { name: 'Wizard inputs' });
  fireEvent.mouseDown(within(form).getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('Setup: the inputs form', () => {
  afterEach(() => cleanup());

  it('saves the inputs through setup:inputs, with the picked profile, account, folder, site and caches', async () => {
    const fake = setup();
    renderWithClient(<SetupPage />);
    const form = await screen.findByRole('form', { name: 'Wizard inputs' });
    await pick('Secret Server profile', /SS admin/);
    const account = within(form).getByRole('combobox', { name: 'Application account' });
    fireEvent.change(account, { target: { value: 'svc' } });
    // The account is searched in Secret Server as typed.
    await waitFor(() =>
      expect(fake.calls.some((c) => c.channel === 'setup:users' && (c.payload as { search: string }).search === 'svc')).toBe(true),
    );
    fireEvent.click(await screen.findByRole('option', { name: /svc-cache/ }));
    fireEvent.change(within(form).getByRole('combobox', { name: 'Folder of the connection secrets' }), {
      target: { value: '\\Shared\\Integrations' },
    });
    await pick('Run site', /Default/);
    expect(within(form).getByText('Online: 1 engine(s), 1 online.')).toBeTruthy();
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Cache HQ' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save inputs' }));
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    const saved = fake.calls.find((c) => c.channel === 'setup:inputs')?.payload as { wizardId: string; inputs: CachePipelineInputs };
    expect(saved).toEqual({
      wizardId: 'cache-pipeline',
      inputs: {
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
      },
    });
    // Saved inputs unlock the steps.
    expect(screen.getByRole('button', { name: 'Check and plan all' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows the saved inputs again (the state lives in main) and the lab switch with its warning', async () => {
    setup(
      wizardView({
        inputs: {
          secretServerProfileId: 'ss-admin',
          applicationAccount: 'svc-cache',
          roleName: 'R',
          templateName: 'T',
          folder: '\\Shared\\Integrations',
          site: 'Default',
          credentialsCacheProfileIds: ['br'],
          scriptName: 'S',
          policyName: 'P',
          breakInheritance: true,
          labSkipCertificateCheck: false,
        },
      }),
    );
    renderWithClient(<SetupPage />);
    const form = await screen.findByRole('form', { name: 'Wizard inputs' });
    expect((within(form).getByRole('combobox', { name: 'Application account' }) as HTMLInputElement).value).toBe('svc-cache');
    expect(((await within(form).findByRole('checkbox', { name: 'Cache Branch' })) as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByRole('switch', { name: /Break permission inheritance/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(form).queryByRole('alert')).toBeNull();
    fireEvent.click(within(form).getByRole('switch', { name: /Lab only/ }));
    expect(within(form).getByRole('alert').textContent).toMatch(/Never use this in production/);
    expect(within(form).getByText(/Unsaved changes/)).toBeTruthy();
  });

  it('puts a field error from main under the field it names', async () => {
    setup(
      wizardView({
        inputs: {
          secretServerProfileId: 'ss-admin',
          applicationAccount: 'svc-cache',
          roleName: 'R',
          templateName: 'T',
          folder: '\\Shared',
          site: 'Default',
          credentialsCacheProfileIds: ['hq'],
          scriptName: 'S',
          policyName: 'P',
          breakInheritance: false,
          labSkipCertificateCheck: false,
        },
      }),
    );
    renderWithClient(<SetupPage />);
    await screen.findByRole('form', { name: 'Wizard inputs' });
    await pick('Run site', /Branch/);
    const form = screen.getByRole('form', { name: 'Wizard inputs' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save inputs' }));
    expect(await within(form).findByText('The site has no online engine.')).toBeTruthy();
    expect(within(form).getByText('Check the field “Run site”.')).toBeTruthy();
  });
});
