import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../../main/cli/command';
import { runCli } from '../../../main/cli/index';
import { tempDir, waitFor } from '../../unit/logs/temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

function io() {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (stop = r));
  const cli: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, stopped: () => stopped };
  return { cli, out, err, stop };
}

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
});
