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

  // Issue 8 item 17: gaps found by trying credential shapes the first table did not cover.
  it.each([
    ['a password holding @ in a URL', 'GET https://u:p@ss@h.example/x failed', ['p@ss', 'u:p', 'ss@h']],
    ['userinfo without a password', 'clone https://ghp_tok3nvalue@git.example/repo', ['ghp_tok3nvalue']],
    ['a single-quoted value', "config password='hunter two' rejected", ['hunter', 'two']],
    ['a single-quoted key and value', "{'password': 'Sw0rd-Fish'}", ['Sw0rd-Fish']],
    ['a JSON value with an escaped quote', '{"password":"a\\"b-Tail9"}', ['b-Tail9']],
    ['a Basic header', 'Authorization: Basic dXNlcjpQYTU1dzByZA== sent', ['dXNlcjpQYTU1dzByZA']],
    ['a Basic value alone', 'proxy answered 407 to Basic dXNlcjpQYTU1dzByZA==', ['dXNlcjpQYTU1dzByZA']],
    ['a Proxy-Authorization header', 'proxy-authorization: Negotiate YIIabc123def', ['YIIabc123def']],
    ['pwd=', 'connect pwd=Zx9-secretish&user=a', ['Zx9-secretish']],
    ['pass=', 'dsn user=a pass=opensesame42', ['opensesame42']],
    ['"pass":', '{"user":"a","pass":"opensesame42"}', ['opensesame42']],
    ['apiKey', '{"apiKey":"k-1234567890"}', ['k-1234567890']],
    ['api_key', 'api_key=k-0987654321', ['k-0987654321']],
    ['x-api-key header', 'x-api-key: k-5555aaaa', ['k-5555aaaa']],
    ['secret', 'secret=s3cr3t-Value', ['s3cr3t-Value']],
    ['client_secret', 'client_secret=cs-778899', ['cs-778899']],
    ['token', 'token: tk-424242', ['tk-424242']],
    ['a prefixed password key', '{"proxyPassword": "Pr0xy-Pw"}', ['Pr0xy-Pw']],
    ['authorization', 'authorization=Digest username="a", response="abc"', ['Digest username']],
  ])('scrubs %s', (_what, text, secrets) => {
    const out = redact(text);
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out).toContain('[redacted');
  });

  it.each([
    'Basic authentication is not enabled on this server',
    'Secret 42 not found (secretId=42)',
    'The stage did not pass: compass heading',
    'https://ss.example.com/SecretServer/api/v1/secrets?filter.searchText=a@b',
    'Test connection: 3 pass, 1 fail',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redact(text)).toBe(text);
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
    expect(redactDeep({ apiKey: 'k', pwd: 'p', authorization: 'Basic x', secretId: 7, passed: 'yes' })).toEqual({
      apiKey: '[redacted]',
      pwd: '[redacted]',
      authorization: '[redacted]',
      secretId: 7,
      passed: 'yes',
    });
  });
});
