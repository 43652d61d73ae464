import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { captureIo } from '../../support/cli-io';

const io = (env: NodeJS.ProcessEnv = {}) => captureIo(env, { stoppedAtOnce: true });

describe('command line', () => {
  it('lists its commands and gives help for each', async () => {
    const t = io();
    expect(await runCli(['--help'], t.cli)).toBe(0);
    expect(t.out.join('\n')).toMatch(/serve/);
    const s = io();
    expect(await runCli(['serve', '--help'], s.cli)).toBe(0);
    expect(s.out.join('\n')).toMatch(/--port N/);
  });

  it('rejects unknown commands and options with exit code 2', async () => {
    const a = io();
    expect(await runCli(['frobnicate'], a.cli)).toBe(2);
    expect(a.err.join()).toMatch(/Unknown command "frobnicate"/);
    const b = io();
    expect(await runCli(['serve', '--bogus'], b.cli)).toBe(2);
    expect(b.err.join()).toMatch(/serve --help/);
    const c = io();
    expect(await runCli(['serve', '--port', '99999'], c.cli)).toBe(2);
    expect(c.err.join()).toMatch(/--port must be/);
  });

  it('serve without a passphrase and without a terminal says what to set', async () => {
    const t = io({ ENGINE_CONSOLE_DATA_DIR: '/tmp/ec-cli-nopass' });
    expect(await runCli(['serve', '--json'], t.cli)).toBe(1);
    expect(t.err.join()).toMatch(/ENGINE_CONSOLE_PASSPHRASE/);
  });

  it('serve --json prints one JSON object with the URL', async () => {
    const t = io({ ENGINE_CONSOLE_DATA_DIR: '/tmp/ec-cli-json', ENGINE_CONSOLE_PASSPHRASE: 'p' });
    expect(await runCli(['serve', '--json'], t.cli)).toBe(0);
    expect(t.out).toHaveLength(1);
    const parsed = JSON.parse(t.out[0]!) as { url: string };
    expect(parsed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{30,}$/);
  });
});
