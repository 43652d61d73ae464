import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../support/cli-io';
import { runCli } from '../../../main/cli/index';
import { startDemo, type DemoEnvironment } from '../../../main/demo/start';

describe('engine-console setup pipeline', () => {
  let demo: DemoEnvironment;
  let data: string;
  let config: string;
  let env: NodeJS.ProcessEnv;
  const cli = async (argv: string[], stdin?: string, terminal?: (q: string) => Promise<string>) => {
    const { cli: io, out, err } = captureIo(env, { ...(stdin !== undefined ? { stdin } : {}), ...(terminal ? { terminal } : {}) });
    const code = await runCli(argv, io);
    return { code, out, err, text: [...out, ...err].join('\n') };
  };

  beforeAll(async () => {
    demo = await startDemo({ fresh: true });
    data = mkdtempSync(join(tmpdir(), 'ec-cli-setup-'));
    env = { ENGINE_CONSOLE_DATA_DIR: data, ENGINE_CONSOLE_PASSPHRASE: 'cli-test-passphrase' };
    const ss = demo.info.secretServer;
    const hq = demo.info.credentialsCache[0]!;
    const add = (args: string[], secret: string) => cli(['profiles', 'add', ...args, '--password-stdin'], `${secret}\n`);
    expect(
      (await add(['secret-server', '--name', 'Admin', '--url', ss.url, '--username', ss.admin.username], ss.admin.password)).code,
    ).toBe(0);
    expect((await add(['secret-server', '--name', 'App', '--url', ss.url, '--username', ss.username], ss.password)).code).toBe(0);
    const cache = await cli([
      'profiles',
      'add',
      'credentials-cache',
      '--name',
      'HQ',
      '--url',
      hq.url,
      '--secret-server',
      'App',
      '--log-path',
      hq.logPath,
    ]);
    expect(cache.code, cache.text).toBe(0);
    config = join(data, 'setup.json');
    writeFileSync(
      config,
      JSON.stringify({
        secretServer: 'Admin',
        applicationAccount: ss.username,
        folder: '\\Shared\\Integrations',
        targetFolders: ['\\Shared\\Applications'],
        site: 'Default',
        credentialsCache: ['HQ'],
        breakInheritance: true,
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
    rmSync(data, { recursive: true, force: true });
  });

  it('documents the config file in --help', async () => {
    const help = await cli(['setup', '--help']);
    expect(help.code).toBe(0);
    for (const field of ['secretServer', 'applicationAccount', 'folder', 'site', 'credentialsCache', '--yes'])
      expect(help.text).toContain(field);
  });

  it('names the field of a bad config file', async () => {
    const bad = join(data, 'bad.json');
    writeFileSync(bad, JSON.stringify({ secretServer: 'Admin', folder: 'x', site: 'Default', credentialsCache: ['HQ'] }));
    const r = await cli(['setup', 'pipeline', 'plan', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/applicationAccount/);
  });

  it('plan changes nothing; apply refuses without --yes or a terminal, asks on one; verify exits 0 only when it passes', async () => {
    const policies = demo.secretServer.state.policies.length;
    const plan = await cli(['setup', 'pipeline', 'plan', '--config', config, '--json']);
    expect(plan.code, plan.text).toBe(0);
    const view = JSON.parse(plan.out.at(-1)!) as { steps: Array<{ id: string; status: string }> };
    expect(view.steps.find((s) => s.id === 'role')?.status).toBe('changes');
    expect(demo.secretServer.state.policies.length).toBe(policies);
    const early = await cli(['setup', 'pipeline', 'verify', '--config', config]);
    expect(early.code).toBe(1);
    const refused = await cli(['setup', 'pipeline', 'apply', '--config', config]);
    expect(refused.code).toBe(2);
    expect(refused.text).toMatch(/--yes/);
    const declined = await cli(['setup', 'pipeline', 'apply', '--config', config], undefined, async () => 'no');
    expect(declined.code).toBe(1);
    expect(demo.secretServer.state.policies.length).toBe(policies);
    const applied = await cli(['setup', 'pipeline', 'apply', '--config', config], undefined, async () => 'yes');
    expect(applied.code, applied.text).toBe(0);
    expect(demo.secretServer.state.policies.length).toBe(policies + 1);
    const verified = await cli(['setup', 'pipeline', 'verify', '--config', config]);
    expect(verified.code, verified.text).toBe(0);
    expect(verified.text).toMatch(/Every Credentials Cache refreshed the canary/);
    const again = await cli(['setup', 'pipeline', 'apply', '--config', config, '--yes']);
    expect(again.code).toBe(0);
    expect(again.text).toMatch(/Nothing to change/);
  }, 120_000);
});
