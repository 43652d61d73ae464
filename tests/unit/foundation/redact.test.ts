import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from '../../../main/shared/redact';

// AWS's documented example key id, assembled so no credential-shaped literal sits in the source.
const EXAMPLE_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');

describe('redact', () => {
  it.each([
    ['Authorization: Bearer eyJhbGciOi.abc.def failed', 'eyJhbGciOi'],
    ['POST https://app:Pa55w0rd@ss.example.com/oauth2/token', 'Pa55w0rd'],
    ['grant_type=password&username=a&password=Hunter2!&domain=x', 'Hunter2!'],
    ['{"access_token":"tok-123456","expires_in":1200}', 'tok-123456'],
    ['refresh_token=rt-98765 was rejected', 'rt-98765'],
    [`key ${EXAMPLE_KEY_ID} used`, EXAMPLE_KEY_ID],
    ['"secretAccessKey": "wJalrXUtnFEMI/K7MDENG"', 'wJalrXUtnFEMI'],
  ])('scrubs %s', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted');
  });

  it('scrubs values it is told about and keeps ordinary text', () => {
    expect(redact('value is Zebra-Quartz-99 here', ['Zebra-Quartz-99'])).toBe('value is [redacted] here');
    expect(redact('Secret 1234 not found in folder 7')).toBe('Secret 1234 not found in folder 7');
  });

  it('redacts secret-named keys and nested strings in details', () => {
    expect(redactDeep({ password: 'x', nested: { list: ['Bearer abcdef'] }, field: 'username' })).toEqual({
      password: '[redacted]',
      nested: { list: ['Bearer [redacted]'] },
      field: 'username',
    });
  });
});
