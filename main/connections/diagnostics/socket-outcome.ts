import type { Socket } from 'node:net';
import { fail, type StageOutcome } from './stage';

/**
 * Settles a stage from a socket: the first of the events `wire` listens to, a timeout or a
 * cancel wins, and the socket is always closed (a diagnostic never sends anything).
 */
export function socketOutcome(
  socket: Socket,
  signal: AbortSignal,
  timeoutMs: number,
  onTimeout: () => StageOutcome,
  wire: (done: (o: StageOutcome) => void) => void,
): Promise<StageOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: StageOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(o);
    };
    const onAbort = () => done(fail('Cancelled.', 'Run the test again.'));
    const timer = setTimeout(() => done(onTimeout()), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    wire(done);
  });
}
