import { describe, expect, it } from 'vitest';
import { fieldFromModelState, secretServerError } from '../../../main/secret-server';

const res = (status: number, body: unknown, type = 'application/json') => ({
  status,
  headers: { 'content-type': type },
  text: typeof body === 'string' ? body : JSON.stringify(body),
  url: 'https://ss.example/SecretServer/api/v1/x',
});

describe('secretServerError', () => {
  it('maps the vendor error shapes to contract codes', () => {
    expect(secretServerError(res(400, { errorCode: 'API_AccessDenied', message: 'Access Denied' })).code).toBe('ACCESS_DENIED');
    const v = secretServerError(
      res(400, { message: 'The request is invalid.', modelState: { 'args.Data.EventPipelineName': ['Required.'] } }),
    );
    expect(v.code).toBe('VALIDATION');
    expect(v.details?.field).toBe('data.eventPipelineName');
    expect(secretServerError(res(403, { message: 'Authentication failed' })).code).toBe('UNAUTHENTICATED');
    expect(secretServerError(res(401, {})).code).toBe('UNAUTHENTICATED');
    expect(secretServerError(res(404, { message: 'nope' })).code).toBe('NOT_FOUND');
    const e500 = secretServerError(
      res(500, { message: 'An error has occurred.', exceptionMessage: 'boom', exceptionType: 'X', stackTrace: '' }),
    );
    expect(e500.code).toBe('UNAVAILABLE');
    expect(e500.message).toContain('boom');
    expect(secretServerError(res(503, {})).retryable).toBe(true);
    expect(secretServerError(res(200, '<html><title>Login</title></html>', 'text/html')).code).toBe('BAD_RESPONSE');
  });

  it('redacts secrets from server messages', () => {
    const e = secretServerError(res(400, { message: 'bad password=hunter22 token: abcdef' }), ['hunter22']);
    expect(e.message).not.toContain('hunter22');
    expect(e.message).not.toContain('abcdef');
  });

  it('names fields the way the console does', () => {
    expect(fieldFromModelState('args.Name')).toBe('name');
    expect(fieldFromModelState('args')).toBe('');
  });
});
