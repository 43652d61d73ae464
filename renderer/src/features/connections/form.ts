import { profileInputSchema, type ProfileInput, type ProfileView } from '../../../../contract/channels/connections';

/** The dialog's fields, all as text (what the inputs hold). */
export interface ProfileForm {
  kind: ProfileInput['kind'];
  name: string;
  caFile: string;
  proxyUrl: string;
  proxyUsername: string;
  proxyPassword: string;
  baseUrl: string;
  username: string;
  domain: string;
  password: string;
  region: string;
  credentialSource: 'static' | 'secret-server' | 'default-chain';
  accessKeyId: string;
  secretAccessKey: string;
  secretServerProfileId: string;
  secretId: string;
  endpoint: string;
  url: string;
  siteLabel: string;
  logPath: string;
}

/** Field name → message shown under that field. */
export type FieldErrors = Partial<Record<keyof ProfileForm, string>>;

/** An empty form for a new profile of `kind`. */
export function emptyForm(kind: ProfileForm['kind']): ProfileForm {
  return {
    kind,
    name: '',
    caFile: '',
    proxyUrl: '',
    proxyUsername: '',
    proxyPassword: '',
    baseUrl: '',
    username: '',
    domain: '',
    password: '',
    region: 'us-east-1',
    credentialSource: 'static',
    accessKeyId: '',
    secretAccessKey: '',
    secretServerProfileId: '',
    secretId: '',
    endpoint: '',
    url: '',
    siteLabel: '',
    logPath: '',
  };
}

/** A form filled from a stored profile; credential fields stay empty ("leave unchanged"). */
export function formOf(p: ProfileView): ProfileForm {
  const f = {
    ...emptyForm(p.kind),
    name: p.name,
    caFile: p.caFile ?? '',
    proxyUrl: p.proxyUrl ?? '',
    proxyUsername: p.proxyUsername ?? '',
  };
  switch (p.kind) {
    case 'secret-server':
      return { ...f, baseUrl: p.baseUrl, username: p.username, domain: p.domain ?? '' };
    case 'aws':
      return {
        ...f,
        region: p.region,
        credentialSource: p.credentialSource,
        secretServerProfileId: p.secretServerProfileId ?? '',
        secretId: p.secretId ? String(p.secretId) : '',
        endpoint: p.endpoint ?? '',
      };
    case 'credentials-cache':
      return {
        ...f,
        url: p.url,
        siteLabel: p.siteLabel ?? '',
        secretServerProfileId: p.secretServerProfileId ?? '',
        username: p.username ?? '',
        domain: p.domain ?? '',
        logPath: p.logPath ?? '',
      };
    default: {
      const never: never = p;
      throw new Error(`Unknown profile ${JSON.stringify(never)}`);
    }
  }
}

const PROXY = ['proxyUrl', 'proxyUsername', 'proxyPassword'] as const;

const FIELDS: Record<ProfileForm['kind'], ReadonlyArray<keyof ProfileForm>> = {
  'secret-server': ['name', 'caFile', ...PROXY, 'baseUrl', 'username', 'domain', 'password'],
  aws: [
    'name',
    'caFile',
    ...PROXY,
    'region',
    'credentialSource',
    'accessKeyId',
    'secretAccessKey',
    'secretServerProfileId',
    'secretId',
    'endpoint',
  ],
  'credentials-cache': [
    'name',
    'caFile',
    ...PROXY,
    'url',
    'siteLabel',
    'secretServerProfileId',
    'username',
    'domain',
    'password',
    'logPath',
  ],
};

// Credentials are sent as typed (a password may start or end with a space).
const WRITE_ONLY = new Set<keyof ProfileForm>(['password', 'secretAccessKey', 'proxyPassword']);

const REQUIRED = new Set<keyof ProfileForm>(['name', 'baseUrl', 'username', 'url', 'region']);

/** The request payload: only this kind's fields, empty text left out, the secret id as a number. */
export function toInput(f: ProfileForm): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: f.kind };
  for (const key of FIELDS[f.kind]) {
    const v = f[key].trim();
    // Required fields are sent even when empty so the schema's own message ("Enter a name") shows.
    if (v === '' && !REQUIRED.has(key)) continue;
    if (f.kind === 'aws' && f.credentialSource !== 'static' && (key === 'accessKeyId' || key === 'secretAccessKey')) continue;
    if (f.kind === 'aws' && f.credentialSource !== 'secret-server' && (key === 'secretServerProfileId' || key === 'secretId')) continue;
    out[key] = key === 'secretId' ? Number(v) : WRITE_ONLY.has(key) ? f[key] : v;
  }
  return out;
}

/** Checks the form with the contract's own schema, plus credentials a new profile needs. */
export function validate(f: ProfileForm, creating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = profileInputSchema.safeParse(toInput(f));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name') as keyof ProfileForm;
      errors[field] ??= issue.message.startsWith('Invalid input') ? 'Enter a valid value' : issue.message;
    }
  }
  if (creating && f.kind === 'secret-server' && !f.password) errors.password ??= 'Enter the password';
  if (creating && f.kind === 'aws' && f.credentialSource === 'static') {
    if (!f.accessKeyId) errors.accessKeyId ??= 'Enter the access key id';
    if (!f.secretAccessKey) errors.secretAccessKey ??= 'Enter the secret access key';
  }
  if (f.kind === 'aws' && f.credentialSource === 'secret-server') {
    if (!f.secretServerProfileId) errors.secretServerProfileId ??= 'Choose the Secret Server profile';
    if (!f.secretId) errors.secretId ??= 'Enter the secret id';
  }
  return errors;
}

/** Maps a server-side field name (`profile.baseUrl`, `password`) to a form field. */
export function formField(serverField: unknown): keyof ProfileForm | undefined {
  if (typeof serverField !== 'string') return undefined;
  const name = serverField.replace(/^profile\./, '');
  return name in emptyForm('secret-server') ? (name as keyof ProfileForm) : undefined;
}
