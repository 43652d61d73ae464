import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../../main/app/context';
import { ConnectionService } from '../../../main/connections/service';
import { transportOf } from '../../../main/connections/resolve';
import { splitUrlCredentials } from '../../../main/connections/url-credentials';
import { testContext, testServices } from '../foundation/helpers';

/** A fresh service over the context's data folder (it reads profiles.json as a new start would). */
const connectionsFor = (ctx: AppContext) => new ConnectionService(ctx);

// Issue 8 item 12: credentials inside URLs must never reach profiles.json or connections:list.
const PROXY_PW = 'Pr0xy-Pa55@word';
const ss = {
  kind: 'secret-server',
  name: 'Prod SS',
  baseUrl: 'https://ss.corp.example/SecretServer',
  username: 'svc-console',
  password: 'S3cret-Pa55!',
} as const;

function rig() {
  const { ctx, router } = testServices();
  const call = (channel: string, payload: unknown) => router.dispatch(channel, payload);
  const file = () => readFileSync(join(ctx.dataDir, 'profiles.json'), 'utf8');
  return { ctx, call, file };
}

describe('proxy credentials', () => {
  it('a proxy URL typed with user:password is split: user name kept, password to the secret store, flag in the view', async () => {
    const { ctx, call, file } = rig();
    const env = await call('connections:create', {
      profile: { ...ss, proxyUrl: `http://proxy-user:${encodeURIComponent(PROXY_PW)}@proxy.corp.example:3128` },
    });
    expect(env).toMatchObject({
      ok: true,
      result: { proxyUrl: 'http://proxy.corp.example:3128', proxyUsername: 'proxy-user', hasProxyPassword: true },
    });
    const listed = JSON.stringify(await call('connections:list', {}));
    for (const text of [listed, file(), JSON.stringify(env)]) {
      expect(text).not.toContain('Pr0xy-Pa55');
      expect(text).not.toContain(encodeURIComponent(PROXY_PW));
    }
    const p = connectionsFor(ctx).store.list()[0]!;
    expect(transportOf(connectionsFor(ctx).store, p)).toEqual({
      proxyUrl: 'http://proxy.corp.example:3128',
      proxyAuth: { username: 'proxy-user', password: PROXY_PW },
    });
  });

  it('takes the proxy password as a write-only field, keeps it on edits without one, and drops it with the proxy', async () => {
    const { ctx, call, file } = rig();
    const created = (await call('connections:create', {
      profile: { ...ss, proxyUrl: 'http://proxy.corp.example:3128', proxyUsername: 'pu', proxyPassword: PROXY_PW },
    })) as { ok: true; result: { id: string; hasProxyPassword: boolean } };
    expect(created.result.hasProxyPassword).toBe(true);
    expect(file()).not.toContain(PROXY_PW);
    const id = created.result.id;
    const { password: _pw, ...noPassword } = ss;
    await call('connections:update', { id, profile: { ...noPassword, proxyUrl: 'http://proxy.corp.example:3128', proxyUsername: 'pu' } });
    expect(ctx.secrets.get(`connections/${id}/proxyPassword`)).toBe(PROXY_PW);
    expect(await call('connections:update', { id, profile: noPassword })).toMatchObject({ ok: true, result: { hasProxyPassword: false } });
    expect(ctx.secrets.get(`connections/${id}/proxyPassword`)).toBeUndefined();
  });

  it('refuses credentials in the URL that differ from the fields, naming proxyUrl', async () => {
    const { call } = rig();
    expect(
      await call('connections:create', {
        profile: { ...ss, proxyUrl: 'http://a:one@proxy.corp.example:3128', proxyPassword: 'two' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: 'proxyUrl' } } });
  });
});

describe('credentials in server URLs', () => {
  it.each([
    ['baseUrl', { ...ss, baseUrl: 'https://admin:Hunter2@ss.corp.example/SecretServer' }],
    ['url', { kind: 'credentials-cache', name: 'C', url: 'https://u:Hunter2@engine01.corp.example/DelineaCredCache' }],
    [
      'endpoint',
      { kind: 'aws', name: 'A', region: 'us-east-1', credentialSource: 'default-chain', endpoint: 'https://k:Hunter2@aws.example' },
    ],
    ['baseUrl', { ...ss, baseUrl: 'https://only-user@ss.corp.example/SecretServer' }],
  ])('refuses user:password in %s with a VALIDATION error naming the field', async (field, profile) => {
    const { call } = rig();
    const env = await call('connections:create', { profile });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { field: `profile.${field}` } } });
    expect(JSON.stringify(env)).not.toContain('Hunter2');
    expect((await call('connections:list', {})) as { result: unknown[] }).toMatchObject({ ok: true, result: [] });
  });
});

describe('profiles.json written by an older version', () => {
  it('moves credentials out of its URLs on load: proxy password to the store, the file rewritten, the user told', () => {
    const ctx = testContext();
    const file = join(ctx.dataDir, 'profiles.json');
    const at = '2025-01-01T00:00:00.000Z';
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        profiles: [
          {
            kind: 'secret-server',
            id: 'old-1',
            name: 'Old SS',
            baseUrl: 'https://admin:Base-Pw-77@ss.corp.example/SecretServer',
            username: 'svc',
            proxyUrl: `http://legacy:${encodeURIComponent(PROXY_PW)}@proxy.corp.example:8080`,
            createdAt: at,
            updatedAt: at,
          },
          {
            kind: 'credentials-cache',
            id: 'old-2',
            name: 'Old cache',
            url: 'https://engine.corp.example/Cache',
            createdAt: at,
            updatedAt: at,
          },
        ],
      }),
    );
    const service = connectionsFor(ctx);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('Pr0xy-Pa55');
    expect(text).not.toContain('Base-Pw-77');
    expect(JSON.parse(text).profiles[0]).toMatchObject({
      baseUrl: 'https://ss.corp.example/SecretServer',
      proxyUrl: 'http://proxy.corp.example:8080',
      proxyUsername: 'legacy',
    });
    expect(ctx.secrets.get('connections/old-1/proxyPassword')).toBe(PROXY_PW);
    expect(service.list().map((p) => [p.name, p.hasProxyPassword])).toEqual([
      ['Old SS', true],
      ['Old cache', false],
    ]);
    const notice = ctx.notices
      .all()
      .map((n) => n.message)
      .join('\n');
    expect(notice).toContain('"Old SS"');
    expect(notice).toMatch(/proxyUrl/);
    expect(notice).toMatch(/baseUrl/);
    expect(notice).not.toContain('Base-Pw-77');
    // A second load finds nothing to move and says nothing.
    const again = testContext();
    writeFileSync(join(again.dataDir, 'profiles.json'), text);
    connectionsFor(again).list();
    expect(again.notices.all()).toEqual([]);
  });
});

describe('splitUrlCredentials', () => {
  it.each([
    ['http://u:p@h:1', { url: 'http://h:1', username: 'u', password: 'p' }],
    ['http://u:p%40ss@h', { url: 'http://h', username: 'u', password: 'p@ss' }],
    ['http://u:p@ss@h/x?y=a@b', { url: 'http://h/x?y=a@b', username: 'u', password: 'p@ss' }],
    ['http://u@h', { url: 'http://h', username: 'u' }],
    ['http://h:3128', { url: 'http://h:3128' }],
    ['https://h/path@x', { url: 'https://h/path@x' }],
  ])('%s', (url, expected) => {
    expect(splitUrlCredentials(url)).toEqual(expected);
  });
});
