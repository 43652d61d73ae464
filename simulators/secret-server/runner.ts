import { randomUUID } from 'node:crypto';
import { EngineLog } from './engine-log';
import { runCacheScript, type ScriptOutcome } from './script-exec';
import { PASSWORD_CHANGE_ACTION, RUN_SCRIPT_TASK, SECRET_TRIGGERS, TASKS } from './catalog';
import { timeSpan, type SimActivity, type SimPipeline, type SimPolicy, type SimRun, type SimSecret, type SimUser } from './model';
import type { SimState } from './state';

/** How the simulated distributed engine runs scripts. */
export interface RunnerOptions {
  /** "Event Pipelines Maximum Script Run Time" (default 5 minutes). */
  scriptTimeoutMs: number;
  /** "Allow Confidential Secret Fields to be used in Scripts" (vendor default false; the simulator defaults to true so seed 000 works). */
  allowConfidentialFields: boolean;
  /** Extra CA certificates the engine host trusts, for https cache URLs. */
  engineCa?: string[];
  /** The engine's log folder: when set, script runs are logged to `SSDE.log` there (log4net format). */
  engineLogDir?: string;
}

/** Fires event pipeline policies and runs their tasks the way a distributed engine would. */
export class PipelineRunner {
  private readonly pending = new Set<Promise<void>>();
  private readonly engineLog: EngineLog | undefined;

  constructor(
    private readonly state: SimState,
    readonly options: RunnerOptions,
  ) {
    this.engineLog = options.engineLogDir ? new EngineLog(options.engineLogDir) : undefined;
  }

  /** Resolves when every run started so far has finished (tests await this instead of sleeping). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** "Secret Password Change": queue a run for each active pipeline of each active policy targeting the folder. */
  secretPasswordChanged(secret: SimSecret, by: SimUser): SimRun[] {
    const started: SimRun[] = [];
    for (const policy of this.state.policies) {
      if (!policy.active || !this.targets(policy, secret.folderId)) continue;
      for (const pipelineId of policy.pipelineIds) {
        const pipeline = this.state.pipelines.find((p) => p.eventPipelineId === pipelineId);
        if (!pipeline?.active || !pipeline.triggerActionIds.includes(PASSWORD_CHANGE_ACTION)) continue;
        const run = this.queue(policy, pipeline, secret, by);
        started.push(run);
        const job = this.execute(run, pipeline, secret).finally(() => this.pending.delete(job));
        this.pending.add(job);
      }
    }
    return started;
  }

  private targets(policy: SimPolicy, folderId: number): boolean {
    for (let f = this.state.folders.find((x) => x.id === folderId); f; f = this.state.folders.find((x) => x.id === f?.parentFolderId)) {
      if (policy.folderIds.includes(f.id)) return true;
    }
    return false;
  }

  private queue(policy: SimPolicy, pipeline: SimPipeline, secret: SimSecret, by: SimUser): SimRun {
    const now = this.state.now();
    const eventName =
      SECRET_TRIGGERS.find((t) => t.eventActionId === PASSWORD_CHANGE_ACTION)?.triggerDisplayName ?? 'Secret Password Change';
    const run: SimRun = {
      eventPipelinePolicyRunId: randomUUID(),
      eventPipelinePolicyId: policy.eventPipelinePolicyId,
      eventPipelineId: pipeline.eventPipelineId,
      name: pipeline.eventPipelineName,
      description: pipeline.eventPipelineDescription,
      entityTypeName: 'Secret',
      eventName,
      eventDetails: `Password changed by ${by.displayName}`,
      eventDateTime: now,
      itemId: secret.id,
      itemName: secret.name,
      queuedDate: now,
      startDate: null,
      endDate: null,
      duration: timeSpan(0),
      status: 'Pending',
    };
    this.state.runs.push(run);
    this.state.runsChanged();
    pipeline.tasks.forEach((t, i) => {
      const def = TASKS.find((x) => x.eventPipelineTaskId === t.eventPipelineTaskId);
      this.state.activity.push({
        eventPipelinePolicyRunId: run.eventPipelinePolicyRunId,
        eventPipelineId: pipeline.eventPipelineId,
        eventPipelineName: pipeline.eventPipelineName,
        eventPipelineDescription: pipeline.eventPipelineDescription,
        eventPipelineTaskId: t.eventPipelineTaskId,
        eventPipelineTaskName: def?.eventPipelineTaskDisplayName ?? '',
        eventPipelineTaskDescription: def?.eventPipelineTaskDescription ?? '',
        runOrder: i + 1,
        status: 'Pending',
        notes: '',
        eventAction: eventName,
        eventEntityType: 'Secret',
        itemId: secret.id,
        itemName: secret.name,
        queuedDateTime: now,
        startDateTime: null,
        endDateTime: null,
        duration: timeSpan(0),
      });
    });
    return run;
  }

  private async execute(run: SimRun, pipeline: SimPipeline, secret: SimSecret): Promise<void> {
    await Promise.resolve();
    run.status = 'Processing';
    run.startDate = this.state.now();
    this.state.runsChanged();
    const rows = this.state.activity.filter((a) => a.eventPipelinePolicyRunId === run.eventPipelinePolicyRunId);
    let failed = false;
    for (const [i, task] of pipeline.tasks.entries()) {
      const row = rows[i];
      if (!row) continue;
      // A failed task stops the rest of the pipeline (vendor behaviour).
      if (failed) {
        row.status = 'Skipped';
        continue;
      }
      row.status = 'Processing';
      row.startDateTime = this.state.now();
      const started = Date.now();
      const result =
        task.eventPipelineTaskId === RUN_SCRIPT_TASK ? await this.runScript(task.settings, secret, run) : { ok: true, notes: 'Success' };
      finish(row, result.ok ? 'Success' : 'Failed', result.notes, this.state.now(), Date.now() - started);
      failed = !result.ok;
    }
    run.status = failed ? 'Failed' : 'Success';
    run.endDate = this.state.now();
    run.duration = timeSpan(Date.parse(run.endDate) - Date.parse(run.startDate));
    this.state.runsChanged();
  }

  private async runScript(settings: Record<string, string>, secret: SimSecret, run: SimRun): Promise<ScriptOutcome> {
    const script = this.state.scripts.find((s) => String(s.scriptId) === settings.ScriptId);
    if (!script) return { ok: false, notes: `Script ${settings.ScriptId ?? ''} not found.` };
    const site = this.state.sites.find((s) => String(s.siteId) === (settings.SiteId ?? ''));
    const online = this.state.engines.some(
      (e) => e.siteId === site?.siteId && e.connectionStatus === 'Online' && e.activationStatus === 'Activated',
    );
    if (!site || !online)
      return { ok: false, notes: `Site (${site?.siteName ?? settings.SiteId ?? 'unknown'}) engines are not currently online.` };
    const what = `event pipeline run ${run.eventPipelinePolicyRunId} (script '${script.name}', secret ${secret.id})`;
    this.engineLog?.write('INFO', `Received PowerShellScriptMessage for ${what}`);
    if (!/api\/secretchanged/i.test(script.script)) {
      this.engineLog?.write('INFO', `PowerShell script completed for ${what}`);
      return { ok: true, notes: 'Success' };
    }
    const outcome = await runCacheScript({
      script: script.script,
      args: this.expandArgs(settings, secret),
      timeoutMs: this.options.scriptTimeoutMs,
      ...(this.options.engineCa ? { engineCa: this.options.engineCa } : {}),
    });
    if (!outcome.ok) this.engineLog?.write('ERROR', `PowerShell script failed for ${what}: ${outcome.error ?? 'error'}`);
    else if (outcome.error) this.engineLog?.write('WARN', `PowerShell script wrote to the error stream for ${what}: ${outcome.error}`);
    else this.engineLog?.write('INFO', `PowerShell script completed for ${what}`);
    return outcome;
  }

  /** Expands `$ItemId`, `$FIELD` and `$[ADD:n]$FIELD` tokens of the Script Args setting. */
  private expandArgs(settings: Record<string, string>, secret: SimSecret): string[] {
    const aliases: Record<string, string[]> = {
      url: ['tenanturl', 'url'],
      username: ['clientid', 'username'],
      password: ['clientsecret', 'password'],
    };
    const fieldOf = (s: SimSecret | undefined, name: string): string => {
      if (!s) return '';
      const template = this.state.templates.find((t) => t.id === s.secretTemplateId);
      for (const slug of [name.toLowerCase(), ...(aliases[name.toLowerCase()] ?? [])]) {
        const field = template?.fields.find((f) => f.fieldSlugName === slug);
        if (!field) continue;
        if ((field.isPassword || field.isFile) && !this.options.allowConfidentialFields) return '';
        return s.values[slug] ?? '';
      }
      return '';
    };
    return (settings.ScriptArgs ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((tok) => {
        if (/^\$ItemId$/i.test(tok)) return String(secret.id);
        const add = /^\$\[ADD:(\d+)\]\$(\w+)$/i.exec(tok);
        if (add)
          return fieldOf(
            this.state.secrets.find((s) => String(s.id) === settings[`AdditionalSecret${add[1]}`]),
            add[2] ?? '',
          );
        const own = /^\$(\w+)$/.exec(tok);
        return own ? fieldOf(secret, own[1] ?? '') : tok;
      });
  }
}

function finish(row: SimActivity, status: SimActivity['status'], notes: string, end: string, ms: number): void {
  row.status = status;
  row.notes = notes;
  row.endDateTime = end;
  row.duration = timeSpan(ms);
}
