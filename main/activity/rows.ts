import { RUN_ACTIVE_STATUSES, type RunRow, type RunStatus, type RunTask } from '../../contract/channels/activity';
import type { EventPipelinePolicyRunActivityViewModel } from '../secret-server';
import { mapLimit } from '../shared/map-limit';
import { redact } from '../shared/redact';
import type { ActivityCatalog, PipelineInfo, SiteInfo } from './catalog';
import { isoOf, timeSpanMs, type RunRecord } from './run-order';

/** Turns run records into table rows, with policy names, the Run Site and its engine from the catalogue. */
export async function toRows(records: readonly RunRecord[], catalog: ActivityCatalog, signal?: AbortSignal): Promise<RunRow[]> {
  const pipelineIds = [...new Set(records.map((r) => r.eventPipelineId).filter((id): id is number => typeof id === 'number'))];
  const infos = new Map<number, PipelineInfo | null>();
  await mapLimit(pipelineIds, 4, async (id) => infos.set(id, await catalog.pipeline(id, signal).catch(() => null)));
  const siteIds = [...new Set([...infos.values()].map((i) => i?.siteId).filter((id): id is number => typeof id === 'number'))];
  const sites = new Map<number, SiteInfo | null>();
  await mapLimit(siteIds, 4, async (id) => sites.set(id, await catalog.site(id, signal).catch(() => null)));
  return records.map((r) => {
    const info = r.eventPipelineId != null ? infos.get(r.eventPipelineId) : undefined;
    const site = info?.siteId != null ? sites.get(info.siteId) : undefined;
    return toRow(r, info ?? null, site ?? null);
  });
}

/** One record as a row (`info` and `site` from the catalogue, null when unknown). */
export function toRow(r: RunRecord, info: PipelineInfo | null, site: SiteInfo | null): RunRow {
  const status: RunStatus = r.status ?? 'Pending';
  const eventTime = isoOf(r.eventDateTime) ?? isoOf(r.queuedDate) ?? new Date(0).toISOString();
  return {
    runId: r.eventPipelinePolicyRunId ?? '',
    status,
    terminal: !RUN_ACTIVE_STATUSES.includes(status),
    pipeline: { id: r.eventPipelineId ?? null, name: r.name ?? info?.name ?? '' },
    policies: info?.policies ?? [],
    trigger: r.eventName ?? '',
    triggerDetails: r.eventDetails ?? '',
    eventTime,
    secret: { id: r.itemId ?? 0, name: r.itemName ?? '' },
    queuedAt: isoOf(r.queuedDate),
    startedAt: isoOf(r.startDate),
    endedAt: isoOf(r.endDate),
    durationMs: r.startDate ? timeSpanMs(r.duration) : null,
    site: site ? { id: site.id, name: site.name } : null,
    engine: site?.engines.length === 1 ? (site.engines[0]?.name ?? null) : null,
  };
}

/** Task activity rows in run order, notes redacted. */
export function toTasks(rows: readonly EventPipelinePolicyRunActivityViewModel[]): RunTask[] {
  return [...rows]
    .sort((a, b) => (a.runOrder ?? 0) - (b.runOrder ?? 0))
    .map((a) => ({
      order: a.runOrder ?? 0,
      taskId: a.eventPipelineTaskId ?? null,
      name: a.eventPipelineTaskName ?? '',
      description: a.eventPipelineTaskDescription ?? '',
      status: a.status ?? 'Pending',
      notes: redact(a.notes ?? ''),
      queuedAt: isoOf(a.queuedDateTime),
      startedAt: isoOf(a.startDateTime),
      endedAt: isoOf(a.endDateTime),
      durationMs: a.startDateTime ? timeSpanMs(a.duration) : null,
    }));
}
