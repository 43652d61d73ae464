import { z } from 'zod';
import {
  awsInputSchema,
  credentialsCacheInputSchema,
  secretServerInputSchema,
  type ProfileInput,
  type ProfileView,
  type TestSummary,
} from '../../contract/channels/connections';

const stamps = { id: z.string().min(1), createdAt: z.string(), updatedAt: z.string() };

/** A profile as kept in profiles.json: everything but credentials (those live in the secret store). */
export const storedProfileSchema = z.discriminatedUnion('kind', [
  secretServerInputSchema.omit({ password: true, proxyPassword: true }).extend(stamps),
  awsInputSchema.omit({ secretAccessKey: true, accessKeyId: true, proxyPassword: true }).extend(stamps),
  credentialsCacheInputSchema.omit({ password: true, proxyPassword: true }).extend(stamps),
]);

/** A profile as stored. */
export type StoredProfile = z.infer<typeof storedProfileSchema>;

/** The file format of `<dataDir>/profiles.json`. */
export const profilesFileSchema = z.object({ version: z.literal(1), profiles: z.array(storedProfileSchema) });

/** Names of the credential-store entries of a profile (one place, so delete removes them all). */
export const secretKeys = {
  password: (id: string) => `connections/${id}/password`,
  accessKeyId: (id: string) => `connections/${id}/accessKeyId`,
  secretAccessKey: (id: string) => `connections/${id}/secretAccessKey`,
  proxyPassword: (id: string) => `connections/${id}/proxyPassword`,
  all: (id: string) => [
    `connections/${id}/password`,
    `connections/${id}/accessKeyId`,
    `connections/${id}/secretAccessKey`,
    `connections/${id}/proxyPassword`,
  ],
} as const;

/** Credentials carried by an input, to be written to the secret store (absent = keep what is stored). */
export interface InputSecrets {
  readonly password?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly proxyPassword?: string;
}

/** Splits an input into what goes to profiles.json and what goes to the secret store. */
export function splitInput(
  input: ProfileInput,
  id: string,
  createdAt: string,
  now: string,
): { stored: StoredProfile; secrets: InputSecrets } {
  const stamps = { id, createdAt, updatedAt: now };
  const { proxyPassword, ...profile } = input;
  const proxy = { proxyPassword: nonEmpty(proxyPassword) };
  const kind = profile.kind;
  switch (kind) {
    case 'secret-server': {
      const { password, ...rest } = profile;
      return { stored: { ...clean(rest), ...stamps }, secrets: { password: nonEmpty(password), ...proxy } };
    }
    case 'aws': {
      const { secretAccessKey, accessKeyId, ...rest } = profile;
      return {
        stored: { ...clean(rest), ...stamps },
        secrets: { accessKeyId: nonEmpty(accessKeyId), secretAccessKey: nonEmpty(secretAccessKey), ...proxy },
      };
    }
    case 'credentials-cache': {
      const { password, ...rest } = profile;
      return { stored: { ...clean(rest), ...stamps }, secrets: { password: nonEmpty(password), ...proxy } };
    }
    default:
      return assertNever(kind);
  }
}

/** The renderer's view of a profile: flags instead of credentials. */
export function toView(p: StoredProfile, has: (key: string) => string | undefined, lastTest?: TestSummary): ProfileView {
  const extra = { ...(lastTest ? { lastTest } : {}), hasProxyPassword: Boolean(has(secretKeys.proxyPassword(p.id))) };
  const kind = p.kind;
  switch (kind) {
    case 'secret-server':
      return { ...p, ...extra, hasPassword: Boolean(has(secretKeys.password(p.id))) };
    case 'aws': {
      const keyId = has(secretKeys.accessKeyId(p.id));
      return {
        ...p,
        ...extra,
        ...(keyId ? { accessKeyIdHint: `…${keyId.slice(-4)}` } : {}),
        hasSecretAccessKey: Boolean(has(secretKeys.secretAccessKey(p.id))),
      };
    }
    case 'credentials-cache':
      return { ...p, ...extra, hasPassword: Boolean(has(secretKeys.password(p.id))) };
    default:
      return assertNever(kind);
  }
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

// Optional text fields arrive as '' from forms; store them as absent.
function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out as T;
}
