import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import type { ProfileInput, ProfileView } from '../../../../contract/channels/connections';
import { ErrorNotice, fieldErrorOf } from '../../components/ErrorNotice';
import { KIND_LABEL } from '../../components/kind-label';
import { emptyForm, formField, formOf, toInput, validate, type FieldErrors, type ProfileForm } from './form';
import { useProfileMutations } from './use-connections';

/** Create or edit a profile; field-level messages from the contract schema and from main. */
export function ProfileDialog({
  open,
  editing,
  profiles,
  onClose,
}: {
  open: boolean;
  editing?: ProfileView;
  profiles: readonly ProfileView[];
  onClose: () => void;
}) {
  const [form, setForm] = useState<ProfileForm>(() => (editing ? formOf(editing) : emptyForm('secret-server')));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  // Bumped on every refused save so focus moves to the first field in error (keyboard and screen reader users land on the message).
  const [refused, setRefused] = useState(0);
  const fieldsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refused) fieldsRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]:not([aria-hidden="true"])')?.focus();
  }, [refused]);
  const { create, update } = useProfileMutations();
  const creating = !editing;
  const saving = create.isPending || update.isPending;
  const ssProfiles = profiles.filter((p) => p.kind === 'secret-server');

  const set = (key: keyof ProfileForm) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setErrors((x) => ({ ...x, [key]: undefined }));
  };
  // The labels of this render's fields, so a server-side field error can be named as the user sees it.
  const labels: Partial<Record<keyof ProfileForm, string>> = {};
  const field = (
    key: keyof ProfileForm,
    label: string,
    opts: { type?: string; helper?: string; required?: boolean; autoFocus?: boolean } = {},
  ) => {
    labels[key] = label;
    return (
      <TextField
        key={key}
        label={label}
        autoFocus={opts.autoFocus}
        value={form[key]}
        onChange={set(key)}
        type={opts.type ?? 'text'}
        required={opts.required}
        error={Boolean(errors[key])}
        helperText={errors[key] ?? opts.helper}
        autoComplete={opts.type === 'password' ? 'new-password' : 'off'}
        fullWidth
        size="small"
      />
    );
  };
  const labelOf = (serverField: string) => {
    const key = formField(serverField);
    return key ? labels[key] : undefined;
  };
  const secretHelper = (has: boolean | undefined) => (editing && has ? 'Stored — leave empty to keep it' : undefined);

  const save = async () => {
    const found = validate(form, creating);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) {
      setRefused((n) => n + 1);
      return;
    }
    const profile = toInput(form) as ProfileInput;
    try {
      if (editing) await update.mutateAsync({ id: editing.id, profile });
      else await create.mutateAsync({ profile });
      onClose();
    } catch (err) {
      const invalid = fieldErrorOf(err);
      const key = formField(invalid?.field);
      if (invalid && key) setErrors((x) => ({ ...x, [key]: invalid.message }));
      setFailure(err);
      setRefused((n) => n + 1);
    }
  };

  const hasSecret = editing && (editing.kind === 'aws' ? editing.hasSecretAccessKey : editing.hasPassword);
  const ssSelect = (label: string, helper: string) => (
    <TextField
      select
      label={label}
      value={form.secretServerProfileId}
      onChange={set('secretServerProfileId')}
      error={Boolean(errors.secretServerProfileId)}
      helperText={errors.secretServerProfileId ?? helper}
      size="small"
      fullWidth
    >
      <MenuItem value="">(none)</MenuItem>
      {ssProfiles.map((p) => (
        <MenuItem key={p.id} value={p.id}>
          {p.name}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="profile-dialog-title">
      <DialogTitle id="profile-dialog-title">{editing ? `Edit ${editing.name}` : 'Add connection'}</DialogTitle>
      {/* A form, so Enter in any field saves (Save is its default button); `contents` keeps the dialog's scrolling layout. */}
      <Box
        component="form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!saving) void save();
        }}
        sx={{ display: 'contents' }}
      >
        {/* The form sits between title and content, so MUI's "title + content" top padding rule no longer applies: set it here. */}
        <DialogContent sx={{ pt: 0 }}>
          <Stack ref={fieldsRef} sx={{ gap: 2, pt: 1 }}>
            <TextField
              select
              label="Kind"
              value={form.kind}
              onChange={(e) => setForm({ ...emptyForm(e.target.value as ProfileForm['kind']), name: form.name })}
              disabled={!creating}
              autoFocus={creating}
              size="small"
            >
              {(Object.keys(KIND_LABEL) as Array<ProfileForm['kind']>).map((k) => (
                <MenuItem key={k} value={k}>
                  {KIND_LABEL[k]}
                </MenuItem>
              ))}
            </TextField>
            {field('name', 'Name', { required: true, autoFocus: !creating })}
            {form.kind === 'secret-server' ? (
              <>
                {field('baseUrl', 'Secret Server URL', { required: true, helper: 'e.g. https://ss.corp.example/SecretServer' })}
                {field('username', 'User name', { required: true })}
                {field('domain', 'Domain', { helper: 'Empty for a local account' })}
                {field('password', 'Password', { type: 'password', required: creating, helper: secretHelper(hasSecret) })}
              </>
            ) : null}
            {form.kind === 'aws' ? (
              <>
                {field('region', 'Region', { required: true })}
                <TextField select label="Credentials" value={form.credentialSource} onChange={set('credentialSource')} size="small">
                  <MenuItem value="static">Access key (stored in the credential store)</MenuItem>
                  <MenuItem value="secret-server">Amazon IAM Key secret in Secret Server</MenuItem>
                  <MenuItem value="default-chain">Default provider chain (environment, profile, instance role)</MenuItem>
                </TextField>
                {form.credentialSource === 'static' ? (
                  <>
                    {field('accessKeyId', 'Access key id', {
                      helper:
                        editing && editing.kind === 'aws' && editing.accessKeyIdHint
                          ? `Stored (${editing.accessKeyIdHint}) — leave empty to keep it`
                          : undefined,
                    })}
                    {field('secretAccessKey', 'Secret access key', { type: 'password', helper: secretHelper(hasSecret) })}
                  </>
                ) : null}
                {form.credentialSource === 'secret-server' ? (
                  <>
                    {ssSelect('Secret Server profile', 'The profile that can read the secret')}
                    {field('secretId', 'Secret id', { helper: 'Id of the "Amazon IAM Key" secret' })}
                  </>
                ) : null}
                {field('endpoint', 'Endpoint override', { helper: 'Demo and tests only; leave empty for AWS' })}
              </>
            ) : null}
            {form.kind === 'credentials-cache' ? (
              <>
                {field('url', 'Credentials Cache URL', { required: true, helper: 'e.g. https://engine01.corp.example/DelineaCredCache' })}
                {field('siteLabel', 'Site / engine')}
                {ssSelect('Secret Server profile for the token', 'Its URL and (unless set below) account are sent to /api/token')}
                {field('username', 'Application account (optional)')}
                {field('domain', 'Domain')}
                {field('password', 'Application account password', { type: 'password', helper: secretHelper(hasSecret) })}
                {field('logPath', 'Log folder (LogPath)')}
              </>
            ) : null}
            {field('caFile', 'Extra trusted CA (PEM file path)', { helper: 'For internal PKI; verification stays on' })}
            {field('proxyUrl', 'HTTPS proxy URL', { helper: 'A user:password@ in the URL is saved as the proxy credentials below' })}
            {form.proxyUrl.trim() ? (
              <>
                {field('proxyUsername', 'Proxy user name')}
                {field('proxyPassword', 'Proxy password', { type: 'password', helper: secretHelper(editing?.hasProxyPassword) })}
              </>
            ) : null}
            <ErrorNotice error={failure} onRetry={() => void save()} fieldLabel={labelOf} fieldShown={(f) => labelOf(f) !== undefined} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={saving}>
            Save
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
