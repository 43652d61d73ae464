import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../support/cli-io';
import { runCli } from '../../../main/cli/index';
import { tempDir, waitFor } from '../../unit/logs/temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

const io = (env: NodeJS.ProcessEnv = {}) => captureIo(env);

const l4n = (level: string, msg: string) =>
  `2016-03-08 15:15:02,123 (null) [12] ${level.padEnd(5)} Thycotic.DistributedEngine.Service.X - ${msg}\n`;

describe('engine-console logs tail', () => {
  it('prints the newest matching entries, follows until stopped, and filters by level and regex', async () => {
    const path = join(t.dir, 'SSDE.log');
    writeFileSync(
      path,
      l4n('INFO', 'Engine is starting') + l4n('WARN', 'Could not configure, trying in 30 seconds') + l4n('ERROR', 'Bus Broken Down Error'),
    );
    const x = io();
    const run = runCli(['logs', 'tail', t.dir, '--level', 'warn', '--grep', 'configure|secret'], x.cli);
    await waitFor(() => (x.err.some((l) => l.startsWith('Following')) ? true : undefined));
    expect(x.out).toEqual([expect.stringContaining('Could not configure')]);
    appendFileSync(path, l4n('ERROR', 'secret 42 failed') + l4n('INFO', 'secret 43 ok'));
    await waitFor(() => (x.out.length >= 2 ? true : undefined));
    x.stop();
    expect(await run).toBe(0);
    expect(x.out[1]).toContain('secret 42 failed');
    expect(x.out.join('\n')).not.toContain('secret 43');
  });

  it('explains usage mistakes and prints help', async () => {
    const bad = io();
    expect(await runCli(['logs', 'tail', t.dir, '--level', 'loud'], bad.cli)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--level must be one of/);
    const re = io();
    expect(await runCli(['logs', 'tail', t.dir, '--grep', '('], re.cli)).toBe(2);
    const help = io();
    expect(await runCli(['logs', '--help'], help.cli)).toBe(0);
    expect(help.out.join('\n')).toContain('Usage: engine-console logs tail <path>');
    const missing = io();
    expect(await runCli(['logs', 'tail', join(t.dir, 'nope.log')], missing.cli)).toBe(1);
    expect(missing.err.join('\n')).toContain('nope.log');
  });

  describe('--cache NAME', () => {
    const stamp = { createdAt: '2025-01-31T00:00:00.000Z', updatedAt: '2025-01-31T00:00:00.000Z' };
    // A data folder as the console leaves it: profiles.json only (the credential store is not needed).
    function dataDir(logs: string): NodeJS.ProcessEnv {
      const data = join(t.dir, 'data');
      mkdirSync(data, { recursive: true });
      const cache = (id: string, name: string, extra: object = {}) => ({
        id,
        kind: 'credentials-cache',
        name,
        url: 'https://cc.example',
        ...stamp,
        ...extra,
      });
      const profiles = [
        { id: 'ss', kind: 'secret-server', name: 'Main SS', baseUrl: 'https://ss.example', username: 'u', ...stamp },
        cache('hq', 'Engine host HQ', { logPath: logs }),
        cache('br', 'Engine host Branch'),
      ];
      writeFileSync(join(data, 'profiles.json'), JSON.stringify({ version: 1, profiles }));
      return { ENGINE_CONSOLE_DATA_DIR: data };
    }
    const serilog = (level: string, msg: string) => `2025-01-31 14:02:11.123 +00:00 [${level}] ${msg}\n`;

    it('tails the log source of the named profile, ignoring case, through appsettings.json too', async () => {
      const logs = join(t.dir, 'Logs');
      mkdirSync(logs);
      writeFileSync(join(logs, 'credcache-20250131.log'), serilog('INF', 'Cache started') + serilog('WRN', 'Token refresh slow'));
      const install = join(t.dir, 'install');
      mkdirSync(install);
      // The profile may name the install folder's appsettings.json; LogPath is read from it.
      writeFileSync(
        join(install, 'appsettings.json'),
        `{ // comments allowed\n "EnableLogging": true, "LogPath": ${JSON.stringify(logs)} }`,
      );
      for (const logPath of [logs, join(install, 'appsettings.json')]) {
        const x = io(dataDir(logPath));
        expect(await runCli(['logs', 'tail', '--cache', 'engine HOST hq', '--level', 'warn', '--no-follow'], x.cli)).toBe(0);
        expect(x.out).toEqual([expect.stringContaining('Token refresh slow')]);
      }
    });

    it('names the known profiles, says how to set a missing log source, and refuses a path with --cache', async () => {
      const env = dataDir(t.dir);
      const unknown = io(env);
      expect(await runCli(['logs', 'tail', '--cache', 'Nope', '--no-follow'], unknown.cli)).toBe(1);
      expect(unknown.err.join('\n')).toContain('No Credentials Cache profile named "Nope". Known: "Engine host HQ", "Engine host Branch".');
      const noLog = io(env);
      expect(await runCli(['logs', 'tail', '--cache', 'engine host branch', '--no-follow'], noLog.cli)).toBe(1);
      expect(noLog.err.join('\n')).toMatch(
        /"Engine host Branch" has no log source\. Set its "Log folder \(LogPath\)" on the Connections screen/,
      );
      const both = io(env);
      expect(await runCli(['logs', 'tail', t.dir, '--cache', 'Engine host HQ'], both.cli)).toBe(2);
      expect(both.err.join('\n')).toContain('either <path> or --cache NAME, not both');
      const none = io(env);
      expect(await runCli(['logs', 'tail'], none.cli)).toBe(2);
      const empty = io({ ENGINE_CONSOLE_DATA_DIR: join(t.dir, 'empty') });
      expect(await runCli(['logs', 'tail', '--cache', 'HQ'], empty.cli)).toBe(1);
      expect(empty.err.join('\n')).toMatch(/there are none in .*empty/);
      const help = io();
      expect(await runCli(['logs', 'tail', '--help'], help.cli)).toBe(0);
      expect(help.out.join('\n')).toContain('engine-console logs tail --cache NAME');
    });
  });
});
