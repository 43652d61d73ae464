import type { RunSortField } from '../../contract/channels/activity';
import type { EventPipelineRunViewModel } from '../secret-server';

/** A field of `EventPipelineRunViewModel` Secret Server can sort by. */
export type VendorSortField =
  | 'eventDateTime'
  | 'queuedDate'
  | 'startDate'
  | 'endDate'
  | 'status'
  | 'name'
  | 'eventName'
  | 'itemId'
  | 'itemName'
  | 'duration'
  | 'eventPipelinePolicyRunId';

/** The contract's sort columns → the run record's field names. */
export const SORT_FIELD: Record<RunSortField, VendorSortField> = {
  eventTime: 'eventDateTime',
  queuedAt: 'queuedDate',
  startedAt: 'startDate',
  endedAt: 'endDate',
  status: 'status',
  pipeline: 'name',
  trigger: 'eventName',
  secretId: 'itemId',
  secretName: 'itemName',
  duration: 'duration',
};

/** One key of a server-side sort (`sortBy[n]`). */
export interface ServerSortKey {
  readonly name: VendorSortField;
  readonly direction: 'asc' | 'desc';
}

/** A run record as read (every field optional in the generated type). */
export type RunRecord = EventPipelineRunViewModel;

/** Milliseconds of a .NET TimeSpan text ("1.02:03:04.5670000" or "00:00:01.2340000"); null when unreadable. */
export function timeSpanMs(text: string | null | undefined): number | null {
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const [, neg, d = '0', h = '0', min = '0', s = '0', frac = '0'] = m;
  const ms = ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
  return neg ? -ms : ms;
}

/** Epoch ms of an ISO time (Secret Server sends UTC, sometimes without a zone: read as UTC). */
export function epochOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(t) ? null : t;
}

/** The same time as ISO 8601 UTC text, or null. */
export function isoOf(iso: string | null | undefined): string | null {
  const t = epochOf(iso);
  return t === null ? null : new Date(t).toISOString();
}
