import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { request } from 'undici';
import { runCli } from '../../../main/cli/index';
import type { CliIO } from '../../../main/cli/command';

describe('engine-console demo --json', () => {
  it('prints exactly one JSON object whose URLs answer, then stops cleanly', async () => {
    const out: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    let printed!: () => void;
    const hasPrinted = new Promise<void>((r) => (printed = r));
    const io: CliIO = {
      out: (l) => {
        out.push(l);
        printed();
      },
      err: (l) => out.push(`ERR ${l}`),
      env: {},
      stopped: () => stopped,
    };
    const exit = runCli(['demo', '--json'], io);
    await hasPrinted;
    expect(out).toHaveLength(1);
    const info = JSON.parse(out[0] ?? '') as {
      secretServer: { url: string; username: string; password: string };
      credentialsCache: Array<{ name: string; url: string; logPath: string }>;
      aws: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
    };
    expect(Object.keys(info).sort()).toEqual(['aws', 'credentialsCache', 'secretServer']);
    expect(Object.keys(info.secretServer).sort()).toEqual(['admin', 'password', 'url', 'username']);
    expect(Object.keys(info.aws).sort()).toEqual(['accessKeyId', 'endpoint', 'region', 'secretAccessKey']);
    expect(info.credentialsCache.map((c) => Object.keys(c).sort())).toEqual([
      ['logPath', 'name', 'url'],
      ['logPath', 'name', 'url'],
    ]);

    const token = await request(`${info.secretServer.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: info.secretServer.username,
        password: info.secretServer.password,
      }).toString(),
    });
    expect(token.statusCode).toBe(200);
    await token.body.text();
    const swagger = await request(`${info.credentialsCache[0]!.url}/swagger/index.html`);
    expect(swagger.statusCode).toBe(200);
    await swagger.body.text();
    expect(existsSync(info.credentialsCache[0]!.logPath)).toBe(true);
    const aws = await request(info.aws.endpoint, { method: 'POST', headers: { 'x-amz-target': 'secretsmanager.ListSecrets' }, body: '{}' });
    await aws.body.text();
    // Unsigned: the simulator answers like AWS (an auth error), which proves it is listening.
    expect(aws.statusCode).toBe(400);

    stop();
    expect(await exit).toBe(0);
  }, 60_000);
});
