import { FormControl, InputLabel, MenuItem, Select } from '@mui/material';
import { useApiQuery } from '../../api/hooks';
import type { RouteFilter } from './route';

/** Props of {@link PolicyFilters}. */
export interface PolicyFiltersProps {
  readonly filter: RouteFilter;
  readonly onChange: (next: RouteFilter) => void;
  /** No profile chosen yet while several exist: nothing to list. */
  readonly disabled: boolean;
  /** Names from the rows shown, used until the list has loaded. */
  readonly policyName?: string;
  readonly pipelineName?: string;
}

function drop(f: RouteFilter, ...keys: Array<'policyId' | 'pipelineId'>): RouteFilter {
  const copy: Record<string, unknown> = { ...f };
  for (const k of keys) delete copy[k];
  return copy as unknown as RouteFilter;
}

/** Policy and pipeline filters, listed from Secret Server (`activity:policies`); pipelines narrow to the chosen policy. */
export function PolicyFilters({ filter, onChange, disabled, policyName, pipelineName }: PolicyFiltersProps) {
  const list = useApiQuery('activity:policies', filter.profileId ? { profileId: filter.profileId } : {}, {
    enabled: !disabled,
    staleTime: 60_000,
  });
  const policies = list.data ?? [];
  const policy = policies.find((p) => p.id === filter.policyId);
  const pipelines = (policy ? policy.pipelines : policies.flatMap((p) => p.pipelines)).filter(
    (pl, i, all) => all.findIndex((x) => x.id === pl.id) === i,
  );
  // A chosen id the list does not hold (not loaded yet, or gone) still shows, by name or number.
  const policyOptions = filter.policyId && !policy ? [{ id: filter.policyId, name: policyName ?? `Policy #${filter.policyId}` }] : [];
  const pipelineKnown = pipelines.some((p) => p.id === filter.pipelineId);
  const pipelineOptions =
    filter.pipelineId && !pipelineKnown ? [{ id: filter.pipelineId, name: pipelineName ?? `Pipeline #${filter.pipelineId}` }] : [];
  return (
    <>
      <FormControl size="small" sx={{ minWidth: 180, maxWidth: 280 }} disabled={disabled}>
        <InputLabel id="activity-policy-label" shrink>
          Policy
        </InputLabel>
        <Select
          labelId="activity-policy-label"
          label="Policy"
          notched
          displayEmpty
          value={filter.policyId ?? ''}
          onChange={(e) => {
            const id = Number(e.target.value);
            onChange(id ? { ...drop(filter, 'pipelineId'), policyId: id } : drop(filter, 'policyId'));
          }}
        >
          <MenuItem value="">Any{list.isFetching ? ' (loading…)' : ''}</MenuItem>
          {[...policyOptions, ...policies].map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl size="small" sx={{ minWidth: 180, maxWidth: 280 }} disabled={disabled}>
        <InputLabel id="activity-pipeline-label" shrink>
          Pipeline
        </InputLabel>
        <Select
          labelId="activity-pipeline-label"
          label="Pipeline"
          notched
          displayEmpty
          value={filter.pipelineId ?? ''}
          onChange={(e) => {
            const id = Number(e.target.value);
            onChange(id ? { ...filter, pipelineId: id } : drop(filter, 'pipelineId'));
          }}
        >
          <MenuItem value="">Any</MenuItem>
          {[...pipelineOptions, ...pipelines].map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </>
  );
}
