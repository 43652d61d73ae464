import { describe, expect, it } from 'vitest';
import type { CorrelatedLine, RunStatus } from '../../../contract/channels/activity';
import { CAUSE_RULES, classifyRun } from '../../../main/activity/causes';

const failed = (notes: string, extra: Partial<Parameters<typeof classifyRun>[0]> = {}) =>
  classifyRun({ status: 'Failed', tasks: [{ status: 'Failed', notes }], ...extra });

const line = (text: string, instance = 'Engine host HQ', kind: CorrelatedLine['kind'] = 'cache'): CorrelatedLine => ({
  instance,
  kind,
  path: '/logs/credcache-20250131.log',
  offset: 0,
  time: '2025-01-31T14:02:11.123Z',
  level: 'warn',
  text,
  match: 'window',
});

describe('probable cause rules', () => {
  it('engine-offline: Secret Server found no online engine in the run site, and names the engines that are down', () => {
    const c = failed('Site (DMZ) engines are not currently online.', {
      engines: [
        {
          id: 7,
          name: 'dmz-engine-01',
          host: 'dmz01',
          connection: 'Offline',
          activation: 'Activated',
          onlineNow: false,
          lastConnected: null,
        },
      ],
    });
    expect(c?.code).toBe('engine-offline');
    expect(c?.evidence).toEqual([
      'Site (DMZ) engines are not currently online.',
      'Engines of the site now: dmz-engine-01: Offline/Activated',
    ]);
    expect(c?.fix).toMatch(/Thycotic Distributed Engine/);
  });

  it('script-timeout: the engine stopped the script at the maximum run time', () => {
    const c = failed(
      'Requesting JWT token...\n❌ Token request failed: The script exceeded the maximum run time of 5 minute(s) and was stopped.',
    );
    expect(c?.code).toBe('script-timeout');
    expect(c?.fix).toMatch(/Maximum Script Run Time/);
  });

  it('tls-trust: Windows PowerShell could not establish trust for the cache certificate', () => {
    const c = failed(
      'Requesting JWT token...\n❌ Token request failed: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.',
    );
    expect(c?.code).toBe('tls-trust');
    expect(c?.evidence[0]).toMatch(/trust relationship/);
  });

  it('tls-trust also from the PowerShell 7 wording', () => {
    expect(failed('The SSL connection could not be established, see inner exception.')?.code).toBe('tls-trust');
  });

  it('cache-unreachable: connection refused by the cache host', () => {
    const c = failed(
      'Requesting JWT token...\n❌ Token request failed: Unable to connect to the remote server. No connection could be made because the target machine actively refused it.',
    );
    expect(c?.code).toBe('cache-unreachable');
    expect(c?.fix).toMatch(/CREDCACHEURL/);
  });

  it('cache-unreachable: name not resolved', () => {
    expect(failed("❌ Token request failed: The remote name could not be resolved: 'credcache.corp.example'")?.code).toBe(
      'cache-unreachable',
    );
  });

  it('confidential-args-blocked: a 400 from /api/token and the cache saying the password field was empty', () => {
    const c = failed('Requesting JWT token...\n❌ Token request failed: The remote server returned an error: (400) Bad Request.', {
      lines: [
        line('2025-01-31 14:02:11.123 +00:00 [WRN] Token request rejected: the Password field is required (user svc-engine-console)'),
      ],
    });
    expect(c?.code).toBe('confidential-args-blocked');
    expect(c?.instance).toBe('Engine host HQ');
    expect(c?.fix).toMatch(/Allow Confidential Secret Fields/);
  });

  it('token-rejected: 401 from /api/token, with the cache log line as evidence', () => {
    const c = failed('Requesting JWT token...\n❌ Token request failed: The remote server returned an error: (401) Unauthorized.', {
      lines: [
        line('2025-01-31 14:02:11.123 +00:00 [WRN] Token request failed for user svc-engine-console: Secret Server answered HTTP 400'),
      ],
    });
    expect(c?.code).toBe('token-rejected');
    expect(c?.fix).toMatch(/answered 401/);
    expect(c?.evidence).toHaveLength(2);
    expect(c?.instance).toBe('Engine host HQ');
  });

  it('token-rejected: a 400 with no sign of a blank password stays token-rejected', () => {
    expect(failed('❌ Token request failed: The remote server returned an error: (400) Bad Request.')?.code).toBe('token-rejected');
  });

  it('secretchanged-rejected: the token worked, the refresh call was refused; the fix follows the status', () => {
    const notes = (status: string) =>
      `Requesting JWT token...\nJWT token retrieved successfully.\nCalling SecretChanged API...\n❌ SecretChanged API failed.\nThe remote server returned an error: ${status}.`;
    const c401 = failed(notes('(401) Unauthorized'));
    expect(c401?.code).toBe('secretchanged-rejected');
    expect(c401?.fix).toMatch(/answered 401: the token was not accepted/);
    expect(failed(notes('(404) Not Found'))?.fix).toMatch(/IIS application folder/);
    expect(failed(notes('(500) Internal Server Error'))?.fix).toMatch(/answered 500/);
  });

  it('script-error: a failure the known causes do not explain, e.g. a 404 on /api/token or a missing script', () => {
    expect(failed('Requesting JWT token...\n❌ Token request failed: The remote server returned an error: (404) Not Found.')?.code).toBe(
      'script-error',
    );
    expect(failed('Script 4711 not found.')?.code).toBe('script-error');
  });

  it('unclassified: a failed run whose notes say nothing known keeps the raw notes and guesses nothing', () => {
    const c = failed('Completed with state: Halted');
    expect(c).toMatchObject({ code: 'unclassified', evidence: [], rawNotes: 'Completed with state: Halted' });
    expect(failed('')?.rawNotes).toBe('(the failed task has no notes)');
  });

  it('success-but-cache-not-refreshed: Success, but the notes show the seed script swallowed a failed secretchanged call', () => {
    const c = classifyRun({
      status: 'Success',
      tasks: [
        {
          status: 'Success',
          notes:
            'Success\nRequesting JWT token...\nJWT token retrieved successfully.\nCalling SecretChanged API...\n❌ SecretChanged API failed.\nThe remote server returned an error: (503) Server Unavailable.',
        },
      ],
    });
    expect(c?.code).toBe('success-but-cache-not-refreshed');
    expect(c?.fix).toMatch(/exit 1/);
  });

  it("success-but-cache-not-refreshed: Success and 202, but the cache's own log says its refresh failed", () => {
    const c = classifyRun({
      status: 'Success',
      tasks: [{ status: 'Success', notes: 'Success\nCalling SecretChanged API...\n✅ Secret cached successfully.' }],
      lines: [line('[ERR] Failed to refresh secretId=1031: Secret Server answered HTTP 403', 'Engine host Branch')],
    });
    expect(c).toMatchObject({ code: 'success-but-cache-not-refreshed', instance: 'Engine host Branch' });
  });

  it('a clean success and runs still going have no cause', () => {
    expect(classifyRun({ status: 'Success', tasks: [{ status: 'Success', notes: 'Success\n✅ Secret cached successfully.' }] })).toBeNull();
    for (const status of ['Processing', 'Pending', 'Scheduled', 'Skipped'] as RunStatus[])
      expect(classifyRun({ status, tasks: [{ status: 'Pending', notes: '' }] })).toBeNull();
  });

  it('reads the failed task only: a later skipped task or an earlier success does not mislead it', () => {
    const c = classifyRun({
      status: 'Failed',
      tasks: [
        { status: 'Success', notes: 'Success: Audit written (token request failed last week)' },
        { status: 'Failed', notes: '❌ Token request failed: Unable to connect to the remote server.' },
        { status: 'Skipped', notes: '' },
      ],
    });
    expect(c?.code).toBe('cache-unreachable');
  });

  it('redacts credentials that appear in notes', () => {
    const c = failed('Invoke-RestMethod -Body "Password=Hunter2-Secret!" failed: error');
    expect(JSON.stringify(c)).not.toContain('Hunter2-Secret!');
  });

  it('every code the contract lists has a rule or is the fallback', () => {
    const codes = new Set(CAUSE_RULES.map((r) => r.code));
    for (const code of [
      'cache-unreachable',
      'token-rejected',
      'secretchanged-rejected',
      'tls-trust',
      'script-timeout',
      'engine-offline',
      'confidential-args-blocked',
      'script-error',
      'success-but-cache-not-refreshed',
    ] as const)
      expect(codes.has(code)).toBe(true);
  });
});
