import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { changeSecretPassword } from '../../../main/secret-server';
import { clientFor } from '../secret-server/helpers';
import { activityRig, type ActivityRig } from './fixture';
import { captureIo } from '../../support/cli-io';

const io = (env: NodeJS.ProcessEnv, stdin?: string) => captureIo(env, stdin !== undefined ? { stdin } : {});

describe('engine-console profiles and runs', () => {
  let rig: ActivityRig;
  let data: string;
  let env: NodeJS.ProcessEnv;
  const cli = async (argv: string[], stdin?: string, extraEnv: NodeJS.ProcessEnv = {}) => {
    const x = io({ ...env, ...extraEnv }, stdin);
    const code = await runCli(argv, x.cli);
    return { code, out: x.out, err: x.err, text: [...x.out, ...x.err].join('\n') };
  };

  beforeAll(async () => {
    rig = await activityRig();
    await rig.caches.branch.close();
    const admin = clientFor(rig.ss);
    for (const key of ['ok', 'stopped'] as const) {
      await changeSecretPassword(admin, rig.secrets[key].id, { comment: 'cli test' });
      await rig.ss.runner.idle();
    }
    data = mkdtempSync(join(tmpdir(), 'ec-cli-activity-'));
    env = { ENGINE_CONSOLE_DATA_DIR: data, ENGINE_CONSOLE_PASSPHRASE: 'cli-test-passphrase' };
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
    rmSync(data, { recursive: true, force: true });
  });

  it('adds profiles with secrets from standard input or the environment, never from the arguments', async () => {
    const seed = rig.ss.seed!;
    const ss = await cli(
      ['profiles', 'add', 'secret-server', '--name', 'Lab SS', '--url', rig.ss.url, '--username', seed.adminUserName, '--password-stdin'],
      `${seed.adminPassword}\n`,
    );
    expect(ss.code).toBe(0);
    expect(
      (
        await cli([
          'profiles',
          'add',
          'credentials-cache',
          '--name',
          'HQ',
          '--url',
          rig.caches.hq.url,
          '--secret-server',
          'lab ss',
          '--log-path',
          rig.caches.hq.settings().LogPath,
          '--site',
          'Default',
        ])
      ).code,
    ).toBe(0);
    const aws = await cli(
      [
        'profiles',
        'add',
        'aws',
        '--name',
        'Lab AWS',
        '--region',
        'us-east-1',
        '--endpoint',
        'https://vpce-0abc.secretsmanager.us-east-1.vpce.amazonaws.com',
        '--access-key-id',
        'AKIAEXAMPLE00000001',
      ],
      undefined,
      { ENGINE_CONSOLE_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-example-key' },
    );
    expect(aws.code).toBe(0);
    const listed = await cli(['profiles', 'list', '--json']);
    const profiles = JSON.parse(listed.out[0]!) as Array<Record<string, unknown>>;
    expect(profiles.map((p) => [p.kind, p.name])).toEqual([
      ['secret-server', 'Lab SS'],
      ['credentials-cache', 'HQ'],
      ['aws', 'Lab AWS'],
    ]);
    expect(profiles[0]).toMatchObject({ hasPassword: true });
    expect(profiles[2]).toMatchObject({
      endpoint: 'https://vpce-0abc.secretsmanager.us-east-1.vpce.amazonaws.com',
      hasSecretAccessKey: true,
    });
    expect(readFileSync(join(data, 'profiles.json'), 'utf8')).not.toContain(seed.adminPassword);
    // A password option does not exist: argv would show it in process lists.
    const refused = await cli([
      'profiles',
      'add',
      'secret-server',
      '--name',
      'X',
      '--url',
      rig.ss.url,
      '--username',
      'u',
      '--password',
      'p',
    ]);
    expect(refused.code).toBe(2);
    expect(
      (await cli(['profiles', 'add', 'aws', '--name', 'Y', '--region', 'us-east-1', '--default-chain', '--password-stdin'], 'x')).code,
    ).toBe(2);
  });

  it('tests a profile, as text or JSON, with a non-zero exit when it fails', async () => {
    const ok = await cli(['profiles', 'test', 'Lab SS', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({ ok: true, kind: 'secret-server' });
    await cli([
      'profiles',
      'add',
      'credentials-cache',
      '--name',
      'Gone',
      '--url',
      'http://127.0.0.1:9/DelineaCredCache',
      '--secret-server',
      'Lab SS',
    ]);
    const gone = await cli(['profiles', 'test', 'Gone']);
    expect(gone.code).toBe(1);
    expect(gone.out.join('\n')).toMatch(/FAIL/);
    expect((await cli(['profiles', 'remove', 'Gone'])).code).toBe(0);
    expect((await cli(['profiles', 'remove', 'Gone'])).text).toMatch(/No profile named "Gone"/);
  });

  it('lists runs with filters as text, JSON and CSV', async () => {
    const failed = await cli(['runs', 'list', '--status', 'failed', '--since', '24h', '--json']);
    expect(failed.code).toBe(0);
    const body = JSON.parse(failed.out[0]!) as { total: number; rows: Array<{ secret: { id: number }; status: string }> };
    expect(body.total).toBe(1);
    expect(body.rows[0]).toMatchObject({ status: 'Failed', secret: { id: rig.secrets.stopped.id } });
    const csv = await cli(['runs', 'list', '--secret', String(rig.secrets.ok.id), '--format', 'csv']);
    expect(csv.out[0]).toMatch(/^runId,status,/);
    expect(csv.out).toHaveLength(2);
    expect(csv.out[1]).toContain(',Success,');
    const byPolicy = await cli(['runs', 'list', '--policy', 'refresh stopped']);
    expect(byPolicy.out).toHaveLength(1);
    expect((await cli(['runs', 'list', '--policy', 'nope'])).code).toBe(2);
    expect((await cli(['runs', 'list', '--since', 'yesterday'])).code).toBe(2);
  });

  it('shows a run with tasks, cause and correlated log lines', async () => {
    const list = JSON.parse((await cli(['runs', 'list', '--status', 'failed', '--json'])).out[0]!) as { rows: Array<{ runId: string }> };
    const shown = await cli(['runs', 'show', list.rows[0]!.runId, '--engine-log', rig.engineLog, '--json']);
    expect(shown.code).toBe(0);
    const body = JSON.parse(shown.out[0]!) as {
      cause: { code: string; title: string; fix: string };
      tasks: unknown[];
      lines: Array<{ instance: string; file: string; text: string }>;
    };
    expect(body.cause.code).toBe('cache-unreachable');
    expect(body.cause.fix).toMatch(/Start the Credentials Cache/);
    expect(body.tasks).toHaveLength(1);
    expect(body.lines.some((l) => l.instance === 'Distributed Engine' && /actively refused/.test(l.text))).toBe(true);
    const text = await cli(['runs', 'show', list.rows[0]!.runId, '--engine-log', rig.engineLog]);
    expect(text.out.join('\n')).toMatch(/Cause: \[cache-unreachable\]/);
  });

  it('asks for --profile when several Secret Server profiles exist, and names the one it cannot reach', async () => {
    await cli(
      ['profiles', 'add', 'secret-server', '--name', 'Old SS', '--url', 'http://127.0.0.1:9/SecretServer', '--username', 'u'],
      undefined,
      {
        ENGINE_CONSOLE_PROFILE_PASSWORD: 'pw',
      },
    );
    const ambiguous = await cli(['runs', 'list']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.text).toMatch(/Several Secret Server profiles exist \("Lab SS", "Old SS"\).*--profile NAME/);
    const down = await cli(['runs', 'list', '--profile', 'Old SS']);
    expect(down.code).toBe(1);
    expect(down.text).toMatch(/Secret Server profile "Old SS"/);
    expect((await cli(['runs', 'list', '--profile', 'lab ss', '--json'])).code).toBe(0);
  });
});
