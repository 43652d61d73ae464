import { page } from '../shared/paging';
import { accessDenied, badRequest, canEditSecret, canListSecret, canViewSecret, folderRoleOf, hasPermission, notFound } from './access';
import { dv, filter, filterAll, flag, intOf, type Ctx, type SimContext } from './context';
import type { SimSecret } from './model';
import { secretModel, secretSummary } from './views';

/** Secrets: search, get, stub, create, summary, audits, fields, change-password. */
export function registerSecretRoutes({ state, router, runner }: SimContext): void {
  const find = (ctx: Ctx): SimSecret | undefined => state.secrets.find((s) => s.id === intOf(ctx.params.id ?? ctx.params.secretId));

  router.on('GET', '/api/v2/secrets', (ctx) => {
    const q = ctx.query;
    const text = filter(q, 'searchText')?.toLowerCase();
    const folderId = intOf(filter(q, 'folderId'));
    const templateIds = filterAll(q, 'secretTemplateIds').map(Number);
    const ids = filterAll(q, 'secretIds').map(Number);
    const includeInactive = flag(filter(q, 'includeInactive'), false);
    const rows = state.secrets.filter(
      (s) =>
        canListSecret(state, ctx.session.user, s) &&
        (includeInactive || s.active) &&
        (!text || s.name.toLowerCase().includes(text)) &&
        (folderId === undefined || s.folderId === folderId) &&
        (templateIds.length === 0 || templateIds.includes(s.secretTemplateId)) &&
        (ids.length === 0 || ids.includes(s.id)),
    );
    return {
      status: 200,
      body: page(
        rows.map((s) => secretSummary(state, s)),
        q,
        { name: 'id', direction: 'Asc' },
      ),
    };
  });

  const getOne = (ctx: Ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canViewSecret(state, ctx.session.user, s)) return accessDenied();
    state.audit(s.id, ctx.session.user.id, 'VIEW');
    return { status: 200, body: secretModel(state, s) };
  };
  router.on('GET', '/api/v1/secrets/stub', (ctx) => {
    const t = state.templates.find((x) => x.id === intOf(ctx.query.get('secretTemplateId')));
    if (!t) return badRequest('The request is invalid.', { secretTemplateId: ['Secret template not found.'] });
    const folderId = intOf(ctx.query.get('folderId')) ?? -1;
    const stub: SimSecret = {
      id: 0,
      name: '',
      folderId,
      secretTemplateId: t.id,
      siteId: state.sites[0]?.siteId ?? 1,
      active: true,
      enableInheritPermissions: true,
      values: {},
      itemIds: {},
      createDate: state.now(),
      lastPasswordChangeAttempt: null,
    };
    return { status: 200, body: secretModel(state, stub, false) };
  });
  router.on('GET', '/api/v1/secrets/{id}', getOne);
  router.on('GET', '/api/v2/secrets/{id}', getOne);

  router.on('POST', '/api/v1/secrets', (ctx) => {
    const b = ctx.body;
    const modelState: Record<string, string[]> = {};
    if (!b.name || typeof b.name !== 'string') modelState['args.Name'] = ['The Name field is required.'];
    const t = state.templates.find((x) => x.id === intOf(b.secretTemplateId));
    if (!t) modelState['args.SecretTemplateId'] = ['The SecretTemplateId field is required.'];
    if (!Array.isArray(b.items)) modelState['args.Items'] = ['The Items field is required.'];
    if (Object.keys(modelState).length || !t) return badRequest('The request is invalid.', modelState);
    const folderId = intOf(b.folderId) ?? -1;
    const role = folderRoleOf(state, ctx.session.user, folderId);
    if (!hasPermission(state, ctx.session.user, 'Create Secret') && !(role === 'Add Secret' || role === 'Edit' || role === 'Owner'))
      return accessDenied();
    if (state.secrets.some((s) => s.folderId === folderId && s.name === b.name && s.active))
      return badRequest(`A Secret named ${String(b.name)} already exists in this folder.`, undefined, 'API_DuplicateSecretName');
    const values: Record<string, string> = {};
    for (const item of b.items as Array<Record<string, unknown>>) {
      const slug = String(item.slug ?? t.fields.find((f) => f.secretTemplateFieldId === item.fieldId)?.fieldSlugName ?? '');
      values[slug] = String(item.itemValue ?? '');
    }
    const s = state.addSecret(String(b.name), {
      templateId: t.id,
      folderId,
      values,
      siteId: intOf(b.siteId),
      inheritPermissions: b.enableInheritPermissions !== false,
    });
    if (!s.enableInheritPermissions || !hasPermission(state, ctx.session.user, 'Unlimited Administration'))
      state.grantSecret(s.id, ctx.session.user.id, 'Owner');
    state.audit(s.id, ctx.session.user.id, 'CREATE');
    return { status: 200, body: secretModel(state, s) };
  });

  router.on('GET', '/api/v1/secrets/{id}/summary', (ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canListSecret(state, ctx.session.user, s)) return accessDenied();
    return { status: 200, body: secretSummary(state, s) };
  });

  router.on('GET', '/api/v1/secrets/{id}/audits', (ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canViewSecret(state, ctx.session.user, s)) return accessDenied();
    const rows = state.audits
      .filter((a) => a.secretId === s.id)
      .map((a) => {
        const u = state.users.find((x) => x.id === a.userId);
        return {
          id: a.id,
          action: a.action,
          actionForDisplay: a.action,
          notes: a.notes,
          dateRecorded: a.dateRecorded,
          byUserDisplayName: u?.displayName ?? '',
          username: u?.userName ?? '',
          status: '',
          ticketNumber: '',
          databaseName: '',
          application: '',
        };
      });
    return { status: 200, body: page(rows, ctx.query, { name: 'dateRecorded', direction: 'Desc' }) };
  });

  router.on('GET', '/api/v1/secrets/{id}/fields/{slug}', (ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canViewSecret(state, ctx.session.user, s)) return accessDenied();
    const slug = (ctx.params.slug ?? '').toLowerCase();
    if (!(slug in s.values)) return badRequest(`Field ${slug} not found on this secret.`, { slug: ['Invalid field slug.'] });
    return { status: 200, body: s.values[slug] };
  });

  router.on('PUT', '/api/v1/secrets/{id}/fields/{slug}', (ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canEditSecret(state, ctx.session.user, s)) return accessDenied();
    const slug = (ctx.params.slug ?? '').toLowerCase();
    const field = state.templates.find((t) => t.id === s.secretTemplateId)?.fields.find((f) => f.fieldSlugName === slug);
    if (!field) return badRequest(`Field ${slug} not found on this secret.`, { slug: ['Invalid field slug.'] });
    if (typeof ctx.body.value !== 'string')
      return badRequest('The request is invalid.', { 'args.Value': ['The Value field is required.'] });
    const changed = s.values[slug] !== ctx.body.value;
    s.values[slug] = ctx.body.value;
    state.audit(s.id, ctx.session.user.id, 'EDIT', `Field ${field.name} changed`);
    if (field.isPassword && changed) passwordChanged(s, ctx);
    return { status: 200, body: ctx.body.value };
  });

  router.on('POST', '/api/v1/secrets/{id}/change-password', (ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canEditSecret(state, ctx.session.user, s)) return accessDenied();
    const field = state.templates.find((t) => t.id === s.secretTemplateId)?.fields.find((f) => f.isPassword);
    if (!field) return badRequest('This secret has no password field.', undefined, 'API_NoPasswordField');
    const next =
      typeof ctx.body.newPassword === 'string' && ctx.body.newPassword
        ? ctx.body.newPassword
        : `Gen-${Math.random().toString(36).slice(2, 14)}!`;
    s.values[field.fieldSlugName] = next;
    passwordChanged(s, ctx);
    return { status: 200, body: secretSummary(state, s) };
  });

  router.on('PATCH', '/api/v1/secrets/{secretId}/share', (ctx) => {
    const s = find(ctx);
    if (!s) return notFound('Secret');
    if (!canEditSecret(state, ctx.session.user, s)) return accessDenied();
    const inherit = dv<boolean>(ctx.body.data, 'inheritPermissions');
    if (typeof inherit === 'boolean') s.enableInheritPermissions = inherit;
    return { status: 200, body: { secretId: s.id, inheritPermissions: s.enableInheritPermissions } };
  });

  function passwordChanged(s: SimSecret, ctx: Ctx): void {
    s.lastPasswordChangeAttempt = state.now();
    state.audit(s.id, ctx.session.user.id, 'CHANGE PASSWORD', 'Password changed');
    runner.secretPasswordChanged(s, ctx.session.user);
  }
}
