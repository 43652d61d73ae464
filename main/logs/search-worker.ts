import { parentPort } from 'node:worker_threads';
import { ContractError } from '../../contract/errors';
import { scanRange, type ChunkResult, type RangeTask } from './search-scan';

/** A message from the search pool to a worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly task: RangeTask;
}

/** A message from a worker to the search pool. */
export type WorkerReply =
  | { readonly id: number; readonly type: 'read' }
  | { readonly id: number; readonly type: 'chunk'; readonly result: ChunkResult }
  | { readonly id: number; readonly type: 'done' }
  | {
      readonly id: number;
      readonly type: 'error';
      readonly error: { code?: string; message: string; details?: Record<string, unknown>; retryable?: boolean };
    };

// Entry of a search worker thread (built to out/main/search-worker.js): runs one range at a
// time. A pattern that backtracks without end blocks this thread only; the pool terminates it.
const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    const post = (m: WorkerReply) => port.postMessage(m);
    scanRange(
      req.task,
      (result) => post({ id: req.id, type: 'chunk', result }),
      () => post({ id: req.id, type: 'read' }),
    ).then(
      () => post({ id: req.id, type: 'done' }),
      (err: unknown) =>
        post({
          id: req.id,
          type: 'error',
          error:
            err instanceof ContractError
              ? { code: err.code, message: err.message, retryable: err.retryable, ...(err.details ? { details: { ...err.details } } : {}) }
              : { message: err instanceof Error ? err.message : String(err) },
        }),
    );
  });
}
