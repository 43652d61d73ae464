import { ContractError } from '../../../contract/errors';
import {
  createFolderPermission,
  createSecret,
  createSecretPermission,
  createTemplate,
  fieldSlug,
  fillStub,
  getSecret,
  getSecretField,
  getSecretStub,
  listFolderPermissions,
  listSecretPermissions,
  setSecretField,
  setSecretInheritPermissions,
} from '../../secret-server';
import type { StepChange, StepCheck, WizardStep } from '../types';
import { call, change, info, manualIfLacking, problem, warn } from './common';
import type { CacheCtx, WizardCache } from './context';
import { findSecret, findTemplate, findUser, folderChain, folderId, gone, normalPath } from './lookups';

/** The custom template's fields (seed 000), in the order the script takes them; CLIENTSECRET is a password. */
export const TEMPLATE_FIELDS = [
  { name: 'TENANTURL', isUrl: true, isPassword: false },
  { name: 'CLIENTID', isUrl: false, isPassword: false },
  { name: 'CLIENTSECRET', isUrl: false, isPassword: true },
  { name: 'CREDCACHEURL', isUrl: true, isPassword: false },
  { name: 'DOMAIN', isUrl: false, isPassword: false },
] as const;

const MANUAL = [
  'Choose the folder for the secret (Secrets > folders). Make sure the application account has View on it and on every parent folder.',
  'Create a custom template with the fields TENANTURL, CLIENTID, CLIENTSECRET (password), CREDCACHEURL and DOMAIN (Admin > Secret Templates).',
  'Create one secret per Credentials Cache from that template (Create New Secret), with the Secret Server URL, the application account, its password, the cache URL and the domain.',
  'On the secret’s Sharing tab select Edit, clear Inherit permissions, search for the application account, select it, choose View and select Save.',
];

const VIEW_OR_MORE = new Set(['view', 'edit', 'owner']);

/** The connection secret's field values by slug (the password read from the cache profile's credentials at apply time). */
function values(cache: WizardCache): Record<string, string> {
  const c = cache.creds;
  return {
    tenanturl: c?.baseUrl ?? '',
    clientid: c?.username ?? '',
    clientsecret: c?.password ?? '',
    credcacheurl: cache.profile.url,
    domain: c?.domain ?? '',
  };
}

/** Step 2: the custom template, one connection secret per cache in the folder, View for the account (secret and folders). */
export const templateStep: WizardStep<CacheCtx> = {
  id: 'template-secret',
  title: 'Template and secret',
  description:
    'Find or create the custom template (TENANTURL, CLIENTID, CLIENTSECRET, CREDCACHEURL, DOMAIN), one connection secret per Credentials Cache in the chosen folder, and View for the application account on the secret and on the folder and its parents.',
  manualSteps: MANUAL,
  async check(ctx, signal): Promise<StepCheck> {
    const { client: c, inputs } = ctx;
    const findings = [];
    const changes: StepChange[] = [];
    const template = await findTemplate(c, inputs.templateName, signal);
    const wanted = TEMPLATE_FIELDS.map((f) => fieldSlug(f.name));
    if (template) {
      const slugs = (template.fields ?? []).map((f) => f.fieldSlugName ?? '');
      const lacking = wanted.filter((s) => !slugs.includes(s));
      ctx.planned.templateSlugs = slugs;
      ctx.planned.passwordSlugs = (template.fields ?? []).filter((f) => f.isPassword || f.isFile).map((f) => f.fieldSlugName ?? '');
      if (lacking.length)
        return {
          findings: [
            problem(`Template “${inputs.templateName}” lacks the field(s) ${lacking.join(', ')}: add them or name another template.`),
          ],
          changes: [],
          blocked: true,
        };
      changes.push(change('template', 'unchanged', `Template “${inputs.templateName}”`, [], {}, { reason: 'has the five fields' }));
    } else {
      ctx.planned.templateSlugs = wanted;
      ctx.planned.passwordSlugs = ['clientsecret'];
      const body = {
        name: inputs.templateName,
        passwordTypeId: 0,
        fields: TEMPLATE_FIELDS.map((f) => ({
          name: f.name,
          displayName: f.name,
          fieldSlugName: fieldSlug(f.name),
          isPassword: f.isPassword,
          isUrl: f.isUrl,
          isRequired: f.name !== 'DOMAIN',
        })),
      };
      changes.push(change('template', 'create', `Template “${inputs.templateName}”`, [call('POST', '/api/v1/secret-templates', body)], {}));
    }
    const user = await findUser(c, inputs.applicationAccount, signal);
    if (!user?.id) return { findings: [problem(`No user “${inputs.applicationAccount}”: see step 1.`)], changes, blocked: true };
    const chain = await folderChain(c, inputs.folder, signal);
    const folder = chain?.[0];
    if (!chain || !folder?.id)
      return { findings: [problem(`No folder ${normalPath(inputs.folder)}: create it or pick another.`)], changes, blocked: true };
    let folderGivesView = false;
    for (const [i, f] of chain.entries()) {
      const perms = await listFolderPermissions(c, f.id ?? 0, { signal });
      const mine = perms.find((p) => p.userId === user.id);
      if (i === 0 && mine && VIEW_OR_MORE.has((mine.secretAccessRoleName ?? '').toLowerCase())) folderGivesView = true;
      const body = { folderId: f.id, userId: user.id, folderAccessRoleName: 'View', secretAccessRoleName: 'List', breakInheritance: false };
      changes.push(
        change(
          `folder-view:${f.id}`,
          mine ? 'unchanged' : 'create',
          `View on folder ${f.folderPath} for ${inputs.applicationAccount}`,
          [call('POST', '/api/v1/folder-permissions', body)],
          { folderId: f.id, userId: user.id },
          i > 0 ? { reason: 'the seed asks for View on every parent folder too' } : {},
        ),
      );
    }
    let blocked = false;
    for (const cache of ctx.caches) {
      const key = cache.profile.id;
      if (!cache.creds || cache.creds.username.toLowerCase() !== inputs.applicationAccount.toLowerCase()) {
        findings.push(
          problem(
            `The Credentials Cache profile “${cache.profile.name}” signs in as ${cache.creds?.username ?? 'nobody'}, not ${inputs.applicationAccount}: set the application account (and its password) on that profile, so its connection secret carries them.`,
          ),
        );
        blocked = true;
        continue;
      }
      const existing = await findSecret(c, cache.secretName, folder.id, signal);
      const want = values(cache);
      const fieldCalls = (id: string) =>
        Object.keys(want).map((slug) =>
          call('PUT', `/api/v1/secrets/${id}/fields/${slug}`, {
            value: slug === 'clientsecret' ? '<password of the application account>' : want[slug],
          }),
        );
      if (!existing?.id) {
        changes.push(
          change(
            `secret:${key}`,
            'create',
            `Secret “${cache.secretName}” in ${normalPath(inputs.folder)}`,
            [
              call('GET', `/api/v1/secrets/stub?secretTemplateId=<template id>&folderId=${folder.id}`),
              call('POST', '/api/v1/secrets', {
                name: cache.secretName,
                folderId: folder.id,
                items: Object.keys(want).map((slug) => ({
                  slug,
                  itemValue: slug === 'clientsecret' ? '<password of the application account>' : want[slug],
                })),
              }),
            ],
            { cacheProfileId: key, folderId: folder.id },
            { after: ctx.fp(JSON.stringify(want)) },
          ),
        );
      } else {
        const now: Record<string, string> = {};
        for (const slug of Object.keys(want)) now[slug] = await getSecretField(c, existing.id, slug, signal).catch(() => '');
        const differ = Object.keys(want).filter((s) => now[s] !== want[s]);
        changes.push(
          change(
            `secret:${key}`,
            differ.length ? 'update' : 'unchanged',
            `Secret “${cache.secretName}” (${existing.id})`,
            fieldCalls(String(existing.id)),
            { cacheProfileId: key, folderId: folder.id, secretId: existing.id, slugs: differ },
            {
              before: ctx.fp(JSON.stringify(now)),
              after: ctx.fp(JSON.stringify(want)),
              ...(differ.length ? { reason: `sets ${differ.join(', ')}` } : {}),
            },
          ),
        );
      }
      const s = existing?.id ? await getSecret(c, existing.id, signal) : undefined;
      const explicit = s?.id
        ? (await listSecretPermissions(c, s.id, { signal })).some(
            (p) => p.userId === user.id && VIEW_OR_MORE.has((p.secretAccessRoleName ?? '').toLowerCase()),
          )
        : false;
      const inherits = s ? (s as { enableInheritPermissions?: boolean }).enableInheritPermissions !== false : true;
      const ok = explicit || (inherits && folderGivesView);
      const grantCalls = [
        call('PATCH', `/api/v1/secrets/${s?.id ?? '{secretId}'}/share`, { data: { inheritPermissions: { dirty: true, value: false } } }),
        call('POST', '/api/v1/secret-permissions', { secretId: s?.id ?? '<secret id>', userId: user.id, secretAccessRoleName: 'View' }),
      ];
      if (ok)
        changes.push(
          change(
            `grant:${key}`,
            'unchanged',
            `View on “${cache.secretName}” for ${inputs.applicationAccount}`,
            [],
            {},
            { reason: explicit ? 'granted on the secret' : 'inherited from the folder' },
          ),
        );
      else if (inherits && !inputs.breakInheritance) {
        findings.push(
          problem(
            `“${cache.secretName}” inherits its permissions and the folder does not give ${inputs.applicationAccount} View: agree to break inheritance on it (the seed clears “Inherit permissions”), or grant View on the folder.`,
          ),
        );
        changes.push(
          change(
            `grant:${key}`,
            'blocked',
            `View on “${cache.secretName}” for ${inputs.applicationAccount}`,
            grantCalls,
            {},
            { reason: 'breaking inheritance needs your agreement' },
          ),
        );
      } else
        changes.push(
          change(
            `grant:${key}`,
            'create',
            `View on “${cache.secretName}” for ${inputs.applicationAccount}`,
            inherits ? grantCalls : grantCalls.slice(1),
            { cacheProfileId: key, folderId: folder.id, userId: user.id },
            inherits ? { reason: 'breaks permission inheritance on the secret' } : {},
          ),
        );
    }
    findings.push(
      info(
        `The Credentials Cache reads each secret as ${inputs.applicationAccount}: it needs View on the secret, and (per the seed) View on ${normalPath(inputs.folder)} and each parent folder.`,
      ),
    );
    if (inputs.breakInheritance)
      findings.push(
        warn('Inheritance will be broken on the connection secrets: later changes to the folder’s permissions no longer reach them.'),
      );
    const needed = changes.some((ch) => ch.key === 'template' && ch.action === 'create') ? ['Administer Secret Templates'] : [];
    const m = manualIfLacking(ctx, needed, changes, MANUAL);
    return { findings, ...m, blocked };
  },
  async apply(ch, ctx, signal) {
    const { client: c, inputs } = ctx;
    const d = ch.payload.data as { cacheProfileId?: string; folderId?: number; secretId?: number; slugs?: string[]; userId?: number };
    if (ch.key === 'template') {
      if (await findTemplate(c, inputs.templateName, signal)) return 'already there';
      const t = await createTemplate(
        c,
        {
          name: inputs.templateName,
          passwordTypeId: 0,
          fields: TEMPLATE_FIELDS.map((f) => ({
            name: f.name,
            displayName: f.name,
            description: '',
            fieldSlugName: fieldSlug(f.name),
            isPassword: f.isPassword,
            isUrl: f.isUrl,
            isRequired: f.name !== 'DOMAIN',
            isNotes: false,
            isFile: false,
          })),
        } as never,
        signal,
      );
      return `template ${t.id}`;
    }
    if (ch.key.startsWith('folder-view:')) {
      const perms = await listFolderPermissions(c, d.folderId ?? 0, { signal });
      if (perms.some((p) => p.userId === d.userId)) return 'already there';
      await createFolderPermission(
        c,
        {
          folderId: d.folderId,
          userId: d.userId,
          folderAccessRoleName: 'View',
          secretAccessRoleName: 'List',
          breakInheritance: false,
        } as never,
        signal,
      );
      return 'granted';
    }
    const cache = ctx.caches.find((x) => x.profile.id === d.cacheProfileId) ?? gone(`Credentials Cache profile ${d.cacheProfileId}`);
    const folder = await folderId(c, inputs.folder, 'folder', signal);
    const existing = await findSecret(c, cache.secretName, folder, signal);
    if (ch.key.startsWith('secret:')) {
      const want = values(cache);
      if (!existing?.id) {
        const template = (await findTemplate(c, inputs.templateName, signal)) ?? gone(`Template “${inputs.templateName}”`);
        const stub = await getSecretStub(c, template.id ?? 0, folder, signal);
        const s = await createSecret(c, fillStub(stub, cache.secretName, want), signal);
        return `secret ${s.id}`;
      }
      for (const slug of d.slugs ?? Object.keys(want))
        await setSecretField(c, existing.id, slug, want[slug] ?? '', { signal, comment: 'Engine Console setup wizard' });
      return `secret ${existing.id} updated`;
    }
    if (!existing?.id) throw new ContractError('CONFLICT', `“${cache.secretName}” does not exist yet: apply its creation first.`);
    const perms = await listSecretPermissions(c, existing.id, { signal });
    if (perms.some((p) => p.userId === d.userId && VIEW_OR_MORE.has((p.secretAccessRoleName ?? '').toLowerCase()))) return 'already there';
    const s = await getSecret(c, existing.id, signal);
    if ((s as { enableInheritPermissions?: boolean }).enableInheritPermissions !== false)
      await setSecretInheritPermissions(c, existing.id, false, signal);
    await createSecretPermission(c, { secretId: existing.id, userId: d.userId, secretAccessRoleName: 'View' }, signal);
    return 'View granted';
  },
};
