import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Records the order of the file-system calls of one atomic write (fsync must come before rename).
const calls: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const rec =
    <A extends unknown[], R>(name: string, fn: (...a: A) => R) =>
    (...a: A): R => {
      calls.push(name);
      return fn(...a);
    };
  return {
    ...fs,
    fsyncSync: rec('fsync', fs.fsyncSync),
    renameSync: rec('rename', fs.renameSync),
    writeSync: rec('write', fs.writeSync),
    writeFileSync: rec('writeFile', fs.writeFileSync),
  };
});

const { writeJsonFileAtomic } = await import('../../../main/shared/json-file');
const { prepareDataDir } = await import('../../../main/settings/data-dir');
const { createHeadlessContext } = await import('../../../main/app/headless');
const { testRouter } = await import('./helpers');

const tmp = () => mkdtempSync(join(tmpdir(), 'ec-hygiene-'));
const posix = process.platform !== 'win32';

afterEach(() => void calls.splice(0));

describe('file hygiene (issue 8 item 17)', () => {
  it('flushes a JSON write to disk before the rename makes it the file', () => {
    const file = join(tmp(), 'profiles.json');
    writeJsonFileAtomic(file, { a: 1 });
    const rename = calls.indexOf('rename');
    expect(rename).toBeGreaterThan(0);
    expect(calls.slice(0, rename)).toContain('fsync');
    expect(calls.slice(0, rename)).not.toContain('writeFile');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 });
    expect(readdirSync(join(file, '..'))).toEqual(['profiles.json']);
  });

  it.runIf(posix)('creates the data folder readable by its owner only, and narrows one left open by older versions', async () => {
    const dir = join(tmp(), 'nested', 'data');
    await createHeadlessContext({ demo: true, env: { ENGINE_CONSOLE_DATA_DIR: dir } });
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const open = tmp();
    chmodSync(open, 0o755);
    const ctx = await createHeadlessContext({ demo: true, env: { ENGINE_CONSOLE_DATA_DIR: open } });
    expect(statSync(open).mode & 0o777).toBe(0o700);
    expect(ctx.notices.all().map((n) => n.message)).toContainEqual(expect.stringContaining('readable by you only'));
  });

  it('removes temporary files of writes whose process is gone, and keeps a live writer’s', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'profiles.json.4000001.tmp'), '{"half":');
    writeFileSync(join(dir, 'credentials.enc.json.4000002.tmp'), '');
    writeFileSync(join(dir, 'settings.json.4000003.tmp'), '{}');
    writeFileSync(join(dir, 'notes.tmp'), 'not ours');
    const out = prepareDataDir(dir, (pid) => pid === 4000003);
    expect([...out.removedTemp].sort()).toEqual(['credentials.enc.json.4000002.tmp', 'profiles.json.4000001.tmp']);
    expect(readdirSync(dir).sort()).toEqual(['notes.tmp', 'settings.json.4000003.tmp']);
  });

  it('the headless start cleans leftovers with the real process check', async () => {
    const dir = tmp();
    // Far above any pid_max, so no process can hold it.
    writeFileSync(join(dir, 'fleet-state.json.2147483600.tmp'), '{');
    await createHeadlessContext({ demo: true, env: { ENGINE_CONSOLE_DATA_DIR: dir } });
    expect(existsSync(join(dir, 'fleet-state.json.2147483600.tmp'))).toBe(false);
  });

  it('bounds notice ids in app:dismissNotice', async () => {
    const { router } = testRouter();
    expect(await router.dispatch('app:dismissNotice', { id: 'x'.repeat(100_000) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'id' } },
    });
    expect(await router.dispatch('app:dismissNotice', { id: 'x'.repeat(100) })).toMatchObject({ ok: true });
  });
});
