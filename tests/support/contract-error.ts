import { expect } from 'vitest';
import { ContractError } from '../../contract/errors';

/** Awaits a promise that must reject with a ContractError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<ContractError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContractError);
  return err as ContractError;
}
