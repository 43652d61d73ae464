import { describe, expect, it } from 'vitest';
import { cacheRefreshScript, lineDiff } from '../../../main/wizards/cache-pipeline/script-template';
import { scriptArgs, unknownTokens } from '../../../main/wizards/cache-pipeline/catalogue';
import { scriptTraits } from '../../../simulators/secret-server/script-exec';

describe('the cache refresh script template', () => {
  const safe = cacheRefreshScript({ labSkipCertificateCheck: false });
  const lab = cacheRefreshScript({ labSkipCertificateCheck: true });

  it('uses TLS 1.2, checks certificates, and only a lab script turns that off, with a warning', () => {
    expect(safe).toMatch(/SecurityProtocolType\]::Tls12/);
    expect(safe).not.toMatch(/ServerCertificateValidationCallback/);
    expect(scriptTraits(safe).skipsCertificateCheck).toBe(false);
    expect(lab).toMatch(/ServerCertificateValidationCallback = \{ \$true \}/);
    expect(lab).toMatch(/Write-Warning "LAB ONLY/);
    expect(scriptTraits(lab).skipsCertificateCheck).toBe(true);
  });

  it('throws when the secretchanged call fails, so the run shows Failed', () => {
    expect(scriptTraits(safe).secretChangedFailureFails).toBe(true);
    expect(safe).toMatch(/\$ErrorActionPreference = 'Stop'/);
  });

  it('keeps every request and all retries well under the 5-minute script limit', () => {
    const timeout = Number(/\$TimeoutSec\s*=\s*(\d+)/.exec(safe)?.[1]);
    const attempts = Number(/\$MaxAttempts\s*=\s*(\d+)/.exec(safe)?.[1]);
    const pause = Number(/\$PauseSec\s*=\s*(\d+)/.exec(safe)?.[1]);
    expect(timeout).toBeGreaterThan(0);
    // Two calls (token, secretchanged), each with its attempts and pauses.
    expect(2 * (attempts * timeout + (attempts - 1) * pause)).toBeLessThanOrEqual(150);
    expect(safe).toMatch(/Test-Transient/);
  });

  it('never writes the password or the token', () => {
    const said = safe
      .split('\n')
      .filter((l) => /Write-(Host|Warning|Error|Output)|throw |\$Reason =/.test(l))
      .flatMap((l) => l.match(/"[^"]*"/g) ?? []);
    expect(said.length).toBeGreaterThan(5);
    for (const text of said) expect(text).not.toMatch(/\$Password|\$AccessToken|\$TokenResponse|\$Headers|\$TokenBody/);
  });

  it('diffs an existing script against the generated one', () => {
    expect(lineDiff(safe, safe)).toBe('');
    const d = lineDiff(safe.replace('$TimeoutSec  = 20', '$TimeoutSec  = 600'), safe);
    expect(d).toContain('-$TimeoutSec  = 600');
    expect(d).toContain('+$TimeoutSec  = 20');
    expect(d.split('\n').length).toBeLessThan(12);
  });
});

describe('script arguments', () => {
  it('are built from the template slugs and every token is checked', () => {
    const args = scriptArgs(['tenanturl', 'clientid']);
    expect(args).toBe('$ItemId $[ADD:1]$tenanturl $[ADD:1]$clientid');
    expect(unknownTokens(args, ['tenanturl', 'clientid'])).toEqual([]);
    // The seed's arguments do not match its own template's fields.
    expect(
      unknownTokens('$ItemId $[ADD:1]$URL $[ADD:1]$USERNAME $[ADD:1]$CREDCACHEURL', ['tenanturl', 'clientid', 'credcacheurl']),
    ).toEqual(['$[ADD:1]$URL', '$[ADD:1]$USERNAME']);
  });
});
