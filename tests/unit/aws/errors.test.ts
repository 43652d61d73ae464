import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/errors';
import { codeForAwsError, toContractError } from '../../../main/aws';

// AWS's documented example key id, assembled so no credential-shaped literal sits in the source.
const EXAMPLE_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');

function sdkError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1 } });
}

describe('AWS error mapping', () => {
  it.each([
    ['ResourceNotFoundException', 'NOT_FOUND', false],
    ['AccessDeniedException', 'ACCESS_DENIED', false],
    ['ThrottlingException', 'THROTTLED', true],
    ['LimitExceededException', 'THROTTLED', false],
    ['UnrecognizedClientException', 'UNAUTHENTICATED', false],
    ['InvalidSignatureException', 'UNAUTHENTICATED', false],
    ['InvalidRequestException', 'CONFLICT', false],
    ['ResourceExistsException', 'CONFLICT', false],
    ['InvalidParameterException', 'VALIDATION', false],
    ['ValidationException', 'VALIDATION', false],
    ['InternalServiceError', 'UNAVAILABLE', true],
  ] as const)('maps %s to %s', (name, code, retryable) => {
    expect(codeForAwsError(name)).toEqual({ code, retryable });
  });

  it('treats an unknown 5xx as UNAVAILABLE', () => {
    expect(codeForAwsError('SomethingNew', 502).code).toBe('UNAVAILABLE');
  });

  it('keeps the AWS name, status and request id in details and adds a fix hint', () => {
    const e = toContractError(sdkError('AccessDeniedException', 'User: x is not authorized'), {
      operation: 'GetSecretValue',
      secretId: 'a/b',
    });
    expect(e.code).toBe('ACCESS_DENIED');
    expect(e.message).toContain('AWS GetSecretValue (a/b) failed: AccessDeniedException');
    expect(e.message).toContain('Add secretsmanager:GetSecretValue');
    expect(e.details).toMatchObject({ awsError: 'AccessDeniedException', status: 400, requestId: 'req-1', operation: 'GetSecretValue' });
  });

  it('redacts keys and passwords that appear in messages', () => {
    const e = toContractError(sdkError('ValidationException', `bad value password=hunter2 for ${EXAMPLE_KEY_ID}`));
    expect(e.message).not.toContain('hunter2');
    expect(e.message).not.toContain(EXAMPLE_KEY_ID);
  });

  it('passes ContractErrors through and maps aborts to CANCELLED', () => {
    const original = new ContractError('VALIDATION', 'x');
    expect(toContractError(original)).toBe(original);
    expect(toContractError(Object.assign(new Error('aborted'), { name: 'AbortError' })).code).toBe('CANCELLED');
  });

  it('maps a transport error without an HTTP status to NETWORK', () => {
    const e = toContractError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), {
      endpoint: 'http://127.0.0.1:1',
    });
    expect(e.code).toBe('NETWORK');
    expect(e.retryable).toBe(true);
  });
});
