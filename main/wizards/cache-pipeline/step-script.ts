import { ContractError } from '../../../contract/errors';
import { createScript, getScript, listScriptCategories, updateScript } from '../../secret-server';
import type { StepCheck, WizardStep } from '../types';
import { call, change, info, manualIfLacking, warn } from './common';
import type { CacheCtx } from './context';
import { findScript } from './lookups';
import { cacheRefreshScript, lineDiff } from './script-template';

const MANUAL = [
  'Open Secret Server and navigate to Settings > Scripts: PowerShell, SQL, SSH, and select Create script (or open the existing one).',
  'Name: the script name; Script Type: PowerShell; Category: Password Changing; clear “Use PowerShell Core”.',
  'Paste the script from this runbook into the script editor and select Save.',
];

async function categoryId(ctx: CacheCtx, signal: AbortSignal): Promise<number> {
  const cats = await listScriptCategories(ctx.client, { signal });
  const id = cats.find((c) => c.scriptCategoryName?.toLowerCase() === 'password changing')?.scriptCategoryId;
  if (id === undefined) throw new ContractError('NOT_FOUND', 'Secret Server has no script category “Password Changing”.');
  return id;
}

/** Step 3: the PowerShell user script from the maintained template (created, or updated with a diff). */
export const scriptStep: WizardStep<CacheCtx> = {
  id: 'script',
  title: 'PowerShell script',
  description:
    'Create or update the user script (PowerShell, Password Changing) from the maintained template: TLS 1.2, certificate checks on, 20 s timeouts with retries, throw on failure, no secret in its output.',
  manualSteps: MANUAL,
  async check(ctx, signal): Promise<StepCheck> {
    const { inputs } = ctx;
    const text = cacheRefreshScript(inputs);
    const findings = [
      info(`The script takes: secret id, Secret Server URL, application account, its password, Credentials Cache URL, domain.`),
    ];
    if (inputs.labSkipCertificateCheck)
      findings.push(
        warn(
          'LAB ONLY: the script turns certificate checks off. Never use this on production: the token and password can be read on the network path.',
        ),
      );
    if (!ctx.can('Administer Secret Server Scripts')) {
      const m = manualIfLacking(
        ctx,
        ['Administer Secret Server Scripts'],
        [change('script', 'create', `Script “${inputs.scriptName}”`, [], {})],
        [...MANUAL, `Script text:\n${text}`],
      );
      return { findings, ...m };
    }
    const existing = await findScript(ctx.client, inputs.scriptName, signal);
    const body = {
      data: {
        name: inputs.scriptName,
        description: 'Engine Console: refresh Credentials Cache on password change',
        isActive: true,
        script: '<the generated script>',
        scriptType: 'PowerShell',
        scriptCategoryId: '<id of Password Changing>',
      },
    };
    if (!existing?.scriptId)
      return {
        findings,
        changes: [
          change(
            'script',
            'create',
            `Script “${inputs.scriptName}”`,
            [call('GET', '/api/v1/userscripts/categories'), call('POST', '/api/v2/userscripts', body)],
            {},
            { after: ctx.fp(text) },
          ),
        ],
      };
    const now = await getScript(ctx.client, existing.scriptId, signal);
    const diff = lineDiff(now.script ?? '', text);
    const categoryOk = now.scriptCategoryName?.toLowerCase() === 'password changing';
    const action = diff || !categoryOk ? 'update' : 'unchanged';
    const reason = diff
      ? 'the script differs from the template (see the diff)'
      : !categoryOk
        ? 'category is not Password Changing'
        : 'matches the template';
    return {
      findings,
      ...(diff ? { diff } : {}),
      changes: [
        change(
          'script',
          action,
          `Script “${inputs.scriptName}” (${existing.scriptId})`,
          [
            call('PATCH', `/api/v1/userscripts/${existing.scriptId}`, {
              data: {
                script: { dirty: true, value: '<the generated script>' },
                scriptCategoryId: { dirty: true, value: '<id of Password Changing>' },
              },
            }),
          ],
          { scriptId: existing.scriptId },
          { before: ctx.fp(now.script ?? ''), after: ctx.fp(text), reason },
        ),
      ],
    };
  },
  async apply(_ch, ctx, signal) {
    const text = cacheRefreshScript(ctx.inputs);
    const category = await categoryId(ctx, signal);
    const existing = await findScript(ctx.client, ctx.inputs.scriptName, signal);
    if (!existing?.scriptId) {
      const s = await createScript(
        ctx.client,
        {
          name: ctx.inputs.scriptName,
          description: 'Engine Console: refresh Credentials Cache on password change',
          isActive: true,
          script: text,
          scriptType: 'PowerShell',
          scriptCategoryId: category,
        } as never,
        signal,
      );
      return `script ${s.scriptId}`;
    }
    await updateScript(ctx.client, existing.scriptId, { script: text, scriptCategoryId: category }, signal);
    return `script ${existing.scriptId} updated`;
  },
};
