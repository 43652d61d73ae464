import { useEffect, useState } from 'react';
import { Autocomplete, Box, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { SetupFolderOption, SetupSiteOption } from '../../../../contract/channels/setup';
import { useApiQuery } from '../../api/hooks';

/** Props shared by the pickers: the field's value, its change, and the error shown under it. */
interface PickerProps<T> {
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly error?: string;
  readonly disabled?: boolean;
}

/** The text typed, settled for `ms` (so a search is not sent for every key). */
function useSettled(text: string, ms = 300): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(t);
  }, [text, ms]);
  return settled;
}

/** The application account: type a name, pick from the users Secret Server finds (`setup:users`). */
export function UserPicker({ profileId, value, onChange, error, disabled }: PickerProps<string> & { readonly profileId: string }) {
  const search = useSettled(value);
  const users = useApiQuery('setup:users', { profileId, search }, { enabled: profileId !== '', staleTime: 30_000 });
  const options = users.data ?? [];
  return (
    <Autocomplete
      freeSolo
      disabled={disabled}
      options={options.map((u) => u.userName)}
      inputValue={value}
      onInputChange={(_, v) => onChange(v)}
      loading={users.isFetching}
      filterOptions={(x) => x}
      renderOption={({ key, ...props }, userName) => {
        const u = options.find((o) => o.userName === userName);
        return (
          <li key={key} {...props}>
            <Box>
              <Typography variant="body2">{userName}</Typography>
              <Typography variant="caption" color="text.secondary">
                {[u?.displayName, u?.isApplicationAccount ? 'application account' : 'user', u && !u.enabled ? 'disabled' : '']
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            </Box>
          </li>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Application account"
          required
          error={Boolean(error) || Boolean(users.error)}
          helperText={
            error ??
            (users.error ? `Users could not be searched: ${users.error.message}` : 'The account the caches sign in with; type to search.')
          }
        />
      )}
    />
  );
}

/** One folder path (free text allowed: main resolves it at check time). */
export function FolderPicker({
  folders,
  label,
  helper,
  value,
  onChange,
  error,
  disabled,
}: PickerProps<string> & { readonly folders: readonly SetupFolderOption[]; readonly label: string; readonly helper: string }) {
  return (
    <Autocomplete
      freeSolo
      disabled={disabled}
      options={folders.map((f) => f.path).sort()}
      inputValue={value}
      onInputChange={(_, v) => onChange(v)}
      renderInput={(params) => <TextField {...params} label={label} required error={Boolean(error)} helperText={error ?? helper} />}
    />
  );
}

/** Several folder paths (the folders the policy watches). */
export function FoldersPicker({
  folders,
  value,
  onChange,
  error,
  disabled,
}: PickerProps<readonly string[]> & { readonly folders: readonly SetupFolderOption[] }) {
  return (
    <Autocomplete
      multiple
      freeSolo
      disabled={disabled}
      options={folders.map((f) => f.path).sort()}
      value={[...value]}
      onChange={(_, v) => onChange(v)}
      renderValue={(selected, getItemProps) =>
        selected.map((option, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" label={option} {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Folders the policy watches"
          error={Boolean(error)}
          helperText={error ?? 'A password change of a secret in these folders refreshes the caches. Empty: the folder above.'}
        />
      )}
    />
  );
}

/** Engines of a site in words: "2 engines, 1 online". */
export function enginesText(site: SetupSiteOption): string {
  const online = site.engines.filter((e) => e.connection === 'Online').length;
  return site.engines.length === 0 ? 'no engine' : `${site.engines.length} engine(s), ${online} online`;
}

/** The run site, with its engines' state now. */
export function SitePicker({
  sites,
  value,
  onChange,
  error,
  disabled,
}: PickerProps<string> & { readonly sites: readonly SetupSiteOption[] }) {
  const known = sites.some((s) => s.name === value);
  const chosen = sites.find((s) => s.name === value);
  return (
    <TextField
      select
      label="Run site"
      required
      disabled={disabled}
      value={known ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(error) || (chosen !== undefined && !chosen.online)}
      helperText={
        error ??
        (chosen
          ? chosen.online
            ? `Online: ${enginesText(chosen)}.`
            : `No online engine (${enginesText(chosen)}): the script cannot run here.`
          : value && !known
            ? `“${value}” is not among the sites this profile sees.`
            : 'The Distributed Engine site that runs the script.')
      }
    >
      {sites.map((s) => (
        <MenuItem key={s.id} value={s.name}>
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', width: '100%' }}>
            <span>{s.name}</span>
            <Chip size="small" color={s.online ? 'success' : 'warning'} variant="outlined" label={s.online ? 'online' : 'offline'} />
            <Typography variant="caption" color="text.secondary">
              {enginesText(s)}
            </Typography>
          </Stack>
        </MenuItem>
      ))}
    </TextField>
  );
}
