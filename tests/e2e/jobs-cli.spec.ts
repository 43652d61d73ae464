import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

// A job cut off by SIGKILL (a real child process of the built command line) is listed as
// interrupted at the next start and resumes to the same end state; Ctrl+C cancels it cleanly
// and leaves it resumable. The search is long enough (~270 MB, a back-reference pattern the
// literal prefilter cannot shortcut) that the kill lands after its first recorded point.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'bin/engine-console.mjs');
const PATTERN = String.raw`user=svc(\d+) secretId=\1\b`;

let dir: string;
let log: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ec-jobs-cli-'));
  log = join(dir, 'big.log');
  const fd = openSync(log, 'w');
  let batch: string[] = [];
  for (let i = 0; i < 3_000_000; i += 1) {
    const mm = String(i % 60).padStart(2, '0');
    batch.push(`2026-12-02 10:${mm}:00.000 +00:00 [INF] request ${i} user=svc${i % 977} secretId=${i % 1013} took ${i % 500} ms`);
    if (batch.length === 100_000) {
      writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  closeSync(fd);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (data: string) => ({ ...process.env, ENGINE_CONSOLE_DATA_DIR: data });

function cli(data: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: env(data), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts a search in a child process and resolves once its journal holds a point inside the file. */
async function startAndWaitForPoint(data: string) {
  const child = spawn(process.execPath, [CLI, 'logs', 'search', log, PATTERN, '--regex', '--json'], {
    cwd: ROOT,
    env: env(data),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await expect
    .poll(
      () => {
        const jobs = join(data, 'jobs');
        if (!existsSync(jobs)) return 'no jobs folder';
        const journal = readdirSync(jobs)
          .map((id) => join(jobs, id, 'journal.jsonl'))
          .find(existsSync);
        const text = journal ? readFileSync(journal, 'utf8') : '';
        if (text.includes('"t":"end"')) return 'ended before it could be cut off';
        return text.includes('"t":"checkpoint"') && text.includes('"at":{"offset"') ? 'point' : 'waiting';
      },
      { timeout: 60_000, intervals: [20] },
    )
    .toBe('point');
  return { child, exited, stderr: () => stderr };
}

type Snapshot = {
  id: string;
  state: string;
  resumable: boolean;
  result?: unknown;
  log: string[];
  progress?: { data?: { hits: { line: number }[] } };
};

test('a search job killed with SIGKILL is interrupted at the next start and resumes to the same end state', async () => {
  test.setTimeout(240_000);
  const whole = cli(join(dir, 'whole'), ['logs', 'search', log, PATTERN, '--regex', '--json']);
  expect(whole.code).toBe(0);
  const expected = JSON.parse(whole.out) as { matches: number; scannedBytes: number; truncated: boolean; hits: { line: number }[] };
  expect(expected.matches).toBeGreaterThan(1000);

  const data = join(dir, 'killed');
  const run = await startAndWaitForPoint(data);
  run.child.kill('SIGKILL');
  expect(await run.exited).toBeNull();

  const listed = cli(data, ['jobs', 'list', '--json']);
  expect(listed.code).toBe(0);
  const [job] = listed.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Snapshot);
  expect(job).toMatchObject({ state: 'interrupted', resumable: true });

  const resumed = cli(data, ['jobs', 'resume', job!.id, '--json']);
  expect(resumed.code, resumed.err).toBe(0);
  expect(resumed.err).toContain('resumed');
  const after = JSON.parse(resumed.out.trim().split('\n').at(-1)!) as Snapshot;
  expect(after).toMatchObject({
    state: 'succeeded',
    result: { matches: expected.matches, scannedBytes: expected.scannedBytes, truncated: false },
  });
  expect(after.progress?.data?.hits.map((h) => h.line)).toEqual(expected.hits.map((h) => h.line));
  // It went on from the recorded point, not from the start of the file.
  expect(after.log.join('\n')).toMatch(/Resumed after 0 of 1 file\(s\) and part of the next/);
});

test('Ctrl+C cancels a search job cleanly (exit 130) and leaves it resumable', async () => {
  test.setTimeout(240_000);
  const data = join(dir, 'interrupted');
  const run = await startAndWaitForPoint(data);
  run.child.kill('SIGINT');
  expect(await run.exited).toBe(130);
  expect(run.stderr()).toMatch(/Cancelled\. Continue it with: engine-console jobs resume logs-search-/);
  const [job] = cli(data, ['jobs', 'list', '--json'])
    .out.trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Snapshot);
  expect(job).toMatchObject({ state: 'cancelled', resumable: true });
  const resumed = cli(data, ['jobs', 'resume', job!.id, '--json']);
  expect(resumed.code, resumed.err).toBe(0);
  expect(JSON.parse(resumed.out.trim().split('\n').at(-1)!)).toMatchObject({ state: 'succeeded' });
});
