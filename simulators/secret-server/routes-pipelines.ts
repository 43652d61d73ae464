import { page } from '../shared/paging';
import { SECRET_ENTITY_TYPE, SECRET_TRIGGERS, TASKS, TASK_SETTINGS } from './catalog';
import { accessDenied, badRequest, hasPermission, notFound } from './access';
import { dv, filter, flag, intOf, type Ctx, type SimContext } from './context';
import type { SimPipeline, SimPolicy } from './model';
import { settingForDisplay, viewModel } from './pipeline-views';
import { RunsQuery } from './runs-query';

/** Event pipeline policies, pipelines, catalogues, runs and task activity. */
export function registerPipelineRoutes({ state, router }: SimContext): void {
  const admin = (ctx: Ctx) => hasPermission(state, ctx.session.user, 'Administer Secret Server Pipelines');
  const guard = (fn: (ctx: Ctx) => ReturnType<Parameters<typeof router.on>[2]>) => (ctx: Ctx) => (admin(ctx) ? fn(ctx) : accessDenied());
  const policyView = (p: SimPolicy) => ({
    eventPipelinePolicyId: p.eventPipelinePolicyId,
    eventPipelinePolicyName: p.eventPipelinePolicyName,
    eventPipelinePolicyDescription: p.eventPipelinePolicyDescription,
    eventEntityTypeId: p.eventEntityTypeId,
    active: p.active,
    isSystem: p.isSystem,
    createdDate: p.createdDate,
    lastModifiedDate: p.lastModifiedDate,
    lastModifiedDisplayName: 'Administrator',
  });
  const policyOf = (ctx: Ctx) => state.policies.find((p) => p.eventPipelinePolicyId === intOf(ctx.params.id));
  const pipelineOf = (id: number | undefined) => state.pipelines.find((p) => p.eventPipelineId === id);
  const policyOfPipeline = (id: number) => state.policies.find((p) => p.pipelineIds.includes(id));
  const trigger = (pl: SimPipeline, actionId: number, i: number) => ({
    eventPipelineTriggerId: pl.eventPipelineId * 10 + i,
    eventPipelineId: pl.eventPipelineId,
    eventActionId: actionId,
    triggerDisplayName: SECRET_TRIGGERS.find((t) => t.eventActionId === actionId)?.triggerDisplayName ?? `Action ${actionId}`,
    entityTypeDisplayName: 'Secret',
  });
  const pipelineModel = (pl: SimPipeline) => {
    const policy = policyOfPipeline(pl.eventPipelineId);
    return {
      eventPipelineId: pl.eventPipelineId,
      eventPipelineName: pl.eventPipelineName,
      eventPipelineDescription: pl.eventPipelineDescription,
      eventEntityTypeId: pl.eventEntityTypeId,
      eventPipelinePolicyId: policy?.eventPipelinePolicyId ?? null,
      eventPipelinePolicyMapId: policy ? policy.eventPipelinePolicyId * 1000 + pl.eventPipelineId : null,
      active: pl.active,
      isSystem: pl.isSystem,
      sortOrder: policy ? policy.pipelineIds.indexOf(pl.eventPipelineId) + 1 : 0,
      createdDate: pl.createdDate,
      lastModifiedDate: pl.lastModifiedDate,
      lastModifiedDisplayName: 'Administrator',
      triggers: pl.triggerActionIds.map((a, i) => trigger(pl, a, i)),
      filterList: [],
      taskList: pl.tasks.map((t) => {
        const def = TASKS.find((x) => x.eventPipelineTaskId === t.eventPipelineTaskId);
        return {
          eventPipelineTaskMapId: t.eventPipelineTaskMapId,
          eventPipelineTaskId: t.eventPipelineTaskId,
          eventPipelineTaskName: def?.eventPipelineTaskName ?? '',
          eventPipelineTaskDisplayName: def?.eventPipelineTaskDisplayName ?? '',
          eventPipelineTaskDescription: def?.eventPipelineTaskDescription ?? '',
          eventEntityTypeId: String(SECRET_ENTITY_TYPE),
          isMultiSelect: false,
          sortOrder: t.sortOrder,
          settings: (TASK_SETTINGS[t.eventPipelineTaskId] ?? []).map((s) => ({
            eventPipelineTaskMapId: t.eventPipelineTaskMapId,
            eventPipelineTaskSettingValueMapId: null,
            settingId: s.settingId,
            settingValue: t.settings[s.settingName] ?? s.defaultValue,
            settingDisplay: s.settingDisplay,
            settingDisplayValue: t.settings[s.settingName] ?? s.defaultValue,
            usingDefault: !(s.settingName in t.settings),
            overrideDefault: s.settingName in t.settings,
            setting: settingForDisplay(s),
          })),
        };
      }),
    };
  };

  router.on(
    'GET',
    '/api/v1/event-pipeline-policy/list',
    guard((ctx) => {
      const q = ctx.query;
      const name = filter(q, 'eventPipelinePolicyName')?.toLowerCase();
      const folderId = intOf(filter(q, 'folderId'));
      const rows = state.policies.filter(
        (p) =>
          (!name || p.eventPipelinePolicyName.toLowerCase().includes(name)) &&
          (folderId === undefined || p.folderIds.includes(folderId)) &&
          (p.active ? flag(filter(q, 'includeActive'), true) : flag(filter(q, 'includeInactive'), true)),
      );
      return { status: 200, body: page(rows.map(policyView), q, { name: 'eventPipelinePolicyName', direction: 'Asc' }) };
    }),
  );
  const runs = new RunsQuery(
    () => state.runs,
    () => state.runsVersion,
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline-policy/runs',
    guard((ctx) => runs.answer('policy', ctx.query)),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline/runs',
    guard((ctx) => runs.answer('pipeline', ctx.query)),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline-policy/activity',
    guard((ctx) => {
      const pid = intOf(ctx.query.get('eventPipelineId'));
      const runId = ctx.query.get('eventPipelinePolicyRunId');
      const rows = state.activity
        .filter((a) => (pid === undefined || a.eventPipelineId === pid) && (!runId || a.eventPipelinePolicyRunId === runId))
        .sort((a, b) => a.runOrder - b.runOrder);
      return { status: 200, body: rows };
    }),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline-policy/{id}',
    guard((ctx) => {
      const p = policyOf(ctx);
      return p ? { status: 200, body: { ...policyView(p), sortOrder: state.policies.indexOf(p) + 1 } } : notFound('Event pipeline policy');
    }),
  );
  router.on(
    'POST',
    '/api/v1/event-pipeline-policy',
    guard((ctx) => {
      const d = ctx.body.data;
      const name = dv<string>(d, 'eventPipelinePolicyName');
      const type = dv<number>(d, 'eventEntityTypeId');
      const modelState: Record<string, string[]> = {};
      if (!name) modelState['args.Data.EventPipelinePolicyName'] = ['The EventPipelinePolicyName field is required.'];
      if (type === undefined) modelState['args.Data.EventEntityTypeId'] = ['The EventEntityTypeId field is required.'];
      if (Object.keys(modelState).length) return badRequest('The request is invalid.', modelState);
      const p = state.addPolicy({
        eventPipelinePolicyName: String(name),
        eventPipelinePolicyDescription: String(dv(d, 'eventPipelinePolicyDescription') ?? ''),
        eventEntityTypeId: Number(type),
        active: dv<boolean>(d, 'active') === true,
      });
      return { status: 200, body: { ...policyView(p), sortOrder: state.policies.length } };
    }),
  );
  router.on(
    'POST',
    '/api/v1/event-pipeline-policy/{id}',
    guard((ctx) => {
      const p = policyOf(ctx);
      if (!p) return notFound('Event pipeline policy');
      const pid = dv<number>(ctx.body.data, 'eventPipelineId');
      if (!pipelineOf(pid)) return badRequest('The request is invalid.', { 'args.Data.EventPipelineId': ['Event pipeline not found.'] });
      if (!p.pipelineIds.includes(Number(pid))) p.pipelineIds.push(Number(pid));
      return {
        status: 200,
        body: {
          eventPipelinePolicyMapId: p.eventPipelinePolicyId * 1000 + Number(pid),
          eventPipelinePolicyId: p.eventPipelinePolicyId,
          eventPipelineId: pid,
          sortOrder: p.pipelineIds.length,
        },
      };
    }),
  );
  router.on(
    'PUT',
    '/api/v1/event-pipeline-policy/{id}/activate',
    guard((ctx) => {
      const p = policyOf(ctx);
      if (!p) return notFound('Event pipeline policy');
      if (typeof ctx.body.activate !== 'boolean')
        return badRequest('The request is invalid.', { 'args.Activate': ['The Activate field is required.'] });
      p.active = ctx.body.activate;
      return { status: 200, body: p.active };
    }),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline-policy/{id}/folders',
    guard((ctx) => {
      const p = policyOf(ctx);
      if (!p) return notFound('Event pipeline policy');
      return {
        status: 200,
        body: p.folderIds.map((id) => ({
          id,
          name: state.folders.find((f) => f.id === id)?.folderName ?? '',
          path: state.folderPath(id),
          restricted: false,
        })),
      };
    }),
  );
  router.on(
    'PUT',
    '/api/v1/event-pipeline-policy/{id}/folders',
    guard((ctx) => {
      const p = policyOf(ctx);
      if (!p) return notFound('Event pipeline policy');
      const ids = ctx.body.data;
      if (!Array.isArray(ids)) return badRequest('The request is invalid.', { 'args.Data': ['The Data field is required.'] });
      const missing = ids.find((id) => !state.folders.some((f) => f.id === Number(id)));
      if (missing !== undefined) return badRequest(`Folder ${String(missing)} not found.`, { 'args.Data': ['Invalid folder id.'] });
      p.folderIds = ids.map(Number);
      return { status: 200, body: true };
    }),
  );

  router.on(
    'GET',
    '/api/v1/event-pipeline/list',
    guard((ctx) => {
      const policyId = intOf(filter(ctx.query, 'eventPipelinePolicyId'));
      const rows = state.pipelines.filter(
        (pl) =>
          policyId === undefined ||
          state.policies.find((p) => p.eventPipelinePolicyId === policyId)?.pipelineIds.includes(pl.eventPipelineId),
      );
      return {
        status: 200,
        body: page(
          rows.map((pl) => viewModel(pipelineModel(pl))),
          ctx.query,
        ),
      };
    }),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline/trigger/options',
    guard((ctx) => {
      const type = intOf(ctx.query.get('eventEntityTypeId'));
      const rows =
        type !== undefined && type !== SECRET_ENTITY_TYPE
          ? []
          : SECRET_TRIGGERS.map((t) => ({
              ...t,
              entityTypeDisplayName: 'Secret',
              eventEntityTypeId: SECRET_ENTITY_TYPE,
              eventPipelineId: 0,
              eventPipelineTriggerId: 0,
            }));
      return { status: 200, body: rows };
    }),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline/{id}',
    guard((ctx) => {
      const pl = pipelineOf(intOf(ctx.params.id));
      return pl ? { status: 200, body: pipelineModel(pl) } : notFound('Event pipeline');
    }),
  );
  /** Triggers and tasks of a create/update body, checked against the catalogues; an error response when invalid. */
  const parseBody = (d: unknown) => {
    const triggers = (dv<unknown[]>(d, 'triggers') ?? []).map((t) => Number(dv(t, 'eventActionId')));
    const badTrigger = triggers.find((a) => !SECRET_TRIGGERS.some((t) => t.eventActionId === a));
    if (badTrigger !== undefined)
      return {
        error: badRequest(`Trigger ${badTrigger} is not valid for this entity type.`, {
          'args.Data.Triggers': ['Invalid event action id.'],
        }),
      };
    const tasks: Array<{ eventPipelineTaskId: number; settings: Record<string, string> }> = [];
    for (const t of dv<unknown[]>(d, 'tasks') ?? []) {
      const taskId = Number(dv(t, 'eventPipelineTaskId'));
      const defs = TASK_SETTINGS[taskId];
      if (!defs) return { error: badRequest(`Task ${taskId} does not exist.`, { 'args.Data.Tasks': ['Invalid event pipeline task id.'] }) };
      const settings: Record<string, string> = {};
      for (const s of dv<unknown[]>(t, 'settings') ?? []) settings[String(dv(s, 'settingName'))] = String(dv(s, 'settingValue') ?? '');
      const unknown = Object.keys(settings).find((k) => !defs.some((x) => x.settingName === k));
      if (unknown)
        return {
          error: badRequest(`Setting ${unknown} is not valid for task ${taskId}.`, {
            'args.Data.Tasks.Settings': [`Unknown setting name ${unknown}.`],
          }),
        };
      tasks.push({ eventPipelineTaskId: taskId, settings });
    }
    return { triggers, tasks };
  };
  router.on(
    'PUT',
    '/api/v1/event-pipeline/{id}',
    guard((ctx) => {
      const pl = pipelineOf(intOf(ctx.params.id));
      if (!pl) return notFound('Event pipeline');
      const d = ctx.body.data;
      // Triggers, tasks and filters replace the whole set when sent (dirty); other fields as sent.
      const parsed = parseBody({ triggers: dv(d, 'triggers') ?? [], tasks: dv(d, 'tasks') ?? [] });
      if ('error' in parsed) return parsed.error;
      if (dv(d, 'triggers') !== undefined) pl.triggerActionIds = parsed.triggers;
      if (dv(d, 'tasks') !== undefined)
        pl.tasks = parsed.tasks.map((t, i) => ({ eventPipelineTaskMapId: pl.eventPipelineId * 100 + i + 1, sortOrder: i + 1, ...t }));
      pl.lastModifiedDate = state.now();
      const active = dv<boolean>(d, 'active');
      if (typeof active === 'boolean') pl.active = active;
      return { status: 200, body: pipelineModel(pl) };
    }),
  );
  router.on(
    'POST',
    '/api/v1/event-pipeline',
    guard((ctx) => {
      const d = ctx.body.data;
      const name = dv<string>(d, 'eventPipelineName');
      if (!name)
        return badRequest('The request is invalid.', { 'args.Data.EventPipelineName': ['The EventPipelineName field is required.'] });
      const parsed = parseBody(d);
      if ('error' in parsed) return parsed.error;
      const { triggers, tasks } = parsed;
      const pl = state.addPipeline({
        eventPipelineName: name,
        eventPipelineDescription: String(dv(d, 'eventPipelineDescription') ?? ''),
        active: dv<boolean>(d, 'active') !== false,
        triggerActionIds: triggers,
        tasks,
      });
      const policy = state.policies.find((p) => p.eventPipelinePolicyId === intOf(ctx.body.eventPipelinePolicyId));
      if (policy) policy.pipelineIds.push(pl.eventPipelineId);
      return { status: 200, body: pipelineModel(pl) };
    }),
  );
  router.on(
    'PUT',
    '/api/v1/event-pipeline/{id}/activate',
    guard((ctx) => {
      const pl = pipelineOf(intOf(ctx.params.id));
      if (!pl) return notFound('Event pipeline');
      if (typeof ctx.body.activate !== 'boolean')
        return badRequest('The request is invalid.', { 'args.Activate': ['The Activate field is required.'] });
      pl.active = ctx.body.activate;
      return { status: 200, body: pl.active };
    }),
  );

  router.on(
    'GET',
    '/api/v1/event-pipeline-settings/tasks/options',
    guard(() => ({
      status: 200,
      body: TASKS.map((t, i) => ({
        ...t,
        eventEntityTypeId: String(SECRET_ENTITY_TYPE),
        eventPipelineTaskMapId: 0,
        isMultiSelect: false,
        sortOrder: i + 1,
      })),
    })),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline-settings/task/list',
    guard((ctx) => ({
      status: 200,
      body: page(
        TASKS.map((t) => ({
          eventPipelineTaskId: t.eventPipelineTaskId,
          eventPipelineTaskName: t.eventPipelineTaskName,
          eventPipelineTaskDescription: t.eventPipelineTaskDescription,
          eventEntityTypeId: SECRET_ENTITY_TYPE,
          isMultiSelect: false,
        })),
        ctx.query,
      ),
    })),
  );
  router.on(
    'GET',
    '/api/v1/event-pipeline-settings/task-settings/list/{id}',
    guard((ctx) => {
      const id = intOf(ctx.params.id) ?? -1;
      const defs = TASK_SETTINGS[id];
      if (!defs) return notFound('Event pipeline task');
      return {
        status: 200,
        body: defs.map((s, i) => ({
          eventPipelineTaskId: id,
          eventPipelineTaskSettingMapId: id * 100 + i,
          settingId: s.settingId,
          settingValue: s.defaultValue,
          settingDisplay: s.settingDisplay,
          usingDefault: true,
          sortOrder: i + 1,
          setting: settingForDisplay(s),
        })),
      };
    }),
  );
}
