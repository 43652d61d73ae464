import {
  channels,
  isChannel,
  isJobChannel,
  ContractError,
  type Channel,
  type Envelope,
  type EventMap,
  type EventName,
  type JobChannel,
  type Progress,
  type Req,
  type Res,
} from '../../contract';
import type { JobContext, JobKind, JobManager } from '../jobs';
import { toErrorData, validationError } from './errors';
import { cancelled } from '../shared/errors';

/** What a plain (non-job) handler gets besides its request. */
export interface HandlerContext {
  /** Aborted when the transport goes away (a closed window or dropped connection). */
  readonly signal: AbortSignal;
}

/** One handler per channel; job channels get the job's context (typed progress, checkpoints). */
export type Handlers = {
  [C in Channel]: (req: Req<C>, ctx: C extends JobChannel ? JobContext<Progress<C>> : HandlerContext) => Promise<Res<C>> | Res<C>;
};

/** How each job channel runs as a job. */
export interface JobChannelOptions extends Omit<JobKind, 'resume'> {
  /** Resumable: `jobs:resume` runs the handler again with the journal's checkpoints. */
  readonly resumable: boolean;
  /** Cancelled when its caller goes away (work that only matters to the screen that asked). */
  readonly cancelWithCaller?: boolean;
}

/** Options of every job channel, checked complete by the compiler. */
export type JobChannelTable = { readonly [C in JobChannel]: JobChannelOptions };

/** Pushes events to every connected renderer, whatever the transport. */
export class EventBus {
  private readonly listeners = new Set<(name: EventName, payload: unknown) => void>();

  /** Sends one event. */
  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch {
        // A broken listener (closed window, dropped stream) must not stop the others.
      }
    }
  }

  /** Adds a listener; returns its remover. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Validates and dispatches requests for both transports. Every request is parsed with its
 * channel's schema before any service runs; every failure leaves as an error envelope. Job
 * channels run as jobs of the JobManager: the request waits for the job's end, but the job does
 * not depend on the request (a closed tab does not cancel it; `jobs:cancel` does).
 */
export class Router {
  constructor(
    private readonly handlers: Handlers,
    readonly events: EventBus,
    /** The jobs this router starts (shut down with the process). */
    readonly jobs: JobManager,
    private readonly jobOptions: JobChannelTable,
  ) {
    for (const [kind, o] of Object.entries(jobOptions) as [JobChannel, JobChannelOptions][]) {
      const handler = this.handlers[kind] as (req: unknown, ctx: JobContext) => Promise<unknown>;
      jobs.define(kind, { persist: o.persist, ...(o.resumable ? { resume: (input, ctx) => handler(input, ctx) } : {}) });
    }
  }

  /** The channels this router serves (equal to the contract's by construction). */
  channelNames(): Channel[] {
    return Object.keys(this.handlers) as Channel[];
  }

  /** Runs one request; never throws. */
  async dispatch(name: string, payload: unknown, meta: { requestId?: unknown; signal?: AbortSignal } = {}): Promise<Envelope<unknown>> {
    if (!isChannel(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${String(name).slice(0, 80)}`, retryable: false } };
    }
    const def = channels[name];
    const parsed = def.request.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, name).toData() };
    let requestId: string | undefined;
    if (meta.requestId !== undefined) {
      if (typeof meta.requestId !== 'string' || !/^[A-Za-z0-9_.:-]{1,100}$/.test(meta.requestId)) {
        return { ok: false, error: new ContractError('VALIDATION', 'Invalid request id', { details: { field: 'requestId' } }).toData() };
      }
      requestId = meta.requestId;
    }
    try {
      if (isJobChannel(name)) return await this.runJob(name, parsed.data, requestId, meta.signal);
      const handler = this.handlers[name] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
      const signal = meta.signal ?? new AbortController().signal;
      const value = await handler(parsed.data, { signal });
      if (signal.aborted) throw cancelled();
      return { ok: true, result: value };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  }

  private async runJob(name: JobChannel, req: unknown, id: string | undefined, callerSignal?: AbortSignal): Promise<Envelope<unknown>> {
    const handler = this.handlers[name] as (req: unknown, ctx: JobContext) => Promise<unknown>;
    const o = this.jobOptions[name];
    const handle = this.jobs.start(name, req, (ctx) => handler(req, ctx), {
      ...(id ? { id } : {}),
      ...(o.cancelWithCaller && callerSignal ? { cancelWith: callerSignal } : {}),
    });
    const outcome = await handle.done;
    return outcome.ok ? { ok: true, result: outcome.result } : { ok: false, error: outcome.error };
  }
}

/** Throws CANCELLED when the signal is aborted; call between chunks of long work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}
