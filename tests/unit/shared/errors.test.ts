import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/errors';
import { asContractError, cancelled, errorMessage } from '../../../main/shared/errors';
import { toErrorData } from '../../../main/ipc/errors';

describe('error conversion', () => {
  it('keeps a ContractError, reads an AbortError as CANCELLED and anything else as INTERNAL (or the code given)', () => {
    const own = new ContractError('NOT_FOUND', 'gone');
    expect(asContractError(own)).toBe(own);
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    expect(asContractError(abort)).toMatchObject({ code: 'CANCELLED', message: 'Cancelled', retryable: true });
    expect(asContractError(new TypeError('x is undefined'))).toMatchObject({
      code: 'INTERNAL',
      message: 'x is undefined',
      retryable: false,
    });
    expect(asContractError('plain text', 'FILE')).toMatchObject({ code: 'FILE', message: 'plain text' });
    expect(asContractError(new Error('')).message).toBe('Unexpected error');
  });

  it('one CANCELLED constructor: retryable, with optional details', () => {
    expect(cancelled().toData()).toEqual({ code: 'CANCELLED', message: 'Cancelled', retryable: true });
    expect(cancelled('Stopped', { details: { url: 'https://x/' } }).toData()).toEqual({
      code: 'CANCELLED',
      message: 'Stopped',
      retryable: true,
      details: { url: 'https://x/' },
    });
  });

  it('the envelope form is the converted error, redacted', () => {
    expect(toErrorData(new Error('login failed: password=hunter22'))).toEqual({
      code: 'INTERNAL',
      message: 'login failed: password=[redacted]',
      retryable: false,
    });
    expect(errorMessage(42)).toBe('42');
  });
});
