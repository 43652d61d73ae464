import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ContractError } from '../../contract/errors';
import { cancelled } from '../shared/errors';
import type { ChunkResult, RangeTask } from './search-scan';
import type { WorkerReply, WorkerRequest } from './search-worker';

/**
 * Where search worker threads start from: a built file (`url`), or the code of a CommonJS bundle
 * of `search-worker.ts` run with `eval` (the Windows executable carries it as a SEA asset, since
 * a single executable has no files beside it).
 */
export type SearchWorkerEntry =
  { readonly url: URL; readonly execArgv?: string[] } | { readonly code: string; readonly execArgv?: string[] };

let configured: SearchWorkerEntry | null = null;

/**
 * Points search workers at another build of `search-worker.ts`. The application never calls
 * it: the bundle carries `search-worker.js` beside its entries. Tests running from source
 * call it with a build made for them (`tests/support/search-worker-setup.ts`).
 */
export function setSearchWorkerEntry(entry: SearchWorkerEntry | null): void {
  configured = entry;
}

/** The worker's code: `out/main/search-worker.js`, next to the entry or one folder up from a shared chunk. */
function workerEntry(): SearchWorkerEntry {
  if (configured) return configured;
  for (const rel of ['./search-worker.js', '../search-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return { url };
  }
  throw new ContractError('INTERNAL', 'The search worker (search-worker.js) is missing beside the application bundle; run npm run build.');
}

let running = 0;

/** Search worker threads alive now (a finished, cancelled or stopped search leaves none). */
export function runningSearchWorkers(): number {
  return running;
}

/** How a pool run reports and is bounded. */
export interface PoolOptions {
  readonly size: number;
  /** Longest a worker may spend matching one chunk before the whole search is stopped. */
  readonly budgetMs: number;
  readonly signal?: AbortSignal;
  readonly onChunk: (task: number, r: ChunkResult) => void;
  readonly onDone: (task: number) => void;
  /** The error for a chunk that overran the budget. */
  readonly tooSlow: (task: RangeTask) => ContractError;
}

/**
 * Runs range tasks on up to `size` worker threads, handing out tasks in order as workers come
 * free. Every worker is terminated when the run ends, fails, is aborted or overruns its budget:
 * a pattern that backtracks for minutes costs a thread that is killed, never the main thread.
 */
export function runTasks(tasks: readonly RangeTask[], opts: PoolOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    const timers = new Map<Worker, NodeJS.Timeout>();
    let next = 0;
    let finished = 0;
    let settled = false;
    const end = (err?: unknown) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) {
        clearTimeout(timers.get(w));
        void w.terminate();
      }
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => end(cancelled());
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const assign = (w: Worker) => {
      if (next >= tasks.length) return;
      const req: WorkerRequest = { id: next, task: tasks[next]! };
      next += 1;
      w.postMessage(req);
    };
    const onMessage = (w: Worker, m: WorkerReply) => {
      if (settled) return;
      clearTimeout(timers.get(w));
      switch (m.type) {
        case 'read':
          timers.set(
            w,
            setTimeout(() => end(opts.tooSlow(tasks[m.id]!)), opts.budgetMs),
          );
          return;
        case 'chunk':
          opts.onChunk(m.id, m.result);
          return;
        case 'done':
          opts.onDone(m.id);
          finished += 1;
          if (finished === tasks.length) end();
          else assign(w);
          return;
        case 'error':
          end(
            new ContractError((m.error.code as ContractError['code'] | undefined) ?? 'INTERNAL', m.error.message, {
              retryable: m.error.retryable ?? false,
              ...(m.error.details ? { details: m.error.details } : {}),
            }),
          );
      }
    };
    try {
      const entry = workerEntry();
      for (let i = 0; i < Math.max(1, Math.min(opts.size, tasks.length)); i += 1) {
        const argv = entry.execArgv ? { execArgv: entry.execArgv } : {};
        const w = 'code' in entry ? new Worker(entry.code, { ...argv, eval: true }) : new Worker(entry.url, argv);
        running += 1;
        w.once('exit', () => {
          running -= 1;
          if (!settled) end(new ContractError('INTERNAL', 'A search worker stopped unexpectedly.'));
        });
        w.on('error', (err) => end(new ContractError('INTERNAL', `A search worker failed: ${err.message}`, { cause: err })));
        w.on('message', (m: WorkerReply) => {
          try {
            onMessage(w, m);
          } catch (err) {
            end(err);
          }
        });
        workers.push(w);
        assign(w);
      }
    } catch (err) {
      end(err);
    }
  });
}
