import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasConnections } from '../../../main/settings/has-connections';
import { testContext, testServices } from '../foundation/helpers';

const ss = {
  kind: 'secret-server',
  name: 'Prod SS',
  baseUrl: 'https://ss.corp.example/SecretServer',
  username: 'svc-console',
  password: 'S3cret-Pa55!',
} as const;

function rig() {
  const { ctx, router } = testServices();
  const call = async (channel: string, payload: unknown) => router.dispatch(channel, payload);
  return { ctx, router, call };
}

describe('connection profile store', () => {
  it('keeps credentials in the secret store only and returns flags instead', async () => {
    const { ctx, call } = rig();
    const env = await call('connections:create', { profile: ss });
    expect(env).toMatchObject({ ok: true, result: { name: 'Prod SS', hasPassword: true } });
    expect(JSON.stringify(env)).not.toContain('S3cret-Pa55!');
    const file = readFileSync(join(ctx.dataDir, 'profiles.json'), 'utf8');
    expect(file).not.toContain('S3cret-Pa55!');
    expect(ctx.secrets.keys().some((k) => ctx.secrets.get(k) === 'S3cret-Pa55!')).toBe(true);
    expect(hasConnections(ctx.dataDir)).toBe(true);
  });

  it('keeps the stored password when an edit sends none, replaces it when one is sent', async () => {
    const { ctx, call } = rig();
    const created = (await call('connections:create', { profile: ss })) as { result: { id: string } };
    const id = created.result.id;
    const { password: _omit, ...noPassword } = ss;
    expect(await call('connections:update', { id, profile: { ...noPassword, username: 'other' } })).toMatchObject({
      ok: true,
      result: { username: 'other', hasPassword: true },
    });
    expect(ctx.secrets.keys().map((k) => ctx.secrets.get(k))).toContain('S3cret-Pa55!');
    await call('connections:update', { id, profile: { ...ss, password: 'New-Pa55word!' } });
    expect(ctx.secrets.keys().map((k) => ctx.secrets.get(k))).toContain('New-Pa55word!');
    expect(ctx.secrets.keys().map((k) => ctx.secrets.get(k))).not.toContain('S3cret-Pa55!');
  });

  it('names the field of every validation problem', async () => {
    const { call } = rig();
    expect(await call('connections:create', { profile: { ...ss, baseUrl: 'ss.corp.example' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'profile.baseUrl' } },
    });
    const { password: _p, ...noPassword } = ss;
    expect(await call('connections:create', { profile: noPassword })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'password' } },
    });
    expect(
      await call('connections:create', {
        profile: { kind: 'aws', name: 'a', region: 'us-east-1', credentialSource: 'static', accessKeyId: 'EXAMPLEABCDEFGHIJKLMNOP' },
      }),
    ).toMatchObject({
      ok: false,
      error: { details: { field: 'secretAccessKey' } },
    });
    expect(
      await call('connections:create', { profile: { kind: 'aws', name: 'a', region: 'Frankfurt', credentialSource: 'default-chain' } }),
    ).toMatchObject({
      ok: false,
      error: { details: { field: 'profile.region' } },
    });
    expect(
      await call('connections:create', {
        profile: { kind: 'credentials-cache', name: 'c', url: 'http://h', secretServerProfileId: 'missing' },
      }),
    ).toMatchObject({
      ok: false,
      error: { details: { field: 'secretServerProfileId' } },
    });
  });

  it('refuses duplicate names per kind and changing a profile kind', async () => {
    const { call } = rig();
    const { result } = (await call('connections:create', { profile: ss })) as { result: { id: string } };
    expect(await call('connections:create', { profile: { ...ss, name: 'prod ss' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { field: 'name' } },
    });
    expect(
      await call('connections:update', {
        id: result.id,
        profile: { kind: 'aws', name: 'x', region: 'us-east-1', credentialSource: 'default-chain' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'kind' } },
    });
  });

  it('delete removes the profile, its credentials, and the file with the last profile', async () => {
    const { ctx, call } = rig();
    const { result } = (await call('connections:create', { profile: ss })) as { result: { id: string } };
    expect(await call('connections:delete', { id: result.id })).toMatchObject({ ok: true, result: { deleted: true } });
    expect(ctx.secrets.keys()).toEqual([]);
    expect(hasConnections(ctx.dataDir)).toBe(false);
    expect(await call('connections:delete', { id: result.id })).toMatchObject({ ok: true, result: { deleted: false } });
  });

  it('switching an AWS profile away from static keys forgets the keys', async () => {
    const { ctx, call } = rig();
    const aws = {
      kind: 'aws',
      name: 'aws',
      region: 'eu-west-1',
      credentialSource: 'static',
      accessKeyId: 'EXAMPLEABCDEFGHIJKLMNOP',
      secretAccessKey: 'abcdefgh12345678',
    };
    const { result } = (await call('connections:create', { profile: aws })) as { result: { id: string; accessKeyIdHint: string } };
    expect(result.accessKeyIdHint).toBe('…MNOP');
    await call('connections:update', {
      id: result.id,
      profile: { kind: 'aws', name: 'aws', region: 'eu-west-1', credentialSource: 'default-chain' },
    });
    expect(ctx.secrets.keys()).toEqual([]);
  });

  it('a corrupt profiles.json is backed up, the list starts empty and the user is told', async () => {
    const ctx = testContext();
    writeFileSync(join(ctx.dataDir, 'profiles.json'), '{ not json');
    const { router } = testServices(ctx);
    expect(await router.dispatch('connections:list', {})).toEqual({ ok: true, result: [] });
    expect(readdirSync(ctx.dataDir).some((f) => f.startsWith('profiles.json.corrupt-'))).toBe(true);
    expect(
      ctx.notices
        .all()
        .map((n) => n.message)
        .join(),
    ).toMatch(/Connection profiles were unreadable/);
    expect(await router.dispatch('connections:create', { profile: ss })).toMatchObject({ ok: true });
    expect(existsSync(join(ctx.dataDir, 'profiles.json'))).toBe(true);
  });

  it('profiles survive a restart (a new router on the same folder)', async () => {
    const { ctx, call } = rig();
    await call('connections:create', { profile: ss });
    const { router: again } = testServices({ ...ctx });
    expect(await again.dispatch('connections:list', {})).toMatchObject({ ok: true, result: [{ name: 'Prod SS', hasPassword: true }] });
  });
});
