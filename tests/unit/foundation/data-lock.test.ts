import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/errors';
import { acquireDataLock, DATA_LOCK_FILE } from '../../../main/settings/data-lock';

const tmp = () => mkdtempSync(join(tmpdir(), 'ec-lock-'));

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function conflict(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContractError);
    return err as ContractError;
  }
  throw new Error('expected a CONFLICT');
}

describe('data-folder lock', () => {
  it('writes pid, mode and start time, refuses a second holder naming the first, and frees on release', () => {
    const dir = tmp();
    const lock = acquireDataLock(dir, 'serve');
    const file = join(dir, DATA_LOCK_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, mode: 'serve', startedAt: expect.any(String) });
    // Another live process (this test's parent stands in for it) cannot take it.
    const err = conflict(() => acquireDataLock(dir, 'cli', { pid: process.ppid }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`Engine Console serve (pid ${process.pid}`);
    expect(err.message).toContain(dir);
    expect(err.details).toMatchObject({ pid: process.pid, mode: 'serve' });
    lock.release();
    expect(existsSync(file)).toBe(false);
    const again = acquireDataLock(dir, 'cli', { pid: process.ppid });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.ppid, mode: 'cli' });
    again.release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tmp();
    const pid = deadPid();
    writeFileSync(join(dir, DATA_LOCK_FILE), JSON.stringify({ pid, mode: 'serve', startedAt: '2020-01-01T00:00:00.000Z', host: '' }));
    const lock = acquireDataLock(dir, 'serve');
    expect(JSON.parse(readFileSync(join(dir, DATA_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(existsSync(join(dir, `${DATA_LOCK_FILE}.takeover`))).toBe(false);
    lock.release();
  });

  it('never takes a lock held on another host, and leaves a lock it does not hold in place on release', () => {
    const dir = tmp();
    const file = join(dir, DATA_LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: deadPid(), mode: 'desktop', startedAt: 'x', host: 'other-host' }));
    expect(conflict(() => acquireDataLock(dir, 'serve')).message).toMatch(/Engine Console desktop \(pid \d+ on other-host/);
    expect(existsSync(file)).toBe(true);
  });

  it('an empty lock file is a process still starting, until it is old enough to be a leftover', () => {
    const dir = tmp();
    const file = join(dir, DATA_LOCK_FILE);
    writeFileSync(file, '');
    expect(conflict(() => acquireDataLock(dir, 'serve')).message).toContain('another Engine Console process that is starting');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    acquireDataLock(dir, 'serve').release();
  });

  it('is shared within one process (a command that opens two runtimes), and goes with the last release', () => {
    const dir = tmp();
    const file = join(dir, DATA_LOCK_FILE);
    const a = acquireDataLock(dir, 'cli');
    const b = acquireDataLock(dir, 'cli');
    expect(b.holder).toEqual(a.holder);
    a.release();
    a.release();
    expect(existsSync(file)).toBe(true);
    b.release();
    expect(existsSync(file)).toBe(false);
  });
});
