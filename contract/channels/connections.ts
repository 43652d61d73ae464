import { z } from 'zod';
import { channel, progress, result } from '../define';

const empty = z.object({}).strict();

/** The three kinds of backend a profile can point at. */
export type ConnectionKind = 'secret-server' | 'aws' | 'credentials-cache';

/** Where an AWS profile's keys come from. */
export type AwsCredentialSourceKind = 'static' | 'secret-server' | 'default-chain';

const id = z.string().min(1).max(100);
const name = z.string().trim().min(1, 'Enter a name').max(100, 'Keep the name under 100 characters');
const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), `${what} must be an http:// or https:// URL`);
/** A server URL: credentials never ride inside it (they would be stored and shown in clear). */
const serverUrl = (what: string) =>
  httpUrl(what).refine(
    (v) => !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(v),
    `${what} must not contain a user name or password: use the profile's credential fields`,
  );
const optText = (max: number) => z.string().trim().max(max).optional();
/** A credential going in; never returned. Empty means "leave the stored value as it is". */
const writeOnly = z.string().max(4096).optional();

const common = {
  name,
  /** Path to a PEM file of extra CA certificates trusted for this profile (internal PKI). */
  caFile: optText(1000),
  /**
   * `http(s)://host:port` of an https proxy. A `user:password@` typed into it is moved by main
   * into `proxyUsername` and the write-only `proxyPassword` before anything is stored.
   */
  proxyUrl: httpUrl('The proxy URL').optional(),
  /** User name for the proxy (Basic authentication). */
  proxyUsername: optText(200),
  /** Password for the proxy; write-only like every credential. */
  proxyPassword: writeOnly,
};

/** Input of a Secret Server profile. */
export const secretServerInputSchema = z
  .object({
    kind: z.literal('secret-server'),
    ...common,
    baseUrl: serverUrl('The Secret Server URL'),
    username: z.string().trim().min(1, 'Enter the user name').max(200),
    domain: optText(200),
    password: writeOnly,
  })
  .strict();

/** Input of an AWS Secrets Manager profile. */
export const awsInputSchema = z
  .object({
    kind: z.literal('aws'),
    ...common,
    region: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'Enter an AWS region such as us-east-1'),
    credentialSource: z.enum(['static', 'secret-server', 'default-chain']),
    accessKeyId: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{16,128}$/, 'An access key id is 16 or more capital letters and digits (AKIA…)')
      .optional(),
    secretAccessKey: writeOnly,
    /** For `secret-server`: the Secret Server profile and the id of the "Amazon IAM Key" secret. */
    secretServerProfileId: id.optional(),
    secretId: z.number().int().positive('A secret id is a positive whole number').optional(),
    /** A custom endpoint: a VPC interface endpoint, a FIPS endpoint (or the simulator in the demo and tests). */
    endpoint: serverUrl('The endpoint').optional(),
  })
  .strict();

/** Input of a Credentials Cache instance. */
export const credentialsCacheInputSchema = z
  .object({
    kind: z.literal('credentials-cache'),
    ...common,
    url: serverUrl('The Credentials Cache URL'),
    /** The site or engine the instance runs on, as the admin names it. */
    siteLabel: optText(200),
    /** The Secret Server profile whose URL (and, unless overridden below, credentials) the token request uses. */
    secretServerProfileId: id.optional(),
    /** Optional application account for `/api/token` instead of the Secret Server profile's. */
    username: optText(200),
    domain: optText(200),
    password: writeOnly,
    /** Folder of the instance's log files (or its appsettings.json). */
    logPath: optText(1000),
  })
  .strict();

/** Any profile as the renderer sends it. */
export const profileInputSchema = z.discriminatedUnion('kind', [secretServerInputSchema, awsInputSchema, credentialsCacheInputSchema]);

/** A profile as sent to main (new or edited). */
export type ProfileInput = z.infer<typeof profileInputSchema>;

interface ProfileBase {
  readonly id: string;
  readonly name: string;
  readonly caFile?: string;
  readonly proxyUrl?: string;
  readonly proxyUsername?: string;
  /** Whether a proxy password is stored (the password itself is never returned). */
  readonly hasProxyPassword: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The last Test connection result, if any (kept in memory and in connection-tests.json). */
  readonly lastTest?: TestSummary;
}

/** A Secret Server profile as main returns it: the password never, only whether one is stored. */
export interface SecretServerProfileView extends ProfileBase {
  readonly kind: 'secret-server';
  readonly baseUrl: string;
  readonly username: string;
  readonly domain?: string;
  readonly hasPassword: boolean;
}

/** An AWS profile as main returns it. */
export interface AwsProfileView extends ProfileBase {
  readonly kind: 'aws';
  readonly region: string;
  readonly credentialSource: AwsCredentialSourceKind;
  /** Last four characters of the access key id, e.g. `…0001`. */
  readonly accessKeyIdHint?: string;
  readonly hasSecretAccessKey: boolean;
  readonly secretServerProfileId?: string;
  readonly secretId?: number;
  readonly endpoint?: string;
}

/** A Credentials Cache instance as main returns it. */
export interface CredentialsCacheProfileView extends ProfileBase {
  readonly kind: 'credentials-cache';
  readonly url: string;
  readonly siteLabel?: string;
  readonly secretServerProfileId?: string;
  readonly username?: string;
  readonly domain?: string;
  readonly hasPassword: boolean;
  readonly logPath?: string;
}

/** Any profile as main returns it. */
export type ProfileView = SecretServerProfileView | AwsProfileView | CredentialsCacheProfileView;

/** The stages of Test connection, in order. */
export const STAGE_IDS = ['dns', 'tcp', 'tls', 'http', 'auth', 'permissions'] as const;
/** One stage of Test connection. */
export type StageId = (typeof STAGE_IDS)[number];
/** `pending`/`running` only while streaming; `warn` passes but says something needs attention soon. */
export type StageStatus = 'pending' | 'running' | 'pass' | 'warn' | 'fail' | 'skipped';

/** One item checked inside a stage (a permission, an IAM action). */
export interface StageCheck {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'unverified';
  readonly message?: string;
}

/** One stage's outcome; `fix` says in words what to change when it failed. */
export interface DiagnosticStage {
  readonly id: StageId;
  readonly label: string;
  readonly status: StageStatus;
  readonly durationMs?: number;
  readonly detail?: string;
  readonly fix?: string;
  readonly checks?: readonly StageCheck[];
}

/** The full result of Test connection. */
export interface DiagnosticsResult {
  readonly profileId: string;
  readonly kind: ConnectionKind;
  readonly ok: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly stages: readonly DiagnosticStage[];
  readonly failedStage?: StageId;
}

/** What lists and the Overview show of the last test. */
export interface TestSummary {
  readonly ok: boolean;
  readonly at: string;
  readonly failedStage?: StageId;
  /** The failing stage's detail, or a one-line success. */
  readonly message: string;
  /** Every stage of that test (kept in connection-tests.json, so they survive a restart). */
  readonly stages?: readonly DiagnosticStage[];
}

/** `job:progress` data of `connections:test`: every stage so far. */
export interface TestProgressData {
  readonly stages: readonly DiagnosticStage[];
}

/** Health of one connection on the Overview. */
export interface ConnectionHealth {
  readonly id: string;
  readonly name: string;
  readonly kind: ConnectionKind;
  readonly state: 'ok' | 'failing' | 'untested';
  readonly message: string;
  /** When this was measured. */
  readonly at?: string;
  /** What measured it: the last Test connection, or (cache instances) a newer Fleet check. */
  readonly source?: 'test' | 'fleet-check';
}

/** The Overview's data; parts owned by later features say so instead of inventing numbers. */
export interface OverviewSummary {
  readonly connections: readonly ConnectionHealth[];
  readonly cache: {
    readonly total: number;
    readonly up: number;
    readonly down: number;
    readonly unknown: number;
    /** When the oldest of these figures was measured (absent when none was). */
    readonly checkedAt?: string;
  };
  readonly lastSync: { readonly available: false; readonly reason: string };
  readonly demo: boolean;
}

/** Events of the Connections area. */
export interface ConnectionsEvents {
  /** Profiles were added, edited, deleted or tested. */
  'connections:changed': { readonly id?: string };
}

/** Connections (profiles + Test connection) and the Overview summary, which is built from them. */
export const connectionsChannels = {
  'connections:list': channel(empty, result<readonly ProfileView[]>()),
  'connections:create': channel(z.object({ profile: profileInputSchema }).strict(), result<ProfileView>()),
  'connections:update': channel(z.object({ id, profile: profileInputSchema }).strict(), result<ProfileView>()),
  'connections:delete': channel(z.object({ id }).strict(), result<{ deleted: boolean }>()),
  'connections:test': channel(z.object({ id }).strict(), result<DiagnosticsResult>(), { progress: progress<TestProgressData>() }),
  'overview:summary': channel(z.object({ quickCheck: z.boolean().default(false) }).strict(), result<OverviewSummary>()),
} as const;
