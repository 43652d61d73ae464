import { ContractError, type ErrorCode } from '../../contract/errors';

/** The CANCELLED error of every cancelled operation (retryable: the user may simply start it again). */
export function cancelled(message = 'Cancelled', opts: { details?: Record<string, unknown>; cause?: unknown } = {}): ContractError {
  return new ContractError('CANCELLED', message, { retryable: true, ...opts });
}

/** The message of anything thrown (an Error's message, else its string form). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Turns anything thrown into a ContractError: a ContractError as it is, an AbortError as
 * CANCELLED, anything else as `code` (INTERNAL unless the caller knows better) with its message.
 * Messages are not redacted here; that happens where an error leaves main (`toErrorData`).
 */
export function asContractError(err: unknown, code: ErrorCode = 'INTERNAL'): ContractError {
  if (err instanceof ContractError) return err;
  if (err instanceof Error && err.name === 'AbortError') return cancelled('Cancelled', { cause: err });
  return new ContractError(code, errorMessage(err) || 'Unexpected error', { cause: err });
}
