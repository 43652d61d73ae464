import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getToken, secretChanged } from '../../../main/credentials-cache';
import { classifyCacheLogLine, confirmRefreshFromLog, markCacheLog } from '../../../main/credentials-cache/confirm';
import { createHttpClient } from '../../../main/http';
import { LogService } from '../../../main/logs/service';
import { startCredentialsCacheSimulator, type CredentialsCacheSimulator } from '../../../simulators/credentials-cache';
import { startSecretServerSimulator, type SecretServerSimulator } from '../../../simulators/secret-server';

// The Fleet refresh says "accepted" after a 202 and then reads the instance's own log for the outcome.
let ss: SecretServerSimulator;
let cache: CredentialsCacheSimulator;
let secretId: number;
const logs = new LogService();
const http = createHttpClient({ sleep: async () => undefined });

beforeAll(async () => {
  ss = await startSecretServerSimulator();
  const seed = ss.seed!;
  secretId = ss.state.addSecret('db-prod-sa', {
    templateId: seed.passwordTemplateId,
    folderId: seed.rootFolderId,
    values: { Password: 'x-1' },
  }).id;
  cache = await startCredentialsCacheSimulator({ basePath: '/DelineaCredCache' });
});
afterAll(async () => {
  await cache.close();
  await ss.close();
});

/** Asks the cache to refresh `id` the way Fleet does: mark the log, send, confirm. */
async function refreshAndConfirm(id: number, logPath: string | undefined, windowMs = 10_000) {
  const instance = { id: 'e1', name: 'engine01', url: cache.url };
  const token = await getToken(http, instance, { username: ss.seed!.adminUserName, password: ss.seed!.adminPassword, baseUrl: ss.url });
  const since = new Date();
  const after = await markCacheLog(logs, logPath);
  expect(await secretChanged(http, instance, token, id)).toBe(202);
  return confirmRefreshFromLog({ logs, logPath, secretId: id, since, after, windowMs, pollMs: 50 });
}

describe('confirming a refresh from the Credentials Cache log', () => {
  it('an existing secret: refreshed, with the line that says so', async () => {
    const c = await refreshAndConfirm(secretId, cache.settings().LogPath);
    expect(c).toMatchObject({ state: 'refreshed' });
    expect(c.line).toContain(`Cache updated for secretId=${secretId}`);
  });

  it('a secret that does not exist: failed, with the cache’s reason (the 202 alone would say success)', async () => {
    const c = await refreshAndConfirm(999_999, cache.settings().LogPath);
    expect(c).toMatchObject({ state: 'failed', reason: 'Secret Server answered HTTP 404' });
    expect(c.line).toContain('[ERR] Failed to refresh secretId=999999');
  });

  it('an earlier failure of the same secret in the log is not taken for this refresh', async () => {
    cache.writeLog('ERR', `Failed to refresh secretId=${secretId}: Secret Server answered HTTP 500`);
    expect(await refreshAndConfirm(secretId, cache.settings().LogPath)).toMatchObject({ state: 'refreshed' });
  });

  it('the install folder works too (appsettings.json → LogPath)', async () => {
    expect(await refreshAndConfirm(secretId, cache.installDir)).toMatchObject({ state: 'refreshed' });
  });

  it('not confirmed: logging off, no log path, a log folder that does not exist', async () => {
    cache.updateSettings({ EnableLogging: false });
    try {
      const off = await refreshAndConfirm(secretId, cache.installDir);
      expect(off.state).toBe('not-confirmed');
      expect(off.reason).toMatch(/^Logging is off \(EnableLogging is false in .*appsettings\.json\)/);
    } finally {
      cache.updateSettings({ EnableLogging: true });
    }
    expect(await refreshAndConfirm(secretId, undefined)).toEqual({
      state: 'not-confirmed',
      reason: 'No log path is set for this instance, so its log cannot confirm the refresh.',
    });
    const missing = join(mkdtempSync(join(tmpdir(), 'cc-confirm-')), 'nope');
    const gone = await refreshAndConfirm(secretId, missing, 200);
    expect(gone.state).toBe('not-confirmed');
    expect(gone.reason).toMatch(/^The log is not reachable: .*nope/);
  });

  it('not confirmed when the log only shows the request within the window', async () => {
    const logPath = cache.settings().LogPath;
    const since = new Date();
    const after = await markCacheLog(logs, logPath);
    cache.writeLog('INF', 'SecretChanged received for secretId=424242');
    const c = await confirmRefreshFromLog({ logs, logPath, secretId: 424242, since, after, windowMs: 200, pollMs: 50 });
    expect(c).toEqual({
      state: 'not-confirmed',
      reason: 'The cache logged the request but no outcome for secret 424242 within 200 ms.',
      line: expect.stringContaining('SecretChanged received for secretId=424242'),
    });
  });

  it('reads other wordings of the outcome, and never mistakes another secret id', () => {
    expect(classifyCacheLogLine('Failed to refresh secretId=12: Secret Server answered HTTP 404', 12)).toEqual({
      kind: 'failed',
      reason: 'Secret Server answered HTTP 404',
    });
    expect(classifyCacheLogLine('Failed to refresh secretId=123: boom', 12)).toEqual({ kind: 'other' });
    expect(classifyCacheLogLine('Refresh of SecretId: "12" failed - timeout', 12)).toMatchObject({ kind: 'failed' });
    expect(classifyCacheLogLine('Cache updated for secretId=12', 12)).toEqual({ kind: 'refreshed' });
    expect(classifyCacheLogLine('Secret 12 refreshed (secret id 12)', 12)).toEqual({ kind: 'refreshed' });
    expect(classifyCacheLogLine('SecretChanged received for secretId=12', 12)).toEqual({ kind: 'received' });
    expect(classifyCacheLogLine('Credential served from cache for secretId=12', 12)).toEqual({ kind: 'other' });
  });
});
