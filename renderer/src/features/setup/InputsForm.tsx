import { useEffect, useState, type FormEvent } from 'react';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Grid,
  MenuItem,
  Paper,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { CachePipelineInputs } from '../../../../contract/channels/setup';
import { useApiQuery } from '../../api/hooks';
import { ErrorNotice, fieldErrorOf } from '../../components/ErrorNotice';
import { draftField, draftOf, FIELD_LABELS, inputsOf, type InputsDraft } from './inputs-draft';
import { FolderPicker, FoldersPicker, SitePicker, UserPicker } from './Pickers';
import { useSetupLookups } from './use-setup';

/** Props of {@link InputsForm}. */
export interface InputsFormProps {
  /** The saved inputs (null before the first save). */
  readonly saved: CachePipelineInputs | null;
  /** Saves through `setup:inputs`; rejects with the contract's error. */
  readonly onSave: (inputs: CachePipelineInputs) => Promise<unknown>;
  readonly saving: boolean;
  /** A job is running: the inputs stay as they are until it ends. */
  readonly disabled?: boolean;
}

/**
 * The wizard's inputs: the Secret Server profile it signs in with, the application account,
 * folders, run site, the Credentials Cache instances, and the switches. Saved in main, so they
 * survive closing the window; saving sends every step back to "not checked".
 */
export function InputsForm({ saved, onSave, saving, disabled }: InputsFormProps) {
  const [draft, setDraft] = useState<InputsDraft>(() => draftOf(saved));
  const [error, setError] = useState<unknown>(null);
  const savedText = JSON.stringify(saved);
  useEffect(() => setDraft(draftOf(saved)), [savedText]); // eslint-disable-line react-hooks/exhaustive-deps
  const dirty = JSON.stringify(inputsOf(draft)) !== JSON.stringify(saved ? inputsOf(draftOf(saved)) : null);

  const profiles = useApiQuery('connections:list', {});
  const ssProfiles = (profiles.data ?? []).filter((p) => p.kind === 'secret-server');
  const caches = (profiles.data ?? []).filter((p) => p.kind === 'credentials-cache');
  const { folders, sites } = useSetupLookups(draft.secretServerProfileId);

  const set = <K extends keyof InputsDraft>(key: K, value: InputsDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const invalid = fieldErrorOf(error);
  const errorField = invalid ? draftField(invalid.field) : undefined;
  const fieldError = (key: keyof InputsDraft) => (errorField === key ? invalid?.message : undefined);
  const off = disabled || saving;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onSave(inputsOf(draft));
    } catch (err) {
      setError(err);
    }
  };
  const toggleCache = (id: string, on: boolean) =>
    set(
      'credentialsCacheProfileIds',
      on ? [...draft.credentialsCacheProfileIds, id] : draft.credentialsCacheProfileIds.filter((x) => x !== id),
    );

  return (
    <Paper variant="outlined" component="form" aria-label="Wizard inputs" onSubmit={(e) => void submit(e)} sx={{ p: 2, mb: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
        Inputs
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextField
            select
            fullWidth
            required
            label={FIELD_LABELS.secretServerProfileId}
            value={ssProfiles.some((p) => p.id === draft.secretServerProfileId) ? draft.secretServerProfileId : ''}
            onChange={(e) => set('secretServerProfileId', e.target.value)}
            disabled={off}
            error={Boolean(fieldError('secretServerProfileId'))}
            helperText={
              fieldError('secretServerProfileId') ??
              (ssProfiles.length === 0
                ? 'No Secret Server profile yet: add one on Connections, or start the fresh demo above.'
                : 'An account allowed to administer roles, templates, scripts and pipelines.')
            }
          >
            {ssProfiles.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name} — {p.kind === 'secret-server' ? p.username : ''}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <UserPicker
            profileId={draft.secretServerProfileId}
            value={draft.applicationAccount}
            onChange={(v) => set('applicationAccount', v)}
            error={fieldError('applicationAccount')}
            disabled={off}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <FolderPicker
            folders={folders.data ?? []}
            label={FIELD_LABELS.folder}
            helper="Holds one connection secret per cache instance; it must exist."
            value={draft.folder}
            onChange={(v) => set('folder', v)}
            error={fieldError('folder')}
            disabled={off}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <FoldersPicker
            folders={folders.data ?? []}
            value={draft.targetFolders}
            onChange={(v) => set('targetFolders', v)}
            error={fieldError('targetFolders')}
            disabled={off}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <SitePicker
            sites={sites.data ?? []}
            value={draft.site}
            onChange={(v) => set('site', v)}
            error={fieldError('site')}
            disabled={off}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <FormControl component="fieldset" error={Boolean(fieldError('credentialsCacheProfileIds'))} disabled={off}>
            <FormLabel component="legend">{FIELD_LABELS.credentialsCacheProfileIds}</FormLabel>
            <FormGroup row>
              {caches.map((c) => (
                <FormControlLabel
                  key={c.id}
                  label={c.name}
                  control={
                    <Checkbox
                      checked={draft.credentialsCacheProfileIds.includes(c.id)}
                      onChange={(e) => toggleCache(c.id, e.target.checked)}
                    />
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {fieldError('credentialsCacheProfileIds') ??
                (caches.length === 0
                  ? 'No Credentials Cache profile yet: add one on Connections.'
                  : 'One connection secret and one pipeline each.')}
            </FormHelperText>
          </FormControl>
        </Grid>
      </Grid>
      <Accordion variant="outlined" disableGutters sx={{ mt: 2 }}>
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>
          <Typography variant="body2">Names and canary (defaults are fine)</Typography>
        </AccordionSummary>
        <AccordionDetails>
          <Grid container spacing={2}>
            {(['roleName', 'templateName', 'scriptName', 'policyName'] as const).map((k) => (
              <Grid key={k} size={{ xs: 12, md: 6 }}>
                <TextField
                  fullWidth
                  label={FIELD_LABELS[k]}
                  value={draft[k]}
                  onChange={(e) => set(k, e.target.value)}
                  disabled={off}
                  error={Boolean(fieldError(k))}
                  helperText={fieldError(k) ?? 'Found or created with this name.'}
                />
              </Grid>
            ))}
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField
                fullWidth
                label={FIELD_LABELS.canarySecretId}
                value={draft.canarySecretId}
                onChange={(e) => set('canarySecretId', e.target.value.replace(/[^0-9]/g, ''))}
                disabled={off}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                error={Boolean(fieldError('canarySecretId'))}
                helperText={fieldError('canarySecretId') ?? 'Empty: the wizard creates “Credentials Cache canary” in a watched folder.'}
              />
            </Grid>
          </Grid>
        </AccordionDetails>
      </Accordion>
      <Stack sx={{ mt: 2, gap: 1 }}>
        <FormControlLabel
          disabled={off}
          control={<Switch checked={draft.breakInheritance} onChange={(e) => set('breakInheritance', e.target.checked)} />}
          label="Break permission inheritance on the connection secrets (the guide clears “Inherit permissions”)"
        />
        <FormControlLabel
          disabled={off}
          control={
            <Switch
              color="warning"
              checked={draft.labSkipCertificateCheck}
              onChange={(e) => set('labSkipCertificateCheck', e.target.checked)}
            />
          }
          label="Lab only: the script skips certificate checks"
        />
        {draft.labSkipCertificateCheck ? (
          <Alert severity="warning" role="alert">
            Lab only. The generated script will accept any certificate from the Credentials Cache, so anyone on the network path can read
            the client secret it sends. Never use this in production: install a trusted certificate on the cache instead.
          </Alert>
        ) : null}
      </Stack>
      <ErrorNotice
        error={error}
        title="The inputs were not saved"
        fieldLabel={(f) => {
          const k = draftField(f);
          return k ? FIELD_LABELS[k] : undefined;
        }}
        fieldShown={(f) => draftField(f) !== undefined}
        sx={{ mt: 2 }}
      />
      <ErrorNotice error={profiles.error} title="Profiles could not be read" sx={{ mt: 2 }} />
      <ErrorNotice error={folders.error} title="Folders could not be read" sx={{ mt: 2 }} />
      <ErrorNotice error={sites.error} title="Sites could not be read" sx={{ mt: 2 }} />
      <Box sx={{ mt: 2, display: 'flex', gap: 2, alignItems: 'center' }}>
        <Button type="submit" variant="contained" disabled={off || (!dirty && saved !== null)}>
          {saving ? 'Saving…' : 'Save inputs'}
        </Button>
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          {dirty ? 'Unsaved changes: saving sends every step back to “not checked”.' : saved ? 'Saved.' : ''}
        </Typography>
      </Box>
    </Paper>
  );
}
