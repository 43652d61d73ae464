import { randomUUID } from 'node:crypto';
import type { JobChannel, JobEvent, ReqIn, Res } from '../../contract';
import { buildRouter } from '../app/handlers';
import { createHeadlessContext } from '../app/headless';
import { closeServices, createServices, type Services } from '../app/services';
import type { Router } from '../ipc/router';
import type { JobManager } from '../jobs';
import { resolveDataDir } from '../settings/data-dir';
import { acquireDataLock } from '../settings/data-lock';
import type { CliIO } from './command';

/** The router and job manager a command line job runs on. */
export interface CliRuntime {
  readonly services: Services;
  readonly router: Router;
  readonly jobs: JobManager;
  /** Stops what the services hold open (pooled connections, followers). */
  close(): Promise<void>;
}

/**
 * Builds the same router the console serves, over the data folder's journals. Commands that
 * never read credentials (log search) open no credential store and ask for no passphrase.
 */
export async function cliRuntime(io: CliIO, opts: { credentials: boolean }): Promise<CliRuntime> {
  // Jobs write their journals (and replaying them marks cut-off ones) in the data folder.
  const lock = acquireDataLock(resolveDataDir(io.env), 'cli');
  try {
    const ctx = await createHeadlessContext({
      env: io.env,
      ...(opts.credentials ? {} : { noCredentials: true }),
      ...(opts.credentials && io.terminal ? { prompt: { hidden: io.terminal.hidden, say: io.err } } : {}),
    });
    const services = createServices(ctx);
    return {
      services,
      router: buildRouter(services),
      jobs: services.jobs,
      close: async () => {
        try {
          await closeServices(services);
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Exit code of a job that was cancelled (as for a program stopped by Ctrl+C). */
export const EXIT_CANCELLED = 130;

/**
 * Runs a job channel from the command line: `onEvent` sees its events; Ctrl+C cancels it
 * cleanly (its journal ends with "cancelled", so `jobs resume` can continue it).
 */
export async function runCliJob<C extends JobChannel>(
  rt: CliRuntime,
  io: CliIO,
  channel: C,
  payload: ReqIn<C>,
  onEvent: (e: JobEvent) => void,
): Promise<{ code: number; jobId: string; result?: Res<C> }> {
  const jobId = `${channel.replace(':', '-')}-${randomUUID().slice(0, 8)}`;
  const off = rt.services.context.events.subscribe((name, p) => {
    if (name === 'job:event' && (p as JobEvent).jobId === jobId) onEvent(p as JobEvent);
  });
  io.err(`Job ${jobId} started (Ctrl+C cancels; \`engine-console jobs resume ${jobId}\` continues it).`);
  return watch(rt, io, jobId, rt.router.dispatch(channel, payload, { requestId: jobId }), off) as Promise<{
    code: number;
    jobId: string;
    result?: Res<C>;
  }>;
}

/** Resumes a job from the command line, with the same Ctrl+C handling. */
export async function resumeCliJob(rt: CliRuntime, io: CliIO, jobId: string, onEvent: (e: JobEvent) => void) {
  const off = rt.services.context.events.subscribe((name, p) => {
    if (name === 'job:event' && (p as JobEvent).jobId === jobId) onEvent(p as JobEvent);
  });
  const handle = rt.jobs.resume(jobId);
  io.err(`Job ${jobId} resumed.`);
  const envelope = handle.done.then((o) => (o.ok ? { ok: true as const, result: o.result } : { ok: false as const, error: o.error }));
  return watch(rt, io, jobId, envelope, off);
}

async function watch(
  rt: CliRuntime,
  io: CliIO,
  jobId: string,
  pending: Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>,
  off: () => void,
): Promise<{ code: number; jobId: string; result?: unknown }> {
  let interrupted = false;
  void io.stopped().then(() => {
    interrupted = true;
    rt.jobs.cancel(jobId);
  });
  try {
    const env = await pending;
    if (env.ok) return { code: 0, jobId, result: env.result };
    if (env.error.code === 'CANCELLED' || interrupted) {
      io.err(`Cancelled. Continue it with: engine-console jobs resume ${jobId}`);
      return { code: EXIT_CANCELLED, jobId };
    }
    io.err(`Error (${env.error.code}): ${env.error.message}`);
    return { code: 1, jobId };
  } finally {
    off();
  }
}
