import type { SimState } from './state';

/**
 * The PowerShell script of seed 000, verbatim. Its step 2 catch block only writes the error (no
 * `exit 1`), so a failed `/api/secretchanged` call still ends the task as Success; its "DEV ONLY"
 * line turns certificate checks off. The simulator's runner honours both, as the engine would.
 */
export const CREDENTIALS_CACHE_SCRIPT = [
  '$ItemId = $Args[0]',
  '# ===============================',
  '# CONFIGURATION',
  '# ===============================',
  '$BaseUrl = $Args[1]',
  '$Username = $Args[2]',
  '$Password = $Args[3]',
  '$ApiBaseURI = $Args[4]',
  '$Domain = $Args[5]',
  '# ===============================',
  '# TLS + CERT FIX (DEV ONLY)',
  '# ===============================',
  '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12',
  '[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }',
  '# ===============================',
  '# STEP 1: GET JWT TOKEN',
  '# ===============================',
  '$TokenUrl = "$ApiBaseURI/api/token"',
  '$TokenBody = @{',
  'Username = $Username',
  'Password = $Password',
  'BaseUrl = $BaseUrl',
  'Domain = $Domain',
  '}',
  'try {',
  'Write-Host "Requesting JWT token..."',
  '$TokenResponse = Invoke-RestMethod `',
  '-Method Post `',
  '-Uri $TokenUrl `',
  '-ContentType "application/x-www-form-urlencoded" `',
  '-Body $TokenBody `',
  '-ErrorAction Stop',
  '$AccessToken = $TokenResponse.token',
  'if ([string]::IsNullOrWhiteSpace($AccessToken)) {',
  'throw "JWT token missing in response."',
  '}',
  'Write-Host "JWT token retrieved successfully."',
  '}',
  'catch {',
  'Write-Error "❌ Token request failed: $($_.Exception.Message)"',
  'exit 1',
  '}',
  '# ===============================',
  '# STEP 2: CALL SECRET CHANGED API',
  '# ===============================',
  '$SecretChangedUrl = "$ApiBaseURI/api/secretchanged"',
  '$Headers = @{',
  'Authorization = "Bearer $AccessToken"',
  '"Content-Type" = "application/json"',
  '}',
  '$Body = @{',
  'secretId = "$ItemId"',
  '} | ConvertTo-Json',
  'try {',
  'Write-Host "Calling SecretChanged API..."',
  'Invoke-RestMethod `',
  '-Method Post `',
  '-Uri $SecretChangedUrl `',
  '-Headers $Headers `',
  '-Body $Body `',
  '-ErrorAction Stop',
  'Write-Host "✅ Secret cached successfully."',
  '}',
  'catch {',
  'Write-Error "❌ SecretChanged API failed."',
  'Write-Error $_.Exception.Message',
  '}',
].join('\n');

/**
 * Seed 000's script as a careful admin would keep it: the "DEV ONLY" certificate bypass removed
 * (the engine host must trust the cache's certificate) and `exit 1` after a failed
 * `/api/secretchanged` call, so the task fails instead of reporting Success.
 */
export const HARDENED_CACHE_SCRIPT = CREDENTIALS_CACHE_SCRIPT.replace(
  /\n\[System\.Net\.ServicePointManager\]::ServerCertificateValidationCallback = \{ \$true \}/,
  '',
).replace(/(Write-Error "❌ SecretChanged API failed\."\nWrite-Error \$_\.Exception\.Message)/, '$1\nexit 1');

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
