import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract';
import { JobManager, type JobContext } from '../../../main/jobs';
import { applyPlan, fingerprint, jobPlanJournal, planView, UNLIMITED, type Plan } from '../../../main/plans';

const plan: Plan<{ value: string }> = {
  id: 'plan-1',
  createdAt: '2026-12-02T10:00:00Z',
  changes: [
    { key: 's:1', action: 'create', target: 'app/db', after: 'fp:aaaa', payload: { value: 'one' } },
    { key: 's:2', action: 'update', target: 'app/api', before: 'fp:bbbb', after: 'fp:cccc', payload: { value: 'two' } },
    { key: 's:3', action: 'create', target: 'app/web', payload: { value: 'three' } },
    { key: 's:4', action: 'unchanged', target: 'app/old', payload: { value: '' } },
    { key: 's:5', action: 'blocked', target: 'app/big', reason: 'over 64 KB', payload: { value: '' } },
  ],
};
const all = new Set(['s:1', 's:2', 's:3']);

/** A job context whose checkpoints persist across "runs" in memory. */
function fakeJob() {
  const saved: unknown[] = [];
  return {
    saved,
    ctx: () => ({ checkpoints: [...saved], checkpoint: (d: unknown) => void saved.push(d) }),
  };
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ec-plans-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('applyPlan', () => {
  it('applies exactly the confirmed changes, through the limiter, recording each', async () => {
    const written: string[] = [];
    let acquired = 0;
    const job = fakeJob();
    const summary = await applyPlan(
      plan,
      async (c) => void written.push(c.key),
      jobPlanJournal(job.ctx()),
      { acquire: async () => void (acquired += 1) },
      { confirmed: new Set(['s:1', 's:3']), signal: new AbortController().signal },
    );
    expect(written).toEqual(['s:1', 's:3']);
    expect(acquired).toBe(2);
    expect(summary).toMatchObject({ applied: 2, failed: 0, doneBefore: 0 });
    expect(job.saved).toHaveLength(2);
  });

  it('applying a plan twice performs each change once', async () => {
    const count = new Map<string, number>();
    const exec = async (c: { key: string }) => void count.set(c.key, (count.get(c.key) ?? 0) + 1);
    const job = fakeJob();
    const signal = new AbortController().signal;
    await applyPlan(plan, exec, jobPlanJournal(job.ctx()), UNLIMITED, { confirmed: all, signal });
    const again = await applyPlan(plan, exec, jobPlanJournal(job.ctx()), UNLIMITED, { confirmed: all, signal });
    expect([...count.values()]).toEqual([1, 1, 1]);
    expect(again).toMatchObject({ applied: 0, doneBefore: 3 });
  });

  it('a failed change is recorded as failed and tried again on the next run; applied ones are not', async () => {
    const count = new Map<string, number>();
    let failS2 = true;
    const exec = async (c: { key: string }) => {
      count.set(c.key, (count.get(c.key) ?? 0) + 1);
      if (c.key === 's:2' && failS2) throw new ContractError('THROTTLED', 'Rate exceeded', { retryable: true });
    };
    const job = fakeJob();
    const signal = new AbortController().signal;
    const first = await applyPlan(plan, exec, jobPlanJournal(job.ctx()), UNLIMITED, { confirmed: all, signal });
    expect(first).toMatchObject({ applied: 2, failed: 1 });
    expect(first.results[1]).toMatchObject({ status: 'failed', error: { code: 'THROTTLED', retryable: true } });
    failS2 = false;
    const second = await applyPlan(plan, exec, jobPlanJournal(job.ctx()), UNLIMITED, { confirmed: all, signal });
    expect(second).toMatchObject({ applied: 1, failed: 0, doneBefore: 2 });
    expect(Object.fromEntries(count)).toEqual({ 's:1': 1, 's:2': 2, 's:3': 1 });
  });

  it('refuses to apply an unchanged, blocked or unknown change, before writing anything', async () => {
    const written: string[] = [];
    const opts = (keys: string[]) => ({ confirmed: new Set(keys), signal: new AbortController().signal });
    const exec = async (c: { key: string }) => void written.push(c.key);
    await expect(applyPlan(plan, exec, jobPlanJournal(fakeJob().ctx()), UNLIMITED, opts(['s:1', 's:5']))).rejects.toThrow(
      /"app\/big" is blocked in the plan and cannot be applied: over 64 KB/,
    );
    await expect(applyPlan(plan, exec, jobPlanJournal(fakeJob().ctx()), UNLIMITED, opts(['s:4']))).rejects.toThrow(/unchanged/);
    await expect(applyPlan(plan, exec, jobPlanJournal(fakeJob().ctx()), UNLIMITED, opts(['s:9']))).rejects.toThrow(/no change "s:9"/);
    expect(written).toEqual([]);
  });

  it('a job cut off mid-apply resumes and applies each change exactly once in all', async () => {
    const count = new Map<string, number>();
    let stall: Promise<void> | null = new Promise<void>(() => undefined);
    const exec = async (c: { key: string }) => {
      if (c.key === 's:2' && stall) await stall; // the process "dies" while writing s:2
      count.set(c.key, (count.get(c.key) ?? 0) + 1);
    };
    const run = (job: JobContext) => applyPlan(plan, exec, jobPlanJournal(job), UNLIMITED, { confirmed: all, signal: job.signal });
    const first = new JobManager({ dataDir: dir, emit: () => undefined });
    first.define('apply', { persist: true });
    void first.start('apply', {}, run, { id: 'apply-1' });
    await new Promise((r) => setTimeout(r, 30));
    stall = null;
    const next = new JobManager({ dataDir: dir, emit: () => undefined });
    next.define('apply', { persist: true, resume: (_input, ctx) => run(ctx) });
    next.open();
    expect(next.get('apply-1').state).toBe('interrupted');
    expect(await next.resume('apply-1').done).toMatchObject({ ok: true, result: { applied: 2, doneBefore: 1 } });
    expect(Object.fromEntries(count)).toEqual({ 's:1': 1, 's:2': 1, 's:3': 1 });
  });

  it('shows the admin the changes without payloads, with keyed fingerprints that never reveal the value', () => {
    expect(planView(plan)[1]).toEqual({ key: 's:2', action: 'update', target: 'app/api', before: 'fp:bbbb', after: 'fp:cccc' });
    expect(JSON.stringify(planView(plan))).not.toContain('two');
    const key = Buffer.alloc(32, 7);
    expect(fingerprint('hunter2', key)).toMatch(/^fp:[0-9a-f]{8}$/);
    expect(fingerprint('hunter2', key)).toBe(fingerprint('hunter2', key));
    expect(fingerprint('hunter2', key)).not.toBe(fingerprint('hunter2', Buffer.alloc(32, 8)));
    expect(fingerprint('hunter2', key)).not.toBe(fingerprint('hunter3', key));
  });
});
