import type { DiagnosticStage, DiagnosticsResult, ProfileInput, ProfileView } from '../../contract/channels/connections';
import type { AppContext } from '../app/context';
import { ClientPool, type ClientPoolOptions } from './clients';
import { runStages } from './diagnostics/stage';
import { toView, type StoredProfile } from './profiles';
import { secretsOf } from './resolve';
import { ProfileStore } from './store';
import { TestResults } from './test-results';
import { testPlan, TestScope } from './test-plan';

/**
 * Connection profiles and Test connection for one app context. Fleet, Overview and the demo get
 * the same instance from `createServices`, so they always see the same profiles.
 */
export class ConnectionService {
  readonly store: ProfileStore;
  readonly tests: TestResults;
  /** The pooled clients of the profiles; an edit or delete drops the profile's clients. */
  readonly clients: ClientPool;

  constructor(
    private readonly ctx: Pick<AppContext, 'dataDir' | 'secrets' | 'notices' | 'events'>,
    poolOptions: ClientPoolOptions = {},
  ) {
    this.store = new ProfileStore({
      dataDir: ctx.dataDir,
      secrets: ctx.secrets,
      onCorrupt: (backup, reason) =>
        ctx.notices.add(
          'warning',
          `Connection profiles were unreadable (${reason}); the file was backed up to ${backup} and the list starts empty.`,
        ),
      onMigrated: (notes) =>
        ctx.notices.add('info', `Credentials found inside URLs of profiles.json were taken out of the file: ${notes.join('; ')}.`),
    });
    this.tests = new TestResults(ctx.dataDir);
    this.clients = new ClientPool(this.store, poolOptions);
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
    void this.clients.drop(id);
    this.tests.delete(id);
    this.ctx.events.emit('connections:changed', { id });
    return this.view(p);
  }

  /** Deletes a profile and its credentials. */
  delete(id: string): boolean {
    const deleted = this.store.delete(id);
    void this.clients.drop(id);
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
    const scope = new TestScope();
    const { stages, failedStage } = await runStages(
      testPlan(this.store, this.clients, p, scope),
      signal,
      onStages,
      secretsOf(this.store, p),
    ).finally(() => scope.close());
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
}
