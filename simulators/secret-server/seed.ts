import type { SimState } from './state';

/** The PowerShell script of seed 000 (abridged; the simulator recognises it by its /api/secretchanged call). */
export const CREDENTIALS_CACHE_SCRIPT = [
  '$ItemId = $Args[0]',
  '$BaseUrl = $Args[1]',
  '$Username = $Args[2]',
  '$Password = $Args[3]',
  '$ApiBaseURI = $Args[4]',
  '$Domain = $Args[5]',
  '$TokenUrl = "$ApiBaseURI/api/token"',
  '$TokenResponse = Invoke-RestMethod -Method Post -Uri $TokenUrl -ContentType "application/x-www-form-urlencoded" -Body @{ Username = $Username; Password = $Password; BaseUrl = $BaseUrl; Domain = $Domain } -ErrorAction Stop',
  '$SecretChangedUrl = "$ApiBaseURI/api/secretchanged"',
  'Invoke-RestMethod -Method Post -Uri $SecretChangedUrl -Headers @{ Authorization = "Bearer $($TokenResponse.token)"; "Content-Type" = "application/json" } -Body (@{ secretId = "$ItemId" } | ConvertTo-Json) -ErrorAction Stop',
].join('\n');

/** Names of what the base seed creates, for tests and the demo. */
export interface BaseSeed {
  readonly adminUserName: string;
  readonly adminPassword: string;
  readonly defaultSiteId: number;
  readonly rootFolderId: number;
  readonly amazonIamKeyTemplateId: number;
  readonly passwordTemplateId: number;
}

/**
 * An out-of-box instance: an admin, the Administrator and "Default" roles, a Default site with an
 * online engine, a root "Shared" folder, and the "Amazon IAM Key" and "Password" templates.
 */
export function seedBase(state: SimState, admin = { userName: 'admin', password: 'Admin-Pa55word!' }): BaseSeed {
  state.addRole(
    'Administrator',
    ['Unlimited Administration', ...state.permissions.map((p) => p.name).filter((n) => n !== 'Unlimited Administration')],
    { isSystem: true },
  );
  state.addRole('User', ['View Secret', 'Create Secret'], { isSystem: true });
  state.addUser(admin.userName, admin.password, { roles: ['Administrator'], displayName: 'Administrator' });
  const site = state.addSite('Default');
  const root = state.addFolder('Shared');
  const iam = state.addTemplate('Amazon IAM Key', [
    { name: 'Username', isPassword: false },
    { name: 'Access Key', isPassword: false },
    { name: 'Secret Key', isPassword: true },
    { name: 'Notes', isNotes: true, isPassword: false },
  ]);
  const pw = state.addTemplate('Password', [
    { name: 'Resource', isPassword: false },
    { name: 'Username', isPassword: false },
    { name: 'Password', isPassword: true },
    { name: 'Notes', isNotes: true, isPassword: false },
  ]);
  return {
    adminUserName: admin.userName,
    adminPassword: admin.password,
    defaultSiteId: site.siteId,
    rootFolderId: root.id,
    amazonIamKeyTemplateId: iam.id,
    passwordTemplateId: pw.id,
  };
}
