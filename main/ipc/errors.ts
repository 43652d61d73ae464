import { ContractError, type ContractErrorData } from '../../contract';
import type { z } from 'zod';
import { redact, redactDeep } from '../shared/redact';
import { asContractError } from '../shared/errors';

/** Turns a zod failure into a VALIDATION error that names the first offending field. */
export function validationError(error: z.ZodError, channel: string): ContractError {
  const issues = error.issues.slice(0, 10).map((i) => ({
    field: i.path.length ? i.path.join('.') : '(request)',
    message: i.message,
  }));
  const first = issues[0];
  return new ContractError(
    'VALIDATION',
    first ? `Invalid request for ${channel}: ${first.field}: ${first.message}` : `Invalid request for ${channel}`,
    { details: { field: first?.field, issues } },
  );
}

/** Maps anything thrown by a service to the contract's error data (through `asContractError`), scrubbed of secrets. */
export function toErrorData(err: unknown): ContractErrorData {
  const data = asContractError(err).toData();
  return {
    ...data,
    message: redact(data.message),
    ...(data.details ? { details: redactDeep(data.details) } : {}),
  };
}
