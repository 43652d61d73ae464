import { page } from '../shared/paging';
import { SCRIPT_CATEGORIES } from './catalog';
import { accessDenied, badRequest, canEditSecret, folderRoleOf, hasPermission, notFound } from './access';
import { dv, filter, flag, intOf, type Ctx, type SimContext } from './context';
import { slugOf, type SimRole, type SimUser } from './model';
import { templateModel } from './views';

/** Templates, roles, users, role assignments, scripts, folders and permissions. */
export function registerAdminRoutes({ state, router }: SimContext): void {
  const can = (ctx: Ctx, ...names: string[]) => names.some((n) => hasPermission(state, ctx.session.user, n));
  const roleView = (r: SimRole) => ({ id: r.id, name: r.name, enabled: r.enabled, isSystem: r.isSystem, created: r.created });
  const userView = (u: SimUser) => ({
    id: u.id,
    userName: u.userName,
    displayName: u.displayName,
    emailAddress: u.emailAddress,
    domainId: u.domainId,
    domainName: '',
    enabled: u.enabled,
    isApplicationAccount: u.isApplicationAccount,
    isLockedOut: false,
    lastLogin: u.created,
    loginFailures: 0,
    created: u.created,
    externalUserSource: 'None',
    platformIntegrationType: 'None',
    twoFactorMethod: 'None',
  });
  const permView = (id: number) => state.permissions.find((p) => p.rolePermissionId === id);

  // Templates
  router.on('GET', '/api/v1/secret-templates', (ctx) => {
    const text = filter(ctx.query, 'searchText')?.toLowerCase();
    const rows = state.templates
      .filter((t) => (!text || t.name.toLowerCase().includes(text)) && (t.active || flag(filter(ctx.query, 'includeInactive'), false)))
      .map((t) => ({
        id: t.id,
        name: t.name,
        active: t.active,
        heartbeatEnabled: false,
        passwordTypeId: t.passwordTypeId,
        passwordTypeReady: false,
        secretCount: state.secrets.filter((s) => s.secretTemplateId === t.id).length,
      }));
    return { status: 200, body: page(rows, ctx.query, { name: 'name', direction: 'Asc' }) };
  });
  router.on('GET', '/api/v1/secret-templates/{id}', (ctx) => {
    const t = state.templates.find((x) => x.id === intOf(ctx.params.id));
    return t ? { status: 200, body: templateModel(t) } : notFound('Secret template');
  });
  router.on('POST', '/api/v1/secret-templates', (ctx) => {
    if (!can(ctx, 'Administer Secret Templates')) return accessDenied();
    const b = ctx.body;
    if (typeof b.name !== 'string' || !b.name)
      return badRequest('The request is invalid.', { 'args.Name': ['The Name field is required.'] });
    if (state.templateByName(b.name))
      return badRequest(`A template named ${b.name} already exists.`, { 'args.Name': ['Name must be unique.'] });
    const fields = Array.isArray(b.fields) ? (b.fields as Array<Record<string, unknown>>) : [];
    const t = state.addTemplate(
      b.name,
      fields.map((f) => ({
        name: String(f.name ?? f.displayName ?? ''),
        displayName: String(f.displayName ?? f.name ?? ''),
        description: String(f.description ?? ''),
        fieldSlugName: String(f.fieldSlugName || slugOf(String(f.name ?? ''))),
        isPassword: f.isPassword === true,
        isUrl: f.isUrl === true,
        isNotes: f.isNotes === true,
        isFile: f.isFile === true,
        isRequired: f.isRequired === true,
      })),
    );
    return { status: 200, body: templateModel(t) };
  });

  // Roles
  router.on('GET', '/api/v1/roles', (ctx) => {
    if (!can(ctx, 'Administer Roles', 'View Roles')) return accessDenied();
    const userId = intOf(filter(ctx.query, 'userId'));
    const user = state.users.find((u) => u.id === userId);
    const rows = state.roles.filter(
      (r) => (flag(filter(ctx.query, 'includeInactive'), false) || r.enabled) && (!user || user.roleIds.includes(r.id)),
    );
    return { status: 200, body: page(rows.map(roleView), ctx.query, { name: 'name', direction: 'Asc' }) };
  });
  router.on('POST', '/api/v1/roles', (ctx) => {
    if (!can(ctx, 'Administer Roles')) return accessDenied();
    const { name, enabled } = ctx.body;
    const modelState: Record<string, string[]> = {};
    if (typeof name !== 'string' || !name) modelState['args.Name'] = ['The Name field is required.'];
    if (typeof enabled !== 'boolean') modelState['args.Enabled'] = ['The Enabled field is required.'];
    if (Object.keys(modelState).length) return badRequest('The request is invalid.', modelState);
    if (state.roles.some((r) => r.name === name))
      return badRequest(`A role named ${String(name)} already exists.`, { 'args.Name': ['Role name must be unique.'] });
    const role = state.addRole(String(name));
    role.enabled = enabled === true;
    return { status: 200, body: roleView(role) };
  });
  const roleOf = (ctx: Ctx) => state.roles.find((r) => r.id === intOf(ctx.params.id));
  router.on('GET', '/api/v1/roles/{id}', (ctx) => {
    if (!can(ctx, 'Administer Roles', 'View Roles')) return accessDenied();
    const r = roleOf(ctx);
    return r ? { status: 200, body: roleView(r) } : notFound('Role');
  });
  router.on('GET', '/api/v1/roles/{id}/permissions', (ctx) => {
    if (!can(ctx, 'Administer Roles', 'View Roles')) return accessDenied();
    const r = roleOf(ctx);
    return r ? { status: 200, body: page(r.permissionIds.map(permView).filter(Boolean), ctx.query) } : notFound('Role');
  });
  router.on('GET', '/api/v1/roles/{id}/permissions/unassigned', (ctx) => {
    if (!can(ctx, 'Administer Roles', 'View Roles')) return accessDenied();
    const r = roleOf(ctx);
    return r
      ? {
          status: 200,
          body: page(
            state.permissions.filter((p) => !r.permissionIds.includes(p.rolePermissionId)),
            ctx.query,
          ),
        }
      : notFound('Role');
  });
  router.on('PUT', '/api/v1/roles/{id}/permissions', (ctx) => {
    if (!can(ctx, 'Administer Roles')) return accessDenied();
    const r = roleOf(ctx);
    if (!r) return notFound('Role');
    const ids = ctx.body.rolePermissionIds;
    if (!Array.isArray(ids))
      return badRequest('The request is invalid.', { 'args.RolePermissionIds': ['The RolePermissionIds field is required.'] });
    const bad = ids.find((id) => !permView(Number(id)));
    if (bad !== undefined)
      return badRequest(`Role permission ${String(bad)} does not exist.`, { 'args.RolePermissionIds': ['Invalid role permission id.'] });
    r.permissionIds = ids.map(Number);
    return { status: 200, body: { success: true } };
  });

  // Users
  router.on('GET', '/api/v1/users', (ctx) => {
    if (!can(ctx, 'Administer Users', 'View Users')) return accessDenied();
    const text = filter(ctx.query, 'searchText')?.toLowerCase();
    const rows = state.users.filter((u) => !text || `${u.userName} ${u.displayName} ${u.emailAddress}`.toLowerCase().includes(text));
    return { status: 200, body: page(rows.map(userView), ctx.query, { name: 'userName', direction: 'Asc' }) };
  });
  const userOf = (ctx: Ctx) => state.users.find((u) => u.id === intOf(ctx.params.id ?? ctx.params.userId));
  router.on('GET', '/api/v1/users/{id}', (ctx) => {
    const u = userOf(ctx);
    if (u && u.id !== ctx.session.user.id && !can(ctx, 'Administer Users', 'View Users')) return accessDenied();
    return u
      ? { status: 200, body: { ...userView(u), isEmailVerified: true, twoFactor: false, personalGroupId: u.id + 100000 } }
      : notFound('User');
  });
  router.on('GET', '/api/v1/users/{id}/roles', (ctx) => {
    const u = userOf(ctx);
    if (!u) return notFound('User');
    if (!can(ctx, 'Administer Users', 'View Users') && u.id !== ctx.session.user.id) return accessDenied();
    return {
      status: 200,
      body: page(
        state.roles.filter((r) => u.roleIds.includes(r.id)).map((r) => ({ roleId: r.id, name: r.name })),
        ctx.query,
      ),
    };
  });
  router.on('POST', '/api/v1/users/{id}/roles', (ctx) => {
    if (!can(ctx, 'Administer Users', 'Administer Roles')) return accessDenied();
    const u = userOf(ctx);
    if (!u) return notFound('User');
    const ids = ctx.body.roleIds;
    if (!Array.isArray(ids)) return badRequest('The request is invalid.', { 'args.RoleIds': ['The RoleIds field is required.'] });
    for (const id of ids.map(Number)) {
      if (!state.roles.some((r) => r.id === id)) return badRequest(`Role ${id} does not exist.`, { 'args.RoleIds': ['Invalid role id.'] });
      if (!u.roleIds.includes(id)) u.roleIds.push(id);
    }
    return { status: 200, body: { success: true } };
  });
  router.on('GET', '/api/v1/users/{userId}/roles-assigned', (ctx) => {
    const u = userOf(ctx);
    if (!u) return notFound('User');
    if (!can(ctx, 'Administer Users', 'View Users') && u.id !== ctx.session.user.id) return accessDenied();
    const rows = state.roles
      .filter((r) => u.roleIds.includes(r.id))
      .map((r) => ({ roleId: r.id, roleName: r.name, isDirectAssignment: true, groups: [] }));
    return { status: 200, body: page(rows, ctx.query) };
  });

  // Scripts
  const categoryName = (id: number) => SCRIPT_CATEGORIES.find((c) => c.scriptCategoryId === id)?.scriptCategoryName ?? '';
  router.on('GET', '/api/v1/userscripts/categories', (ctx) => ({ status: 200, body: page([...SCRIPT_CATEGORIES], ctx.query) }));
  router.on('GET', '/api/v2/userscripts', (ctx) => {
    if (!can(ctx, 'Administer Secret Server Scripts')) return accessDenied();
    const text = filter(ctx.query, 'searchText')?.toLowerCase();
    const rows = state.scripts
      .filter((s) => !text || s.name.toLowerCase().includes(text))
      .map((s) => ({
        scriptId: s.scriptId,
        name: s.name,
        description: s.description,
        isActive: s.isActive,
        scriptType: s.scriptType,
        scriptCategoryId: s.scriptCategoryId,
        scriptCategoryName: categoryName(s.scriptCategoryId),
        usageCount: state.pipelines.filter((p) => p.tasks.some((t) => t.settings.ScriptId === String(s.scriptId))).length,
      }));
    return { status: 200, body: page(rows, ctx.query, { name: 'name', direction: 'Asc' }) };
  });
  const scriptModel = (id: number) => {
    const s = state.scripts.find((x) => x.scriptId === id);
    return (
      s && {
        ...s,
        scriptCategoryName: categoryName(s.scriptCategoryId),
        usageCount: 0,
        concurrencyId: String(s.scriptId),
        additionalData: {},
      }
    );
  };
  router.on('GET', '/api/v2/userscripts/{scriptId}', (ctx) => {
    if (!can(ctx, 'Administer Secret Server Scripts')) return accessDenied();
    const s = scriptModel(intOf(ctx.params.scriptId) ?? -1);
    return s ? { status: 200, body: s } : notFound('Script');
  });
  router.on('POST', '/api/v2/userscripts', (ctx) => {
    if (!can(ctx, 'Administer Secret Server Scripts')) return accessDenied();
    const d = (ctx.body.data ?? {}) as Record<string, unknown>;
    const modelState: Record<string, string[]> = {};
    if (typeof d.name !== 'string' || !d.name) modelState['args.Data.Name'] = ['The Name field is required.'];
    if (typeof d.script !== 'string' || !d.script) modelState['args.Data.Script'] = ['The Script field is required.'];
    if (Object.keys(modelState).length) return badRequest('The request is invalid.', modelState);
    const s = state.addScript(String(d.name), String(d.script), {
      description: String(d.description ?? ''),
      isActive: d.isActive !== false,
      scriptType: (d.scriptType as 'PowerShell') ?? 'PowerShell',
      scriptCategoryId: intOf(d.scriptCategoryId) ?? 1,
    });
    return { status: 200, body: scriptModel(s.scriptId) };
  });

  router.on('PATCH', '/api/v1/userscripts/{scriptId}', (ctx) => {
    if (!can(ctx, 'Administer Secret Server Scripts')) return accessDenied();
    const s = state.scripts.find((x) => x.scriptId === intOf(ctx.params.scriptId));
    if (!s) return notFound('Script');
    const d = ctx.body.data;
    // ScriptUpdateModel: only the fields sent (UpdateFieldValueOf*) change.
    const script = dv<string>(d, 'script');
    if (script !== undefined && !script)
      return badRequest('The request is invalid.', { 'args.Data.Script': ['The Script field is required.'] });
    if (script !== undefined) s.script = script;
    const description = dv<string>(d, 'description');
    if (description !== undefined) s.description = description;
    const category = intOf(dv(d, 'scriptCategoryId'));
    if (category !== undefined) s.scriptCategoryId = category;
    const active = dv<boolean>(d, 'isActive');
    if (typeof active === 'boolean') s.isActive = active;
    return { status: 200, body: scriptModel(s.scriptId) };
  });

  // Folders and permissions
  const folderView = (id: number) => {
    const f = state.folders.find((x) => x.id === id);
    return (
      f && {
        id: f.id,
        folderName: f.folderName,
        folderPath: state.folderPath(f.id),
        folderTypeId: 1,
        parentFolderId: f.parentFolderId,
        inheritPermissions: f.inheritPermissions,
        inheritSecretPolicy: true,
        secretPolicyId: -1,
      }
    );
  };
  router.on('GET', '/api/v1/folders', (ctx) => {
    const text = filter(ctx.query, 'searchText')?.toLowerCase();
    const parent = intOf(filter(ctx.query, 'parentFolderId'));
    const rows = state.folders.filter(
      (f) =>
        folderRoleOf(state, ctx.session.user, f.id) &&
        (!text || f.folderName.toLowerCase().includes(text)) &&
        (parent === undefined || f.parentFolderId === parent),
    );
    return {
      status: 200,
      body: page(
        rows.map((f) => folderView(f.id)),
        ctx.query,
        { name: 'folderName', direction: 'Asc' },
      ),
    };
  });
  router.on('GET', '/api/v1/folders/{id}', (ctx) => {
    const id = intOf(ctx.params.id) ?? -1;
    const f = folderView(id);
    if (!f) return notFound('Folder');
    if (!folderRoleOf(state, ctx.session.user, id)) return accessDenied();
    return { status: 200, body: { ...f, childFolders: [], secretTemplates: [] } };
  });
  router.on('POST', '/api/v1/folders', (ctx) => {
    const b = ctx.body;
    const modelState: Record<string, string[]> = {};
    if (typeof b.folderName !== 'string' || !b.folderName) modelState['args.FolderName'] = ['The FolderName field is required.'];
    if (intOf(b.folderTypeId) === undefined) modelState['args.FolderTypeId'] = ['The FolderTypeId field is required.'];
    if (intOf(b.parentFolderId) === undefined) modelState['args.ParentFolderId'] = ['The ParentFolderId field is required.'];
    if (Object.keys(modelState).length) return badRequest('The request is invalid.', modelState);
    const parent = intOf(b.parentFolderId) ?? -1;
    if (!can(ctx, 'Administer Folders') && !(parent > 0 && ['Edit', 'Owner'].includes(folderRoleOf(state, ctx.session.user, parent) ?? '')))
      return accessDenied();
    const f = state.addFolder(String(b.folderName), parent, b.inheritPermissions !== false);
    if (!can(ctx, 'Unlimited Administration')) state.grantFolder(f.id, ctx.session.user.id, 'Owner', 'Owner');
    return { status: 200, body: { ...folderView(f.id), childFolders: [], secretTemplates: [] } };
  });
  // The user half of every permission row (grants here are to users, never groups).
  const grantee = (userId: number) => {
    const name = state.users.find((u) => u.id === userId)?.userName ?? '';
    return { groupId: null, groupName: '', userName: name, knownAs: name, domainName: '' };
  };
  router.on('GET', '/api/v1/folder-permissions', (ctx) => {
    const folderId = intOf(filter(ctx.query, 'folderId'));
    const userId = intOf(filter(ctx.query, 'userId'));
    const rows = state.folderPermissions
      .filter(
        (p) =>
          (folderId === undefined || p.folderId === folderId) &&
          (userId === undefined || p.userId === userId) &&
          folderRoleOf(state, ctx.session.user, p.folderId),
      )
      .map((p) => ({ ...p, folderAccessRoleId: 1, secretAccessRoleId: 1, ...grantee(p.userId) }));
    return { status: 200, body: page(rows, ctx.query) };
  });
  router.on('POST', '/api/v1/folder-permissions', (ctx) => {
    const b = ctx.body;
    const folderId = intOf(b.folderId) ?? -1;
    if (!state.folders.some((f) => f.id === folderId))
      return badRequest('The request is invalid.', { 'args.FolderId': ['Folder not found.'] });
    if (folderRoleOf(state, ctx.session.user, folderId) !== 'Owner') return accessDenied();
    const userId = intOf(b.userId);
    if (userId === undefined || !state.users.some((u) => u.id === userId))
      return badRequest('The request is invalid.', { 'args.UserId': ['A user or group is required.'] });
    const p = state.grantFolder(
      folderId,
      userId,
      (b.folderAccessRoleName as 'View') ?? 'View',
      (b.secretAccessRoleName as 'View') ?? 'View',
    );
    return {
      status: 200,
      body: { ...p, folderAccessRoleId: 1, secretAccessRoleId: 1, ...grantee(userId) },
    };
  });
  router.on('GET', '/api/v1/secret-permissions', (ctx) => {
    const secretId = intOf(filter(ctx.query, 'secretId'));
    const rows = state.secretPermissions
      .filter((p) => secretId === undefined || p.secretId === secretId)
      .filter((p) => {
        const s = state.secrets.find((x) => x.id === p.secretId);
        return s && canEditSecret(state, ctx.session.user, s);
      })
      .map((p) => ({ ...p, secretAccessRoleId: 1, ...grantee(p.userId) }));
    return { status: 200, body: page(rows, ctx.query) };
  });
  router.on('POST', '/api/v1/secret-permissions', (ctx) => {
    const b = ctx.body;
    const s = state.secrets.find((x) => x.id === intOf(b.secretId));
    if (!s) return badRequest('The request is invalid.', { 'args.SecretId': ['Secret not found.'] });
    if (!canEditSecret(state, ctx.session.user, s)) return accessDenied();
    const role = String(b.secretAccessRoleName ?? '');
    if (!['List', 'View', 'Edit', 'Owner'].includes(role))
      return badRequest('The request is invalid.', { 'args.SecretAccessRoleName': ['Invalid secret access role name.'] });
    const user = state.users.find((u) => u.id === intOf(b.userId) || (b.userName && u.userName === b.userName));
    if (!user) return badRequest('The request is invalid.', { 'args.UserId': ['A user or group is required.'] });
    if (s.enableInheritPermissions)
      return badRequest(
        'Cannot add permissions to a secret that inherits permissions from its folder.',
        undefined,
        'API_SecretInheritsPermissions',
      );
    const p = state.grantSecret(s.id, user.id, role as 'View');
    return {
      status: 200,
      body: { ...p, secretAccessRoleId: 1, ...grantee(user.id) },
    };
  });
}
