import {
  channels,
  isChannel,
  ContractError,
  type Channel,
  type Envelope,
  type EventMap,
  type EventName,
  type Req,
  type Res,
} from '../../contract';
import { toErrorData, validationError } from './errors';
import { cancelled } from '../shared/errors';

/** What a handler gets besides its request. */
export interface HandlerContext {
  /** Set for long work; progress events carry it. */
  readonly requestId?: string;
  /** Aborted when the caller cancels (`jobs:cancel`) or the transport goes away. */
  readonly signal: AbortSignal;
  /** Pushes a `job:progress` event for this request (no-op without a request id). */
  progress(done: number, total?: number, message?: string, data?: unknown): void;
}

/** One handler per channel. */
export type Handlers = { [C in Channel]: (req: Req<C>, ctx: HandlerContext) => Promise<Res<C>> | Res<C> };

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
 * channel's schema before any service runs; every failure leaves as an error envelope.
 */
export class Router {
  private readonly jobs = new Map<string, AbortController>();

  constructor(
    private readonly handlers: Handlers,
    readonly events: EventBus,
  ) {}

  /** The channels this router serves (equal to the contract's by construction). */
  channelNames(): Channel[] {
    return Object.keys(this.handlers) as Channel[];
  }

  /** Cancels a running long request. */
  cancel(requestId: string): boolean {
    const job = this.jobs.get(requestId);
    if (!job) return false;
    job.abort();
    return true;
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
      if (this.jobs.has(meta.requestId)) {
        return {
          ok: false,
          error: new ContractError('CONFLICT', `Request id already running: ${meta.requestId}`, {
            details: { field: 'requestId' },
          }).toData(),
        };
      }
      requestId = meta.requestId;
    }
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    meta.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (requestId) this.jobs.set(requestId, controller);
    const ctx: HandlerContext = {
      requestId,
      signal: controller.signal,
      progress: (done, total, message, data) => {
        if (!requestId) return;
        this.events.emit('job:progress', { requestId, done, total, message, data });
      },
    };
    try {
      const handler = this.handlers[name] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      if (controller.signal.aborted) throw cancelled();
      return { ok: true, result: value };
    } catch (err) {
      return {
        ok: false,
        error: toErrorData(controller.signal.aborted && !(err instanceof ContractError) ? cancelled() : err),
      };
    } finally {
      meta.signal?.removeEventListener('abort', onOuterAbort);
      if (requestId) this.jobs.delete(requestId);
    }
  }
}

/** Throws CANCELLED when the signal is aborted; call between chunks of long work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}
