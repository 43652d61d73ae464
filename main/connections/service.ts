import { createAwsRequestHandler, createSecretsManagerClient } from '../aws';
import type { DiagnosticStage, DiagnosticsResult, ProfileInput, ProfileView } from '../../contract/channels/connections';
import type { AppContext } from '../core/app-context';
import { getCurrentUser } from '../secret-server/identity';
import { SecretServerClient } from '../secret-server/client';
import { createDispatcher } from '../http';
import { createCacheApi } from '../fleet/cache-api';
import { awsPlan } from './diagnostics/aws';
import { credentialsCachePlan } from './diagnostics/credentials-cache';
import { secretServerPlan } from './diagnostics/secret-server';
import { runStages, type StagePlan } from './diagnostics/stage';
import { assertNever, secretKeys, toView, type StoredProfile } from './profiles';
import { awsProfile, cacheTokenCredentials, secretServerClient, secretsOf, transportOf } from './resolve';
import { ProfileStore } from './store';
import { TestResults } from './test-results';

/**
 * Connection profiles and Test connection for one app context. Fleet, Overview and the demo use
 * the same instance (see `connectionsFor`), so they always see the same profiles.
 */
export class ConnectionService {
  readonly store: ProfileStore;
  readonly tests: TestResults;

  constructor(private readonly ctx: Pick<AppContext, 'dataDir' | 'secrets' | 'notices' | 'events'>) {
    this.store = new ProfileStore({
      dataDir: ctx.dataDir,
      secrets: ctx.secrets,
      onCorrupt: (backup, reason) =>
        ctx.notices.add(
          'warning',
          `Connection profiles were unreadable (${reason}); the file was backed up to ${backup} and the list starts empty.`,
        ),
    });
    this.tests = new TestResults(ctx.dataDir);
  }

  /** Every profile as the renderer sees it. */
  list(): ProfileView[] {
    return this.store.list().map((p) => this.view(p));
  }

  /** Adds a profile. */
  create(input: ProfileInput): ProfileView {
    const p = this.store.create(input);
    this.ctx.events.emit('connections:changed', { id: p.id });
    return this.view(p);
  }

  /** Edits a profile; its last test no longer describes it. */
  update(id: string, input: ProfileInput): ProfileView {
    const p = this.store.update(id, input);
    this.tests.delete(id);
    this.ctx.events.emit('connections:changed', { id });
    return this.view(p);
  }

  /** Deletes a profile and its credentials. */
  delete(id: string): boolean {
    const deleted = this.store.delete(id);
    this.tests.delete(id);
    if (deleted) this.ctx.events.emit('connections:changed', { id });
    return deleted;
  }

  /** Runs the staged diagnostics of one profile, streaming stages through `onStages`. */
  async test(
    id: string,
    signal: AbortSignal,
    onStages: (stages: readonly DiagnosticStage[]) => void = () => undefined,
  ): Promise<DiagnosticsResult> {
    const p = this.store.get(id);
    const startedAt = new Date().toISOString();
    const { stages, failedStage } = await runStages(this.plan(p), signal, onStages, secretsOf(this.store, p));
    const result: DiagnosticsResult = {
      profileId: id,
      kind: p.kind,
      ok: !failedStage,
      startedAt,
      finishedAt: new Date().toISOString(),
      stages,
      ...(failedStage ? { failedStage } : {}),
    };
    const failed = stages.find((s) => s.id === failedStage);
    this.tests.set(id, {
      ok: result.ok,
      at: result.finishedAt,
      ...(failedStage ? { failedStage } : {}),
      message: failed ? `${failed.label}: ${failed.detail ?? 'failed'}` : 'All checks passed.',
      stages,
    });
    this.ctx.events.emit('connections:changed', { id });
    return result;
  }

  private view(p: StoredProfile): ProfileView {
    return toView(p, (k) => this.store.secret(k), this.tests.get(p.id));
  }

  private plan(p: StoredProfile): StagePlan[] {
    const transport = transportOf(p);
    const kind = p.kind;
    switch (kind) {
      case 'secret-server':
        return secretServerPlan({ ...p, ...transport, client: () => secretServerClient(this.store, p) });
      case 'aws': {
        const keyId = this.store.secret(secretKeys.accessKeyId(p.id));
        const label =
          p.credentialSource === 'static'
            ? `access key …${keyId?.slice(-4) ?? '????'}`
            : p.credentialSource === 'secret-server'
              ? `the Amazon IAM Key secret ${p.secretId ?? '?'} in Secret Server`
              : 'the default credential provider chain';
        return awsPlan({
          region: p.region,
          ...(p.endpoint ? { endpoint: p.endpoint } : {}),
          ...transport,
          credentialsLabel: label,
          client: async () => {
            const { profile, readIamKey } = awsProfile(this.store, p);
            // The profile's extra CA and proxy apply to AWS as to every other backend.
            const requestHandler = await createAwsRequestHandler(transport);
            const deps = requestHandler ? { requestHandler } : {};
            // Read keys kept in Secret Server up front so a failure is reported as such, not as an AWS denial.
            if (readIamKey)
              return createSecretsManagerClient(
                { ...profile, credentials: { kind: 'static', key: await readIamKey(p.secretId ?? 0) } },
                deps,
              );
            return createSecretsManagerClient(profile, deps);
          },
        });
      }
      case 'credentials-cache': {
        const creds = cacheTokenCredentials(this.store, p);
        const ss = p.secretServerProfileId ? this.store.find(p.secretServerProfileId) : undefined;
        return credentialsCachePlan({
          url: p.url,
          ...transport,
          ...(creds ? { creds } : {}),
          api: () => createCacheApi({ id: p.id, name: p.name, url: p.url }, transport, () => secretsOf(this.store, p)),
          ...(creds && ss
            ? {
                viewSecretCheck: async (signal: AbortSignal) => {
                  const client = new SecretServerClient({
                    profile: {
                      baseUrl: creds.baseUrl,
                      username: creds.username,
                      password: creds.password,
                      ...(creds.domain ? { domain: creds.domain } : {}),
                    },
                    dispatcher: await createDispatcher(transportOf(ss)),
                    retry: { maxAttempts: 1 },
                  });
                  const me = await getCurrentUser(client, signal);
                  return (me.permissions ?? []).some((x) => String(x.name ?? '').toLowerCase() === 'view secret');
                },
              }
            : {}),
        });
      }
      default:
        return assertNever(kind);
    }
  }
}

const services = new WeakMap<object, ConnectionService>();

/** The one ConnectionService of an app context (created on first use). */
export function connectionsFor(ctx: AppContext): ConnectionService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new ConnectionService(ctx)));
  return s;
}
