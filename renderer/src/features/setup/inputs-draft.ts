import type { CachePipelineInputs } from '../../../../contract/channels/setup';

/** The inputs form as edited (every field present, the canary as typed). */
export interface InputsDraft {
  readonly secretServerProfileId: string;
  readonly applicationAccount: string;
  readonly roleName: string;
  readonly templateName: string;
  readonly folder: string;
  readonly targetFolders: readonly string[];
  readonly site: string;
  readonly credentialsCacheProfileIds: readonly string[];
  readonly scriptName: string;
  readonly policyName: string;
  readonly breakInheritance: boolean;
  readonly labSkipCertificateCheck: boolean;
  readonly canarySecretId: string;
}

/** The contract's defaults for the names the wizard finds or creates. */
export const DEFAULT_NAMES = {
  roleName: 'Credentials Cache Integration',
  templateName: 'Credentials Cache Connection',
  scriptName: 'Credentials Cache - Secret Changed',
  policyName: 'Refresh Credentials Cache',
} as const;

/** The form's start: the saved inputs, or empty fields with the default names. */
export function draftOf(inputs: CachePipelineInputs | null): InputsDraft {
  if (!inputs)
    return {
      secretServerProfileId: '',
      applicationAccount: '',
      folder: '',
      targetFolders: [],
      site: '',
      credentialsCacheProfileIds: [],
      breakInheritance: false,
      labSkipCertificateCheck: false,
      canarySecretId: '',
      ...DEFAULT_NAMES,
    };
  return {
    ...inputs,
    targetFolders: inputs.targetFolders ?? [],
    canarySecretId: inputs.canarySecretId === undefined ? '' : String(inputs.canarySecretId),
  };
}

/** What `setup:inputs` gets: optional fields left out when empty (main validates the rest and names the field). */
export function inputsOf(d: InputsDraft): CachePipelineInputs {
  const canary = d.canarySecretId.trim();
  return {
    secretServerProfileId: d.secretServerProfileId,
    applicationAccount: d.applicationAccount,
    roleName: d.roleName,
    templateName: d.templateName,
    folder: d.folder,
    ...(d.targetFolders.length ? { targetFolders: [...d.targetFolders] } : {}),
    site: d.site,
    credentialsCacheProfileIds: [...d.credentialsCacheProfileIds],
    scriptName: d.scriptName,
    policyName: d.policyName,
    breakInheritance: d.breakInheritance,
    labSkipCertificateCheck: d.labSkipCertificateCheck,
    ...(canary ? { canarySecretId: Number(canary) } : {}),
  };
}

/** Field labels, for errors that name a field (`inputs.site` → "Run site"). */
export const FIELD_LABELS: Readonly<Record<keyof InputsDraft, string>> = {
  secretServerProfileId: 'Secret Server profile',
  applicationAccount: 'Application account',
  roleName: 'Role name',
  templateName: 'Template name',
  folder: 'Folder of the connection secrets',
  targetFolders: 'Folders the policy watches',
  site: 'Run site',
  credentialsCacheProfileIds: 'Credentials Cache instances',
  scriptName: 'Script name',
  policyName: 'Policy name',
  breakInheritance: 'Break permission inheritance',
  labSkipCertificateCheck: 'Skip certificate checks (lab only)',
  canarySecretId: 'Canary secret id',
};

/** The form field a server error names (`inputs.targetFolders.0` → `targetFolders`), if it is one. */
export function draftField(field: string): keyof InputsDraft | undefined {
  const name = field.split('.').find((part) => part in FIELD_LABELS);
  return name as keyof InputsDraft | undefined;
}
