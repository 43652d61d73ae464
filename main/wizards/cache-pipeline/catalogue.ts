import { ContractError } from '../../../contract/errors';
import { listTaskOptions, listTaskSettings, listTriggerOptions, type SecretServerClient } from '../../secret-server';

/** The Run Script task's settings the pipeline sets, by role; resolved to the server's `settingName`s. */
export const SETTING_ROLES = {
  script: ['scriptid', 'script'],
  args: ['scriptargs', 'scriptarguments'],
  site: ['siteid', 'runsite'],
  useSiteRunAs: ['usesiterunassecret'],
  additional1: ['additionalsecret1'],
} as const;

/** What the catalogues said: the trigger's and task's ids and the setting names, all resolved by name. */
export interface PipelineCatalogue {
  readonly triggerId: number;
  readonly taskId: number;
  readonly settings: { readonly [K in keyof typeof SETTING_ROLES]: string };
}

const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Reads the trigger, task and task-setting catalogues and finds "Secret Password Change", "Run Script" and its settings by name. */
export async function readCatalogue(c: SecretServerClient, signal: AbortSignal): Promise<PipelineCatalogue> {
  const triggers = await listTriggerOptions(c, undefined, signal);
  const trigger = triggers.find((t) => norm(t.triggerDisplayName) === 'secretpasswordchange');
  if (trigger?.eventActionId === undefined) throw new ContractError('NOT_FOUND', 'The trigger catalogue has no “Secret Password Change”.');
  const tasks = await listTaskOptions(c, undefined, signal);
  const task = tasks.find((t) => norm(t.eventPipelineTaskDisplayName) === 'runscript' || norm(t.eventPipelineTaskName) === 'runscript');
  if (task?.eventPipelineTaskId === undefined) throw new ContractError('NOT_FOUND', 'The task catalogue has no “Run Script”.');
  const defs = await listTaskSettings(c, task.eventPipelineTaskId, signal);
  const settings = {} as Record<keyof typeof SETTING_ROLES, string>;
  for (const [role, names] of Object.entries(SETTING_ROLES) as Array<[keyof typeof SETTING_ROLES, readonly string[]]>) {
    const hit = defs.find((d) => {
      const s = d.setting as { settingName?: string; nameLocalizeKey?: string } | undefined;
      return names.includes(norm(s?.settingName)) || names.includes(norm(s?.nameLocalizeKey));
    });
    const name = (hit?.setting as { settingName?: string } | undefined)?.settingName;
    if (!name) throw new ContractError('NOT_FOUND', `The Run Script task has no setting for “${role}” (${names.join(' / ')}).`);
    settings[role] = name;
  }
  return { triggerId: trigger.eventActionId, taskId: task.eventPipelineTaskId, settings };
}

/** The Script Args: `$ItemId` then `$[ADD:1]$<slug>` for each field, built from the template actually used. */
export function scriptArgs(slugs: readonly string[]): string {
  return ['$ItemId', ...slugs.map((s) => `$[ADD:1]$${s}`)].join(' ');
}

/** Checks every token of the args against the template's slugs; the tokens that name no field. */
export function unknownTokens(args: string, templateSlugs: readonly string[]): string[] {
  return args
    .split(/\s+/)
    .filter(Boolean)
    .filter((t) => !/^\$ItemId$/i.test(t))
    .filter((t) => {
      const m = /^\$(?:\[ADD:1\]\$)?([\w-]+)$/i.exec(t);
      return !m || !templateSlugs.includes((m[1] ?? '').toLowerCase());
    });
}
