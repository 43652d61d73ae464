import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  InputLabel,
  ListItemText,
  MenuItem,
  OutlinedInput,
  Select,
  Stack,
  Switch,
  TextField,
} from '@mui/material';
import { RUN_STATUSES, type RunStatus } from '../../../../contract/channels/activity';
import { PolicyFilters } from './PolicyFilters';
import { fromLocalInput, toLocalInput, type RouteFilter } from './route';

const PRESETS = [
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 h', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

/** Props of {@link RunFilters}. */
export interface RunFiltersProps {
  readonly filter: RouteFilter;
  readonly onChange: (next: RouteFilter) => void;
  readonly profiles: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** True when main asked for a profile (several exist and none is chosen). */
  readonly needProfile: boolean;
  /** Names for the policy / pipeline chips (from the rows shown), else their ids. */
  readonly policyName?: string;
  readonly pipelineName?: string;
}

function without<K extends keyof RouteFilter>(f: RouteFilter, ...keys: K[]): RouteFilter {
  const copy: Record<string, unknown> = { ...f };
  for (const k of keys) delete copy[k];
  return copy as unknown as RouteFilter;
}

/** The filter bar of the runs table: profile, status, failed only, secret, time range, policy and pipeline. */
export function RunFilters({ filter, onChange, profiles, needProfile, policyName, pipelineName }: RunFiltersProps) {
  const [secret, setSecret] = useState(filter.secret ?? '');
  const [seenSecret, setSeenSecret] = useState(filter.secret);
  if (seenSecret !== filter.secret) {
    // The route changed (a link, Back): the field follows it.
    setSeenSecret(filter.secret);
    setSecret(filter.secret ?? '');
  }
  const commitSecret = () => {
    const s = secret.trim();
    if ((s || undefined) === filter.secret) return;
    onChange(s ? { ...filter, secret: s } : without(filter, 'secret'));
  };
  const setTime = (key: 'from' | 'to', value: string) => {
    const iso = fromLocalInput(value);
    onChange(iso ? { ...filter, [key]: iso } : without(filter, key));
  };
  const statuses = filter.statuses ?? [];
  const showProfile = profiles.length > 1 || needProfile;
  const anyFilter =
    statuses.length > 0 || filter.failedOnly || filter.secret || filter.from || filter.to || filter.policyId || filter.pipelineId;

  return (
    <Stack direction="row" sx={{ gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mb: 1.5 }} role="search" aria-label="Run filters">
      {showProfile ? (
        <FormControl size="small" sx={{ minWidth: 200 }} error={needProfile && !filter.profileId}>
          <InputLabel id="activity-profile-label">Secret Server profile</InputLabel>
          <Select
            labelId="activity-profile-label"
            label="Secret Server profile"
            value={filter.profileId ?? ''}
            onChange={(e) => onChange(e.target.value ? { ...filter, profileId: e.target.value } : without(filter, 'profileId'))}
          >
            {profiles.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      ) : null}
      <FormControl size="small" sx={{ minWidth: 170, maxWidth: 260 }}>
        <InputLabel id="activity-status-label" shrink>
          Status
        </InputLabel>
        <Select<RunStatus[]>
          labelId="activity-status-label"
          multiple
          value={[...statuses]}
          input={<OutlinedInput label="Status" notched />}
          renderValue={(v) => (v.length ? v.join(', ') : 'Any')}
          displayEmpty
          onChange={(e) => {
            const v = typeof e.target.value === 'string' ? (e.target.value.split(',') as RunStatus[]) : e.target.value;
            const ordered = RUN_STATUSES.filter((s) => v.includes(s));
            onChange(ordered.length ? { ...filter, statuses: ordered } : without(filter, 'statuses'));
          }}
        >
          {RUN_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              <Checkbox size="small" checked={statuses.includes(s)} />
              <ListItemText primary={s} />
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControlLabel
        control={<Switch checked={filter.failedOnly} onChange={(e) => onChange({ ...filter, failedOnly: e.target.checked })} />}
        label="Failed only"
      />
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          commitSecret();
        }}
      >
        <TextField
          size="small"
          label="Secret id or name"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          onBlur={commitSecret}
          slotProps={{ htmlInput: { maxLength: 200 } }}
          sx={{ width: 190 }}
        />
      </form>
      <TextField
        size="small"
        type="datetime-local"
        label="From"
        value={toLocalInput(filter.from)}
        onChange={(e) => setTime('from', e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        sx={{ width: 205 }}
      />
      <TextField
        size="small"
        type="datetime-local"
        label="To"
        value={toLocalInput(filter.to)}
        onChange={(e) => setTime('to', e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
        sx={{ width: 205 }}
      />
      <Stack direction="row" sx={{ gap: 0.5 }}>
        {PRESETS.map((p) => (
          <Button
            key={p.label}
            size="small"
            onClick={() => onChange({ ...without(filter, 'to'), from: new Date(Date.now() - p.ms).toISOString() })}
          >
            {p.label}
          </Button>
        ))}
      </Stack>
      <PolicyFilters
        filter={filter}
        onChange={onChange}
        disabled={needProfile && !filter.profileId}
        {...(policyName ? { policyName } : {})}
        {...(pipelineName ? { pipelineName } : {})}
      />
      {anyFilter ? (
        <Button
          size="small"
          color="inherit"
          onClick={() => onChange({ failedOnly: false, ...(filter.profileId ? { profileId: filter.profileId } : {}) })}
        >
          Clear filters
        </Button>
      ) : null}
    </Stack>
  );
}
