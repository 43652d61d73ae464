import type { RunStatus } from '../../../contract/channels/activity';
import type { VerificationReport } from '../../../contract/channels/setup';
import { confirmRefreshFromLog, markCacheLog } from '../../credentials-cache';
import {
  changeSecretPassword,
  createSecret,
  fillStub,
  getPipeline,
  getRunsPage,
  getSecretStub,
  getSecretSummary,
  listPipelines,
} from '../../secret-server';
import { realSleep as sleep } from '../../shared/sleep';
import type { StepCheck, StepVerifyOutcome, WizardStep } from '../types';
import { call, change, info, problem } from './common';
import type { CacheCtx } from './context';
import { findPolicy, findSecret, findTemplate, folderChain, folderId, gone, normalPath } from './lookups';

/** Name of the canary secret the wizard creates in the first target folder. */
export const CANARY_NAME = 'Credentials Cache canary';
const TERMINAL = new Set<RunStatus>(['Success', 'Failed', 'Skipped']);

async function canary(ctx: CacheCtx, signal: AbortSignal): Promise<{ id: number; name: string } | undefined> {
  const { client: c, inputs } = ctx;
  if (inputs.canarySecretId) {
    const s = await getSecretSummary(c, inputs.canarySecretId, signal);
    return { id: inputs.canarySecretId, name: s.name ?? `Secret ${inputs.canarySecretId}` };
  }
  const folder = await folderId(c, ctx.targetFolders[0] ?? inputs.folder, 'targetFolders', signal);
  const s = await findSecret(c, CANARY_NAME, folder, signal);
  return s?.id ? { id: s.id, name: s.name ?? CANARY_NAME } : undefined;
}

/** Step 6: the canary secret, then end to end — change its password, follow the runs, confirm every cache logged the refresh. */
export const verifyStep: WizardStep<CacheCtx> = {
  id: 'verify',
  title: 'Verify end to end',
  description: `On a canary secret (“${CANARY_NAME}”, created in the first target folder, or one you pick): change its password, wait for the runs (Pending → Processing → Success/Failed), confirm every Credentials Cache logged the refresh, and report the time from change to refresh.`,
  manualSteps: [
    'Change the password of a secret in a target folder.',
    'In Admin > Settings > Event Pipelines > Activity, check the run shows Success.',
    'On each cache host, check the log in the LogPath folder for “Cache updated for secretId=<id>”.',
  ],
  async check(ctx, signal): Promise<StepCheck> {
    const { client: c, inputs } = ctx;
    const findings = ctx.caches.map((k) =>
      k.profile.logPath
        ? info(`${k.profile.name}: its log ${k.profile.logPath} confirms the refresh.`)
        : problem(`${k.profile.name} has no log path: set one on its profile, or verify cannot confirm the refresh.`),
    );
    if (inputs.canarySecretId) {
      const s = await getSecretSummary(c, inputs.canarySecretId, signal);
      const chain = await Promise.all(ctx.targetFolders.map((p) => folderChain(c, p, signal)));
      const inTarget = chain.some((ch) => ch?.some((f) => f.id === s.folderId));
      if (!inTarget)
        findings.push(
          problem(`The canary secret ${inputs.canarySecretId} is not in a target folder, so its password change fires no pipeline.`),
        );
      return {
        findings,
        changes: [change('canary', 'unchanged', `Canary “${s.name}” (${inputs.canarySecretId})`, [], {})],
        blocked: !inTarget,
      };
    }
    const existing = await canary(ctx, signal).catch(() => undefined);
    const target = normalPath(ctx.targetFolders[0] ?? inputs.folder);
    return {
      findings,
      changes: [
        change(
          'canary',
          existing ? 'unchanged' : 'create',
          `Canary secret “${CANARY_NAME}” in ${target}`,
          [
            call('GET', '/api/v1/secrets/stub?secretTemplateId=<id of Password>&folderId=<folder id>'),
            call('POST', '/api/v1/secrets', { name: CANARY_NAME, items: '<resource, username, a generated password>' }),
          ],
          {},
        ),
      ],
    };
  },
  async apply(_ch, ctx, signal) {
    if (await canary(ctx, signal)) return 'already there';
    const folder = await folderId(ctx.client, ctx.targetFolders[0] ?? ctx.inputs.folder, 'targetFolders', signal);
    const template = (await findTemplate(ctx.client, 'Password', signal)) ?? gone('Template “Password”');
    const stub = await getSecretStub(ctx.client, template.id ?? 0, folder, signal);
    const values = Object.fromEntries(
      (stub.items ?? []).map((i) => [
        i.slug ?? '',
        i.isPassword ? `Canary-${crypto.randomUUID()}` : i.slug === 'username' ? 'canary' : i.slug === 'resource' ? 'canary.invalid' : '',
      ]),
    );
    const s = await createSecret(ctx.client, fillStub(stub, CANARY_NAME, values), signal);
    return `secret ${s.id}`;
  },
  async verify(ctx, signal, report): Promise<StepVerifyOutcome> {
    const { client: c, deps } = ctx;
    const t = { runMs: 180_000, logMs: 15_000, pollMs: 500, ...deps.verifyTimeouts };
    const can = (await canary(ctx, signal)) ?? gone(`The canary secret “${CANARY_NAME}”`);
    const policy = (await findPolicy(c, ctx.inputs.policyName, signal)) ?? gone(`Policy “${ctx.inputs.policyName}”`);
    const pipelines = await Promise.all(
      (await listPipelines(c, { policyId: policy.eventPipelinePolicyId ?? 0, signal })).map((p) =>
        getPipeline(c, p.eventPipelineId ?? 0, signal),
      ),
    );
    const ours = pipelines.filter((p) =>
      ctx.caches.some((k) => k.pipelineName.toLowerCase() === (p.eventPipelineName ?? '').toLowerCase()),
    );
    const page = (id: number) =>
      getRunsPage(c, { pipelineId: id }, { sort: [{ name: 'eventDateTime', direction: 'desc' }], skip: 0, take: 25 }, signal);
    const before = new Set(
      (await Promise.all(ours.map((p) => page(p.eventPipelineId ?? 0)))).flatMap((r) => r.records.map((x) => x.eventPipelinePolicyRunId)),
    );
    const marks = await Promise.all(ctx.caches.map((k) => markCacheLog(deps.logs, k.profile.logPath)));
    report('Changing the canary password', { phase: 'changing-password' });
    const changedAt = Date.now();
    await changeSecretPassword(c, can.id, { comment: 'Engine Console setup wizard: end-to-end verification', signal });
    const runs = new Map<number, { runId: string; pipelineId: number; pipeline: string; status: RunStatus }>();
    let last = '';
    for (const deadline = Date.now() + t.runMs; Date.now() < deadline; await sleep(t.pollMs, signal)) {
      for (const p of ours) {
        const rec = (await page(p.eventPipelineId ?? 0)).records.find(
          (r) => r.itemId === can.id && !before.has(r.eventPipelinePolicyRunId),
        );
        if (rec)
          runs.set(p.eventPipelineId ?? 0, {
            runId: rec.eventPipelinePolicyRunId ?? '',
            pipelineId: p.eventPipelineId ?? 0,
            pipeline: p.eventPipelineName ?? '',
            status: (rec.status ?? 'Pending') as RunStatus,
          });
      }
      const states = [...runs.values()].map((r) => r.status);
      const shown = states.find((s) => !TERMINAL.has(s)) ?? states.find((s) => s !== 'Success') ?? states[0] ?? 'Pending';
      if (shown !== last) {
        report(`Pipeline run: ${shown}`, { phase: 'waiting-for-run', runStatus: shown });
        last = shown;
      }
      if (runs.size === ours.length && states.every((s) => TERMINAL.has(s))) break;
    }
    report('Confirming from the Credentials Cache logs', { phase: 'confirming-caches' });
    const instances = await Promise.all(
      ctx.caches.map(async (k, i) => {
        const conf = await confirmRefreshFromLog({
          logs: deps.logs,
          logPath: k.profile.logPath,
          secretId: can.id,
          since: new Date(changedAt - 1000),
          after: marks[i] ?? null,
          windowMs: t.logMs,
          signal,
        });
        const stamp = conf.line ? Date.parse(/\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?/.exec(conf.line)?.[0] ?? '') : NaN;
        const ms = conf.state === 'refreshed' ? Math.max(0, (Number.isNaN(stamp) ? Date.now() : stamp) - changedAt) : undefined;
        return {
          profileId: k.profile.id,
          name: k.profile.name,
          state: conf.state,
          ...(conf.reason ? { reason: conf.reason } : {}),
          ...(ms !== undefined ? { changeToRefreshMs: ms } : {}),
        };
      }),
    );
    const list = [...runs.values()];
    const ok =
      list.length === ours.length &&
      ours.length > 0 &&
      list.every((r) => r.status === 'Success') &&
      instances.every((x) => x.state === 'refreshed');
    const bad = list.find((r) => r.status !== 'Success') ?? list[0];
    const detail =
      !ok && bad && deps.activity
        ? await deps.activity
            .run({ profileId: ctx.profile.id, runId: bad.runId, pipelineId: bad.pipelineId }, true, signal)
            .catch(() => undefined)
        : undefined;
    const slowest = ok ? Math.max(...instances.map((x) => x.changeToRefreshMs ?? 0)) : undefined;
    const message = ok
      ? `Every Credentials Cache refreshed the canary within ${Math.round((slowest ?? 0) / 100) / 10} s of the password change.`
      : !ours.length
        ? 'The policy has none of the wizard’s pipelines.'
        : list.length < ours.length
          ? `No run (or not all runs) appeared within ${Math.round(t.runMs / 1000)} s of the change.`
          : list.some((r) => r.status !== 'Success')
            ? `A pipeline run ended ${bad?.status}.`
            : `The run succeeded but ${instances
                .filter((x) => x.state !== 'refreshed')
                .map((x) => `${x.name} (${x.state})`)
                .join(', ')} did not log the refresh.`;
    const verification: VerificationReport = {
      ok,
      canary: can,
      changedAt: new Date(changedAt).toISOString(),
      runs: list,
      instances,
      ...(slowest !== undefined ? { changeToRefreshMs: slowest } : {}),
      ...(detail?.cause ? { cause: detail.cause } : {}),
      ...(!ok && bad
        ? {
            failedRun: {
              runId: bad.runId,
              pipelineId: bad.pipelineId,
              link: `#/activity?profile=${ctx.profile.id}&run=${bad.runId}&pipeline=${bad.pipelineId}`,
            },
          }
        : {}),
      message,
    };
    report(message, { phase: 'done', ...(bad ? { runStatus: bad.status } : {}) });
    const findings = [
      ok ? info(message) : problem(message),
      ...instances.map((x) =>
        (x.state === 'refreshed' ? info : problem)(
          `${x.name}: ${x.state}${x.changeToRefreshMs !== undefined ? ` after ${x.changeToRefreshMs} ms` : ''}${x.reason ? ` — ${x.reason}` : ''}`,
        ),
      ),
    ];
    if (detail?.cause) findings.push(problem(`Probable cause: ${detail.cause.title}. Fix: ${detail.cause.fix}`));
    return { ok, findings, report: verification };
  },
};
