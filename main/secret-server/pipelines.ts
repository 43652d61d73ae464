import type { SecretServerClient } from './client';
import type {
  EventPipelineCreateArgs,
  EventPipelineModel,
  EventPipelinePolicyModel,
  EventPipelinePolicyRunActivityViewModel,
  EventPipelinePolicySummary,
  EventPipelineRunViewModel,
  EventPipelineTaskSettingMapSummary,
  EventPipelineTaskSummary,
  EventPipelineTriggerSummary,
  EventPipelineViewModel,
  FolderSimpleViewModel,
  PagingOfEventPipelineRunViewModel,
} from './types';

type Opts = { signal?: AbortSignal };

/** Secret entity type id (`EventEntityType.Secret`). */
export const SECRET_ENTITY_TYPE_ID = 10001;

/** Wraps a value the way every Update*Model field expects. */
export function dirty<T>(value: T): { dirty: true; value: T } {
  return { dirty: true, value };
}

/** `GET /api/v1/event-pipeline-policy/list`. */
export function listPolicies(
  c: SecretServerClient,
  opts: Opts & { name?: string; folderId?: number } = {},
): Promise<EventPipelinePolicySummary[]> {
  return c.collect(
    '/api/v1/event-pipeline-policy/list',
    { 'filter.eventPipelinePolicyName': opts.name, 'filter.folderId': opts.folderId },
    opts,
  );
}

/** `GET /api/v1/event-pipeline-policy/{id}`. */
export function getPolicy(c: SecretServerClient, id: number, signal?: AbortSignal): Promise<EventPipelinePolicyModel> {
  return c.call('GET', `/api/v1/event-pipeline-policy/${id}`, { signal });
}

/** `POST /api/v1/event-pipeline-policy` (inactive; activate once targets and pipelines exist). */
export function createPolicy(
  c: SecretServerClient,
  p: { name: string; description?: string; eventEntityTypeId?: number },
  signal?: AbortSignal,
): Promise<EventPipelinePolicyModel> {
  const data = {
    eventPipelinePolicyName: dirty(p.name),
    eventPipelinePolicyDescription: dirty(p.description ?? ''),
    eventEntityTypeId: dirty(p.eventEntityTypeId ?? SECRET_ENTITY_TYPE_ID),
    active: dirty(false),
    pipelines: { dirty: false, value: [] },
    reuseExistingPipelines: false,
    isSystem: false,
  };
  return c.call('POST', '/api/v1/event-pipeline-policy', { json: { data }, signal });
}

/** `PUT /api/v1/event-pipeline-policy/{id}/activate`. */
export function activatePolicy(c: SecretServerClient, id: number, activate: boolean, signal?: AbortSignal): Promise<boolean> {
  return c.call('PUT', `/api/v1/event-pipeline-policy/${id}/activate`, { json: { activate }, signal });
}

/** `GET /api/v1/event-pipeline-policy/{id}/folders`: target folders. */
export function getPolicyFolders(c: SecretServerClient, id: number, signal?: AbortSignal): Promise<FolderSimpleViewModel[]> {
  return c.call('GET', `/api/v1/event-pipeline-policy/${id}/folders`, { signal });
}

/** `PUT /api/v1/event-pipeline-policy/{id}/folders`: REPLACES the target folder set. */
export function setPolicyFolders(c: SecretServerClient, id: number, folderIds: readonly number[], signal?: AbortSignal): Promise<boolean> {
  return c.call('PUT', `/api/v1/event-pipeline-policy/${id}/folders`, { json: { data: folderIds }, signal });
}

/** `POST /api/v1/event-pipeline-policy/{id}`: adds an existing pipeline to a policy. */
export function addPipelineToPolicy(
  c: SecretServerClient,
  policyId: number,
  eventPipelineId: number,
  signal?: AbortSignal,
): Promise<unknown> {
  return c.call('POST', `/api/v1/event-pipeline-policy/${policyId}`, {
    json: { data: { eventPipelineId: dirty(eventPipelineId) } },
    signal,
  });
}

/** `GET /api/v1/event-pipeline/list` (values wrapped in ViewFieldValue objects). */
export function listPipelines(c: SecretServerClient, opts: Opts & { policyId?: number } = {}): Promise<EventPipelineViewModel[]> {
  return c.collect('/api/v1/event-pipeline/list', { 'filter.eventPipelinePolicyId': opts.policyId }, opts);
}

/** `GET /api/v1/event-pipeline/{id}` with triggers and tasks. */
export function getPipeline(c: SecretServerClient, id: number, signal?: AbortSignal): Promise<EventPipelineModel> {
  return c.call('GET', `/api/v1/event-pipeline/${id}`, { signal });
}

/** A task to put in a new pipeline; settings keyed by `setting.settingName` from the catalogue. */
export interface PipelineTaskSpec {
  readonly eventPipelineTaskId: number;
  readonly settings: Readonly<Record<string, string>>;
}

/** `POST /api/v1/event-pipeline`, optionally inside a policy. */
export function createPipeline(
  c: SecretServerClient,
  p: {
    name: string;
    description?: string;
    policyId?: number;
    triggerActionIds: readonly number[];
    tasks: readonly PipelineTaskSpec[];
    active?: boolean;
  },
  signal?: AbortSignal,
): Promise<EventPipelineModel> {
  const body: EventPipelineCreateArgs = {
    eventEntityTypeId: SECRET_ENTITY_TYPE_ID,
    eventPipelinePolicyId: p.policyId ?? null,
    data: {
      eventPipelineName: dirty(p.name),
      eventPipelineDescription: dirty(p.description ?? ''),
      active: dirty(p.active ?? true),
      triggers: dirty(p.triggerActionIds.map((id) => ({ eventActionId: dirty(id) }))),
      filters: dirty([]),
      tasks: dirty(
        p.tasks.map((t, i) => ({
          eventPipelineTaskId: dirty(t.eventPipelineTaskId),
          sortOrder: dirty(i + 1),
          settings: dirty(Object.entries(t.settings).map(([k, v]) => ({ settingName: dirty(k), settingValue: dirty(v) }))),
        })),
      ),
    },
  };
  return c.call('POST', '/api/v1/event-pipeline', { json: body, signal });
}

/** `PUT /api/v1/event-pipeline/{id}`: replaces the pipeline's triggers and tasks (the whole sets) and sets it active. */
export function updatePipeline(
  c: SecretServerClient,
  id: number,
  p: { triggerActionIds: readonly number[]; tasks: readonly PipelineTaskSpec[]; active?: boolean },
  signal?: AbortSignal,
): Promise<EventPipelineModel> {
  const data = {
    active: dirty(p.active ?? true),
    triggers: dirty(p.triggerActionIds.map((eventActionId) => ({ eventActionId: dirty(eventActionId) }))),
    tasks: dirty(
      p.tasks.map((t, i) => ({
        eventPipelineTaskId: dirty(t.eventPipelineTaskId),
        sortOrder: dirty(i + 1),
        settings: dirty(Object.entries(t.settings).map(([k, v]) => ({ settingName: dirty(k), settingValue: dirty(v) }))),
      })),
    ),
  };
  return c.call('PUT', `/api/v1/event-pipeline/${id}`, { json: { data }, signal });
}

/** `PUT /api/v1/event-pipeline/{id}/activate`. */
export function activatePipeline(c: SecretServerClient, id: number, activate: boolean, signal?: AbortSignal): Promise<boolean> {
  return c.call('PUT', `/api/v1/event-pipeline/${id}/activate`, { json: { activate }, signal });
}

/** `GET /api/v1/event-pipeline/trigger/options?eventEntityTypeId=`. */
export function listTriggerOptions(
  c: SecretServerClient,
  eventEntityTypeId = SECRET_ENTITY_TYPE_ID,
  signal?: AbortSignal,
): Promise<EventPipelineTriggerSummary[]> {
  return c.call('GET', '/api/v1/event-pipeline/trigger/options', { query: { eventEntityTypeId }, signal });
}

/** `GET /api/v1/event-pipeline-settings/tasks/options?eventEntityTypeId=`. */
export function listTaskOptions(
  c: SecretServerClient,
  eventEntityTypeId = SECRET_ENTITY_TYPE_ID,
  signal?: AbortSignal,
): Promise<EventPipelineTaskSummary[]> {
  return c.call('GET', '/api/v1/event-pipeline-settings/tasks/options', { query: { eventEntityTypeId }, signal });
}

/** `GET /api/v1/event-pipeline-settings/task-settings/list/{taskId}`: the settings a task needs. */
export function listTaskSettings(
  c: SecretServerClient,
  taskId: number,
  signal?: AbortSignal,
): Promise<EventPipelineTaskSettingMapSummary[]> {
  return c.call('GET', `/api/v1/event-pipeline-settings/task-settings/list/${taskId}`, { signal });
}

/** Runs newest first: by policy (`/event-pipeline-policy/runs`) or by pipeline (`/event-pipeline/runs`). */
export function pageRuns(
  c: SecretServerClient,
  by: { policyId?: number; pipelineId?: number; runId?: string },
  opts: Opts & { pageSize?: number } = {},
): AsyncGenerator<EventPipelineRunViewModel> {
  const sort = { 'sortBy[0].name': 'eventDateTime', 'sortBy[0].direction': 'desc', 'filter.eventPipelinePolicyRunId': by.runId };
  if (by.pipelineId !== undefined)
    return c.paged('/api/v1/event-pipeline/runs', { ...sort, 'filter.eventPipelineId': by.pipelineId }, opts);
  return c.paged('/api/v1/event-pipeline-policy/runs', { ...sort, 'filter.eventPipelinePolicyId': by.policyId }, opts);
}

/** `GET /api/v1/event-pipeline-policy/activity`: task-level rows (with notes) of one run. */
export function getRunActivity(
  c: SecretServerClient,
  eventPipelineId: number,
  eventPipelinePolicyRunId: string,
  signal?: AbortSignal,
): Promise<EventPipelinePolicyRunActivityViewModel[]> {
  return c.call('GET', '/api/v1/event-pipeline-policy/activity', { query: { eventPipelineId, eventPipelinePolicyRunId }, signal });
}

/** One key of a server-side sort: a field of the record and a direction. */
export interface SortKey {
  readonly name: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * One page of runs in a given order: `/event-pipeline/runs` for a pipeline, else
 * `/event-pipeline-policy/runs` (for one policy, or every policy). Sort keys go as
 * `sortBy[n].name|direction|priority`, the only filters the endpoints have as `filter.*`.
 */
export async function getRunsPage(
  c: SecretServerClient,
  by: { policyId?: number; pipelineId?: number; runId?: string },
  q: { sort: readonly SortKey[]; skip: number; take: number },
  signal?: AbortSignal,
): Promise<{ records: EventPipelineRunViewModel[]; total: number }> {
  const query: Record<string, string | number | undefined> = { skip: q.skip, take: q.take, 'filter.eventPipelinePolicyRunId': by.runId };
  q.sort.forEach((k, i) => {
    query[`sortBy[${i}].name`] = k.name;
    query[`sortBy[${i}].direction`] = k.direction;
    query[`sortBy[${i}].priority`] = i;
  });
  const page =
    by.pipelineId !== undefined
      ? await c.call<PagingOfEventPipelineRunViewModel>('GET', '/api/v1/event-pipeline/runs', {
          query: { ...query, 'filter.eventPipelineId': by.pipelineId },
          signal,
        })
      : await c.call<PagingOfEventPipelineRunViewModel>('GET', '/api/v1/event-pipeline-policy/runs', {
          query: { ...query, 'filter.eventPipelinePolicyId': by.policyId },
          signal,
        });
  return { records: [...(page?.records ?? [])], total: page?.total ?? 0 };
}

/** One run by its id (`filter.eventPipelinePolicyRunId`), or undefined. */
export async function findRun(
  c: SecretServerClient,
  runId: string,
  pipelineId?: number,
  signal?: AbortSignal,
): Promise<EventPipelineRunViewModel | undefined> {
  const { records } = await getRunsPage(
    c,
    { runId, ...(pipelineId !== undefined ? { pipelineId } : {}) },
    { sort: [], skip: 0, take: 1 },
    signal,
  );
  return records[0];
}
