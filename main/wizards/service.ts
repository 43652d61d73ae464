import { ContractError } from '../../contract/errors';
import type {
  CachePipelineInputs,
  SetupFolderOption,
  SetupTemplateOption,
  SetupUserOption,
  WizardId,
  WizardView,
} from '../../contract/channels/setup';
import type { ConnectionService } from '../connections/service';
import type { JobContext } from '../jobs';
import { getTemplate, listFolders, listTemplates, searchUsers } from '../secret-server';
import type { SetupProgressData } from '../../contract/channels/setup';
import { cachePipelineWizard, sitesWithEngines, type CachePipelineDeps } from './cache-pipeline';
import { WizardEngine } from './engine';
import { renderRunbook } from './runbook';
import { WizardStore } from './store';

/** What the setup service is built from. */
export interface SetupDeps extends Omit<CachePipelineDeps, 'fingerprintKey'> {
  readonly dataDir: string;
  readonly connections: Pick<ConnectionService, 'store' | 'clients'>;
  /** Tells screens a wizard's state changed. */
  readonly changed?: (wizardId: WizardId) => void;
}

type Job = JobContext<SetupProgressData>;

/** The setup wizards over one step engine each; one job at a time per wizard. */
export class SetupService {
  private readonly engines: Record<WizardId, WizardEngine<CachePipelineInputs, unknown>>;
  private readonly busy = new Set<WizardId>();

  constructor(private readonly deps: SetupDeps) {
    const store = new WizardStore(deps.dataDir);
    const wizard = cachePipelineWizard({ ...deps, fingerprintKey: () => store.fingerprintKey() });
    this.engines = {
      'cache-pipeline': new WizardEngine(wizard, store, (ctx) => ({
        acquire: (signal) => deps.connections.clients.ssLimiter((ctx as { profile: { id: string } }).profile.id).take(signal),
      })) as WizardEngine<CachePipelineInputs, unknown>,
    };
  }

  /** The engine of a wizard. */
  engine(id: WizardId): WizardEngine<CachePipelineInputs, unknown> {
    return this.engines[id];
  }

  /** Saves inputs (checked against the profiles first); unchanged inputs leave the state as it is. */
  saveInputs(id: WizardId, inputs: CachePipelineInputs): WizardView {
    const p = this.deps.connections.store.find(inputs.secretServerProfileId);
    if (p?.kind !== 'secret-server')
      throw new ContractError('VALIDATION', 'Pick a Secret Server profile.', { details: { field: 'secretServerProfileId' } });
    for (const c of inputs.credentialsCacheProfileIds)
      if (this.deps.connections.store.find(c)?.kind !== 'credentials-cache')
        throw new ContractError('VALIDATION', `No Credentials Cache profile "${c}".`, { details: { field: 'credentialsCacheProfileIds' } });
    const e = this.engine(id);
    // The same inputs again (a reload, the command line's next phase) keep the steps' state.
    if (JSON.stringify(e.state().inputs) === JSON.stringify(inputs)) return e.view();
    return this.after(id, e.saveInputs(inputs));
  }

  /** Runs a phase as the wizard's only job. */
  async run(
    id: WizardId,
    job: Job,
    phase: 'plan' | 'verify' | 'apply',
    args: { stepIds?: readonly string[]; planId?: string; confirmed?: readonly string[] },
  ): Promise<WizardView> {
    if (this.busy.has(id))
      throw new ContractError('CONFLICT', 'The wizard is already checking, applying or verifying: wait for it to end.');
    this.busy.add(id);
    try {
      const e = this.engine(id);
      const view =
        phase === 'plan'
          ? await e.plan(job, args.stepIds)
          : phase === 'verify'
            ? await e.verify(job, args.stepIds)
            : await e.apply(job, args.planId ?? '', args.confirmed ?? []);
      return this.after(id, view);
    } finally {
      this.busy.delete(id);
      this.deps.changed?.(id);
    }
  }

  /** The runbook of the current plan. */
  runbook(id: WizardId): { fileName: string; markdown: string } {
    const e = this.engine(id);
    const state = e.state();
    return {
      fileName: `runbook-${id}-${(state.plan?.createdAt ?? state.updatedAt).slice(0, 10)}.md`,
      markdown: renderRunbook(e.def, state),
    };
  }

  /** Users matching the text. */
  async users(profileId: string, search: string, signal: AbortSignal): Promise<SetupUserOption[]> {
    const c = await this.deps.connections.clients.secretServer(profileId);
    return (await searchUsers(c, search || undefined, { signal })).slice(0, 50).map((u) => ({
      id: u.id ?? 0,
      userName: u.userName ?? '',
      displayName: u.displayName ?? '',
      isApplicationAccount: u.isApplicationAccount === true,
      enabled: u.enabled !== false,
    }));
  }

  /** Folders with paths. */
  async folders(profileId: string, signal: AbortSignal): Promise<SetupFolderOption[]> {
    const c = await this.deps.connections.clients.secretServer(profileId);
    return (await listFolders(c, { signal })).map((f) => ({
      id: f.id ?? 0,
      path: f.folderPath ?? f.folderName ?? '',
      parentId: f.parentFolderId ?? null,
    }));
  }

  /** Sites with their engines. */
  async sites(profileId: string, signal: AbortSignal) {
    return sitesWithEngines(await this.deps.connections.clients.secretServer(profileId), signal);
  }

  /** Templates with their fields. */
  async templates(profileId: string, search: string, signal: AbortSignal): Promise<SetupTemplateOption[]> {
    const c = await this.deps.connections.clients.secretServer(profileId);
    const list = (await listTemplates(c, search || undefined, { signal })).slice(0, 50);
    return Promise.all(
      list.map(async (t) => {
        const full = await getTemplate(c, t.id ?? 0, signal);
        return {
          id: t.id ?? 0,
          name: t.name ?? '',
          fields: (full.fields ?? []).map((f) => ({ name: f.name ?? '', slug: f.fieldSlugName ?? '', isPassword: f.isPassword === true })),
        };
      }),
    );
  }

  private after(id: WizardId, view: WizardView): WizardView {
    this.deps.changed?.(id);
    return view;
  }
}
