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
      <IdSelect
        id="activity-policy"
        label="Policy"
        disabled={disabled}
        value={filter.policyId}
        anyLabel={`Any${list.isFetching ? ' (loading…)' : ''}`}
        options={[...policyOptions, ...policies]}
        onChange={(id) => onChange(id ? { ...drop(filter, 'pipelineId'), policyId: id } : drop(filter, 'policyId'))}
      />
      <IdSelect
        id="activity-pipeline"
        label="Pipeline"
        disabled={disabled}
        value={filter.pipelineId}
        anyLabel="Any"
        options={[...pipelineOptions, ...pipelines]}
        onChange={(id) => onChange(id ? { ...filter, pipelineId: id } : drop(filter, 'pipelineId'))}
      />
    </>
  );
}

/** A labelled select of named ids with an "Any" entry (0 = none chosen). */
function IdSelect(props: {
  readonly id: string;
  readonly label: string;
  readonly disabled: boolean;
  readonly value: number | undefined;
  readonly anyLabel: string;
  readonly options: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  readonly onChange: (id: number) => void;
}) {
  return (
    <FormControl size="small" sx={{ minWidth: 180, maxWidth: 280 }} disabled={props.disabled}>
      <InputLabel id={`${props.id}-label`} shrink>
        {props.label}
      </InputLabel>
      <Select
        labelId={`${props.id}-label`}
        label={props.label}
        notched
        displayEmpty
        value={props.value ?? ''}
        onChange={(e) => props.onChange(Number(e.target.value))}
      >
        <MenuItem value="">{props.anyLabel}</MenuItem>
        {props.options.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {o.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
