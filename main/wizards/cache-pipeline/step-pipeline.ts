import {
  activatePolicy,
  createPipeline,
  createPolicy,
  fieldSlug,
  getPipeline,
  getPolicy,
  getPolicyFolders,
  listPipelines,
  setPolicyFolders,
  updatePipeline,
  type EventPipelineModel,
} from '../../secret-server';
import type { StepChange, StepCheck, WizardStep } from '../types';
import { readCatalogue, scriptArgs, unknownTokens, type PipelineCatalogue } from './catalogue';
import { call, change, info, manualIfLacking, problem, warn } from './common';
import type { CacheCtx, WizardCache } from './context';
import { findPolicy, findScript, findSecret, findSite, findTemplate, folderId, gone, normalPath } from './lookups';
import { TEMPLATE_FIELDS } from './step-template';

const MANUAL = [
  'Open Secret Server, navigate to Settings > Event pipeline policy and click Add policy; name it and select Secret as the policy type; click Create.',
  'Click the policy, open (or add) a pipeline per Credentials Cache and select Trigger; from Add Secret Triggers select Secret Password Change.',
  'Select Tasks and from Add Secret tasks select Run script. Script: the script of step 3; select “Use site run as secret”; Script Args: as in this runbook; Run Site: the site of step 5; Additional secret 1: the connection secret of that cache. Select Save.',
  'Target the policy at the chosen folders and activate it.',
];

/** What a pipeline's Run Script task should hold, with ids resolved now (missing ones as `<…>` while planning). */
async function wantedSettings(ctx: CacheCtx, cat: PipelineCatalogue, cache: WizardCache, signal: AbortSignal) {
  const { client: c, inputs } = ctx;
  const slugs = TEMPLATE_FIELDS.map((f) => fieldSlug(f.name));
  const script = await findScript(c, inputs.scriptName, signal).catch(() => undefined);
  const site = await findSite(c, inputs.site, signal);
  const folder = await folderId(c, inputs.folder, 'folder', signal).catch(() => undefined);
  const secret = folder !== undefined ? await findSecret(c, cache.secretName, folder, signal) : undefined;
  return {
    [cat.settings.script]: script?.scriptId !== undefined ? String(script.scriptId) : `<script ${inputs.scriptName}>`,
    [cat.settings.args]: scriptArgs(slugs),
    [cat.settings.site]: site?.siteId !== undefined ? String(site.siteId) : `<site ${inputs.site}>`,
    [cat.settings.useSiteRunAs]: 'true',
    [cat.settings.additional1]: secret?.id !== undefined ? String(secret.id) : `<secret ${cache.secretName}>`,
  };
}

function matches(model: EventPipelineModel | undefined, cat: PipelineCatalogue, want: Record<string, string>): boolean {
  if (!model) return false;
  const triggers = (model.triggers ?? []).map((t) => t.eventActionId);
  const task = (model.taskList ?? []).find((t) => t.eventPipelineTaskId === cat.taskId);
  const has = (name: string) => task?.settings?.find((s) => s.setting?.settingName === name)?.settingValue ?? '';
  return (
    model.active !== false &&
    triggers.includes(cat.triggerId) &&
    !!task &&
    Object.entries(want).every(([k, v]) => has(k).toLowerCase() === v.toLowerCase())
  );
}

async function pipelinesOf(ctx: CacheCtx, policyId: number, signal: AbortSignal): Promise<EventPipelineModel[]> {
  const list = await listPipelines(ctx.client, { policyId, signal });
  return Promise.all(list.map((p) => getPipeline(ctx.client, p.eventPipelineId ?? 0, signal)));
}

/** Step 4: the Secret policy with one pipeline per cache (Secret Password Change → Run Script), targeted and active. */
export const pipelineStep: WizardStep<CacheCtx> = {
  id: 'pipeline',
  title: 'Event pipeline policy',
  description:
    'A Secret policy targeting the chosen folders, with one pipeline per Credentials Cache: trigger “Secret Password Change”, task Run Script with the script, the arguments built from the template’s slugs, “use site run as secret”, the run site and the connection secret; then activated. Trigger, task and settings are found by name in the catalogues.',
  manualSteps: MANUAL,
  async check(ctx, signal): Promise<StepCheck> {
    const { client: c, inputs } = ctx;
    if (!ctx.can('Administer Secret Server Pipelines')) {
      const m = manualIfLacking(
        ctx,
        ['Administer Secret Server Pipelines'],
        [change('policy', 'create', `Policy “${inputs.policyName}”`, [], {})],
        MANUAL,
      );
      return { findings: [], ...m };
    }
    const findings = [];
    const cat = await readCatalogue(c, signal);
    findings.push(
      info(
        `Catalogues: trigger “Secret Password Change” = ${cat.triggerId}, task “Run Script” = ${cat.taskId}, settings ${Object.values(cat.settings).join(', ')}.`,
      ),
    );
    const template = ctx.planned.templateSlugs ? undefined : await findTemplate(c, inputs.templateName, signal);
    const slugs = ctx.planned.templateSlugs ?? (template?.fields ?? []).map((f) => f.fieldSlugName ?? '');
    const pw = ctx.planned.passwordSlugs ?? (template?.fields ?? []).filter((f) => f.isPassword).map((f) => f.fieldSlugName ?? '');
    const args = scriptArgs(TEMPLATE_FIELDS.map((f) => fieldSlug(f.name)));
    const bad = unknownTokens(args, slugs.length ? slugs : TEMPLATE_FIELDS.map((f) => fieldSlug(f.name)));
    let blocked = false;
    const block = (text: string) => {
      blocked = true;
      findings.push(problem(text));
    };
    if (bad.length) block(`Script Args tokens name no field of “${inputs.templateName}”: ${bad.join(' ')}.`);
    else findings.push(info(`Script Args: ${args} (every token is a field of “${inputs.templateName}”).`));
    const usedPw = pw.filter((s) => args.includes(`$${s}`));
    if (usedPw.length)
      findings.push(
        warn(
          `The arguments pass the password field ${usedPw.join(', ')}. Secret Server blocks confidential fields in script arguments unless “Allow Confidential Secret Fields to be used in Scripts” is on (Admin > Configuration); the API does not show that setting, so verify will tell (cause “confidential-args-blocked”).`,
        ),
      );
    const folders: number[] = [];
    for (const path of ctx.targetFolders) {
      const id = await folderId(c, path, 'targetFolders', signal).catch(() => undefined);
      if (id === undefined) block(`No target folder ${normalPath(path)}.`);
      else folders.push(id);
    }
    if (!(await findSite(c, inputs.site, signal))) block(`No site “${inputs.site}”: see step 5.`);
    const policy = await findPolicy(c, inputs.policyName, signal);
    const pid = policy?.eventPipelinePolicyId;
    const changes: StepChange[] = [];
    const policyBody = {
      data: {
        eventPipelinePolicyName: { dirty: true, value: inputs.policyName },
        eventEntityTypeId: { dirty: true, value: 10001 },
        active: { dirty: true, value: false },
        pipelines: { dirty: false, value: [] },
        reuseExistingPipelines: false,
        isSystem: false,
      },
    };
    changes.push(
      change(
        'policy',
        pid ? 'unchanged' : 'create',
        `Policy “${inputs.policyName}” (type Secret)`,
        [call('POST', '/api/v1/event-pipeline-policy', policyBody)],
        {},
      ),
    );
    const now = pid ? (await getPolicyFolders(c, pid, signal)).map((f) => f.id ?? 0) : [];
    const union = [...new Set([...now, ...folders])].sort((a, b) => a - b);
    const missingFolders = folders.filter((f) => !now.includes(f));
    changes.push(
      change(
        'policy:folders',
        !pid ? 'create' : missingFolders.length ? 'update' : 'unchanged',
        `Target folders of “${inputs.policyName}”: ${ctx.targetFolders.map(normalPath).join(', ')}`,
        [call('PUT', `/api/v1/event-pipeline-policy/${pid ?? '{policyId}'}/folders`, { data: union })],
        { folderIds: folders },
        { before: ctx.fp(now.join(',')), after: ctx.fp(union.join(',')) },
      ),
    );
    const existing = pid ? await pipelinesOf(ctx, pid, signal) : [];
    for (const cache of ctx.caches) {
      const want = await wantedSettings(ctx, cat, cache, signal);
      const model = existing.find((p) => p.eventPipelineName?.toLowerCase() === cache.pipelineName.toLowerCase());
      const ok = matches(model, cat, want);
      const body = {
        eventEntityTypeId: 10001,
        eventPipelinePolicyId: pid ?? '<policy id>',
        data: {
          eventPipelineName: { dirty: true, value: cache.pipelineName },
          active: { dirty: true, value: true },
          triggers: { dirty: true, value: [{ eventActionId: { dirty: true, value: cat.triggerId } }] },
          tasks: {
            dirty: true,
            value: [
              {
                eventPipelineTaskId: { dirty: true, value: cat.taskId },
                settings: {
                  dirty: true,
                  value: Object.entries(want).map(([k, v]) => ({
                    settingName: { dirty: true, value: k },
                    settingValue: { dirty: true, value: v },
                  })),
                },
              },
            ],
          },
        },
      };
      changes.push(
        change(
          `pipeline:${cache.profile.id}`,
          !model ? 'create' : ok ? 'unchanged' : 'update',
          `Pipeline “${cache.pipelineName}”`,
          [
            model
              ? call('PUT', `/api/v1/event-pipeline/${model.eventPipelineId}`, {
                  data: { active: body.data.active, triggers: body.data.triggers, tasks: body.data.tasks },
                })
              : call('POST', '/api/v1/event-pipeline', body),
          ],
          { cacheProfileId: cache.profile.id },
          { after: ctx.fp(JSON.stringify(want)), ...(model && !ok ? { reason: 'its trigger, task or settings differ' } : {}) },
        ),
      );
    }
    const active = pid ? (await getPolicy(c, pid, signal)).active === true : false;
    changes.push(
      change(
        'policy:activate',
        active ? 'unchanged' : pid ? 'update' : 'create',
        `Activate “${inputs.policyName}”`,
        [call('PUT', `/api/v1/event-pipeline-policy/${pid ?? '{policyId}'}/activate`, { activate: true })],
        {},
      ),
    );
    return { findings, changes, blocked };
  },
  async apply(ch, ctx, signal) {
    const { client: c, inputs } = ctx;
    if (ch.key === 'policy') {
      if (await findPolicy(c, inputs.policyName, signal)) return 'already there';
      const p = await createPolicy(
        c,
        { name: inputs.policyName, description: 'Engine Console: refresh Credentials Cache on password change' },
        signal,
      );
      return `policy ${p.eventPipelinePolicyId}`;
    }
    const policy = (await findPolicy(c, inputs.policyName, signal)) ?? gone(`Policy “${inputs.policyName}”`);
    const pid = policy.eventPipelinePolicyId ?? 0;
    if (ch.key === 'policy:folders') {
      const now = (await getPolicyFolders(c, pid, signal)).map((f) => f.id ?? 0);
      const add = (ch.payload.data as { folderIds: number[] }).folderIds;
      await setPolicyFolders(c, pid, [...new Set([...now, ...add])], signal);
      return `targets ${add.length} folder(s)`;
    }
    if (ch.key === 'policy:activate') {
      await activatePolicy(c, pid, true, signal);
      return 'active';
    }
    const cache =
      ctx.caches.find((x) => x.profile.id === (ch.payload.data as { cacheProfileId: string }).cacheProfileId) ?? gone('The cache profile');
    const cat = await readCatalogue(c, signal);
    const want = await wantedSettings(ctx, cat, cache, signal);
    const unresolved = Object.values(want).find((v) => v.startsWith('<'));
    if (unresolved) gone(unresolved.slice(1, -1));
    const spec = { triggerActionIds: [cat.triggerId], tasks: [{ eventPipelineTaskId: cat.taskId, settings: want }], active: true };
    const model = (await pipelinesOf(ctx, pid, signal)).find(
      (p) => p.eventPipelineName?.toLowerCase() === cache.pipelineName.toLowerCase(),
    );
    if (matches(model, cat, want)) return 'already there';
    if (model?.eventPipelineId) {
      await updatePipeline(c, model.eventPipelineId, spec, signal);
      return `pipeline ${model.eventPipelineId} updated`;
    }
    const p = await createPipeline(
      c,
      { name: cache.pipelineName, description: `Refreshes ${cache.profile.name} (${cache.profile.url})`, policyId: pid, ...spec },
      signal,
    );
    return `pipeline ${p.eventPipelineId}`;
  },
};
