/** Error codes that cross the contract; the renderer switches on these. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'ACCESS_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  'THROTTLED',
  'UNAVAILABLE',
  'NETWORK',
  'TLS',
  'TIMEOUT',
  'BAD_RESPONSE',
  'CANCELLED',
  'STORE_LOCKED',
  'STORE_CORRUPT',
  'FILE',
  'NOT_IMPLEMENTED',
  'INTERNAL',
] as const;

/** One of the contract's error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error half of every reply. `details.field` names the offending field when there is one. */
export interface ContractErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The envelope every channel replies with. */
export type Envelope<T> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: ContractErrorData };

/** An error thrown in main that crosses the contract as data. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, opts: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'ContractError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details;
  }

  /** The plain-data form that crosses a transport. */
  toData(): ContractErrorData {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Rebuilds a throwable error from an envelope's error half (renderer side). */
export function fromErrorData(data: ContractErrorData): ContractError {
  return new ContractError(data.code, data.message, {
    retryable: data.retryable,
    details: data.details ? { ...data.details } : undefined,
  });
}

/** True when `value` has the shape of an error envelope's error half. */
export function isErrorData(value: unknown): value is ContractErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string' &&
    typeof v.retryable === 'boolean'
  );
}
