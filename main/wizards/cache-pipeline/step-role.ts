import { ContractError } from '../../../contract/errors';
import { addRolePermissionsByName, addUserRoles, createRole, listRolePermissions, listUserRolesAssigned } from '../../secret-server';
import type { StepCheck, WizardStep } from '../types';
import { call, change, info, manualIfLacking, problem } from './common';
import type { CacheCtx } from './context';
import { findRole, findUser, gone } from './lookups';

/** The three permissions seed 000 gives the application account's role. */
export const ROLE_PERMISSIONS = ['Administer Secret Server Pipelines', 'Administer Secret Server Scripts', 'View Secret'] as const;

const MANUAL = [
  'In Secret Server, navigate to Access > Roles and select Create role (skip if the role exists).',
  'In the Create role dialog, enter the role name and select Save.',
  'Go to the Permissions tab for the role, select Edit and in the Scope dropdown list select All.',
  'Search for “Administer Secret Server Pipelines”, select its checkbox and select Save.',
  'Repeat for “Administer Secret Server Scripts” and “View Secret” (keep the permissions the role already has).',
  'Navigate to Access > Users, search for and select the application account.',
  'On the user page, go to the Roles tab, select Edit, select the role’s checkbox and select Save.',
];

/** Step 1: the role with exactly the three permissions (keeping what it has), assigned to the application account. */
export const roleStep: WizardStep<CacheCtx> = {
  id: 'role',
  title: 'Application account and role',
  description: `Find or create the role, give it ${ROLE_PERMISSIONS.join(', ')} (keeping its other permissions: the PUT replaces the list), and assign it to the application account.`,
  manualSteps: MANUAL,
  async check(ctx, signal): Promise<StepCheck> {
    const { client: c, inputs } = ctx;
    const findings = [];
    const user = await findUser(c, inputs.applicationAccount, signal);
    if (!user?.id)
      return {
        findings: [problem(`No user “${inputs.applicationAccount}” in Secret Server: create the application account first.`)],
        changes: [],
        blocked: true,
      };
    if (!user.isApplicationAccount) findings.push(info(`${inputs.applicationAccount} is a regular user, not an application account.`));
    const canRead = ctx.can('Administer Roles') || ctx.can('View Roles');
    const role = canRead ? await findRole(c, inputs.roleName, signal) : undefined;
    const assigned = role?.id !== undefined ? (await listRolePermissions(c, role.id, { signal })).map((p) => p.name ?? '') : [];
    const missing = ROLE_PERMISSIONS.filter((n) => !assigned.includes(n));
    const effective = await listUserRolesAssigned(c, user.id, { signal }).catch(() => []);
    const has = effective.some((r) => r.roleName?.toLowerCase() === inputs.roleName.toLowerCase());
    // Signed in as the application account without the right to read roles: its own permissions tell whether the role is in place.
    const self = ctx.profile.username.toLowerCase() === inputs.applicationAccount.toLowerCase();
    if (!canRead && self && has && ROLE_PERMISSIONS.every((n) => ctx.permissions.has(n))) {
      findings.push(info(`Read from the account’s own permissions: it holds ${ROLE_PERMISSIONS.join(', ')} through “${inputs.roleName}”.`));
      return {
        findings,
        changes: [change('role:assign', 'unchanged', `Role “${inputs.roleName}” for ${inputs.applicationAccount}`, [], {})],
      };
    }
    findings.push(info(`Effective roles of ${inputs.applicationAccount}: ${effective.map((r) => r.roleName).join(', ') || 'none'}.`));
    const changes = [];
    const roleBody = { name: inputs.roleName, enabled: true };
    if (!role) changes.push(change('role:create', 'create', `Role “${inputs.roleName}”`, [call('POST', '/api/v1/roles', roleBody)], {}));
    const perms = [...assigned, ...missing].sort();
    changes.push(
      change(
        'role:permissions',
        missing.length ? (role ? 'update' : 'create') : 'unchanged',
        `Permissions of role “${inputs.roleName}”`,
        [
          call('GET', '/api/v1/roles/{roleId}/permissions'),
          call('GET', '/api/v1/roles/{roleId}/permissions/unassigned'),
          call('PUT', '/api/v1/roles/{roleId}/permissions', {
            rolePermissionIds: ['<ids of the role now>', ...missing.map((n) => `<id of ${n}>`)],
          }),
        ],
        {},
        {
          ...(role ? { before: ctx.fp([...assigned].sort().join('\n')) } : {}),
          after: ctx.fp(perms.join('\n')),
          reason: missing.length
            ? `adds ${missing.join(', ')}${assigned.length ? `; keeps its ${assigned.length} other permission(s)` : ''}`
            : 'has all three',
        },
      ),
    );
    changes.push(
      change(
        'role:assign',
        has ? 'unchanged' : 'create',
        `Role “${inputs.roleName}” for ${inputs.applicationAccount}`,
        [call('POST', `/api/v1/users/${user.id}/roles`, { roleIds: ['<role id>'] })],
        { userId: user.id },
      ),
    );
    const needed = [...(!role || missing.length ? ['Administer Roles'] : []), ...(!has ? ['Administer Users'] : [])];
    const m = manualIfLacking(ctx, needed, changes, MANUAL);
    return { findings, ...m };
  },
  async apply(ch, ctx, signal) {
    const { client: c, inputs } = ctx;
    if (ch.key === 'role:create') {
      if (await findRole(c, inputs.roleName, signal)) return 'already there';
      const r = await createRole(c, inputs.roleName, true, signal);
      return `role ${r.id}`;
    }
    const role = (await findRole(c, inputs.roleName, signal)) ?? gone(`Role “${inputs.roleName}”`);
    if (ch.key === 'role:permissions') {
      const out = await addRolePermissionsByName(c, role.id ?? 0, ROLE_PERMISSIONS, signal);
      if (out.missing.length) throw new ContractError('NOT_FOUND', `Secret Server has no permission named ${out.missing.join(', ')}.`);
      return out.added.length ? `added ${out.added.join(', ')}` : 'already there';
    }
    const { userId } = ch.payload.data as { userId: number };
    const now = await listUserRolesAssigned(c, userId, { signal });
    if (now.some((r) => r.roleId === role.id)) return 'already there';
    await addUserRoles(c, userId, [role.id ?? 0], signal);
    return `assigned to user ${userId}`;
  },
};
