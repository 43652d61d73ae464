import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../contract/channels/activity';
import { RunsQuery, type RunsPageFetch, type RunsWanted } from '../../../main/activity/runs-query';
import type { RunRecord } from '../../../main/activity/run-order';
import { RunsQuery as SimRunsQuery } from '../../../simulators/secret-server/runs-query';
import type { SimRun } from '../../../simulators/secret-server';

const STATUSES: RunStatus[] = [
  'Success',
  'Success',
  'Failed',
  'Success',
  'Skipped',
  'Success',
  'Processing',
  'Success',
  'Failed',
  'Pending',
];

/** `n` runs over two policies, one a minute, with a deterministic mix of statuses and secrets. */
function makeRuns(n: number): SimRun[] {
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(t0 + i * 60_000).toISOString();
    return {
      eventPipelinePolicyRunId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      eventPipelinePolicyId: i % 3 === 0 ? 20 : 10,
      eventPipelineId: i % 3 === 0 ? 200 : 100,
      name: i % 3 === 0 ? 'B pipeline' : 'A pipeline',
      description: '',
      entityTypeName: 'Secret',
      eventName: 'Secret Password Change',
      eventDetails: '',
      eventDateTime: at,
      itemId: 1000 + (i % 37),
      itemName: `app-${String(i % 37).padStart(3, '0')}-${i % 2 ? 'prod' : 'test'}`,
      queuedDate: at,
      startDate: at,
      endDate: at,
      duration: '00:00:01.0000000',
      status: STATUSES[(i * 7) % STATUSES.length] as RunStatus,
    };
  });
}

/** A fetcher over the simulator's strict listing (no HTTP), keeping the requests it saw. */
function server(runs: SimRun[]) {
  let version = 0;
  const sim = new SimRunsQuery(
    () => runs,
    () => version,
  );
  const calls: string[] = [];
  const fetch: RunsPageFetch = async (scope, sort, skip, take) => {
    const q = new URLSearchParams({ skip: String(skip), take: String(take) });
    sort.forEach((k, i) => {
      q.set(`sortBy[${i}].name`, k.name);
      q.set(`sortBy[${i}].direction`, k.direction);
    });
    if (scope.pipelineId !== undefined) q.set('filter.eventPipelineId', String(scope.pipelineId));
    if (scope.policyId !== undefined) q.set('filter.eventPipelinePolicyId', String(scope.policyId));
    calls.push(q.toString());
    const res = sim.answer(scope.pipelineId !== undefined ? 'pipeline' : 'policy', q);
    if (res?.status !== 200) throw new Error(`simulator said ${res?.status}: ${JSON.stringify(res?.body)}`);
    const body = res.body as { records: RunRecord[]; total: number };
    return { rows: body.records, total: body.total };
  };
  return { fetch, calls, bump: () => version++ };
}

/** The expected rows, computed naively over everything. */
function expected(runs: SimRun[], keep: (r: SimRun) => boolean, cmp: (a: SimRun, b: SimRun) => number): string[] {
  return runs
    .filter(keep)
    .sort(cmp)
    .map((r) => r.eventPipelinePolicyRunId);
}

const newestFirst = (a: SimRun, b: SimRun) => b.eventDateTime.localeCompare(a.eventDateTime);
const ids = (rows: readonly RunRecord[]) => rows.map((r) => r.eventPipelinePolicyRunId);
const byTime = { field: 'eventTime', direction: 'desc' } as const;

describe('RunsQuery against the simulator listing', () => {
  const runs = makeRuns(3000);

  it('pages every run newest first, with an exact total', async () => {
    const s = server(runs);
    const q = new RunsQuery(s.fetch, { window: 50, chunk: 100 });
    const all = expected(runs, () => true, newestFirst);
    const p2 = await q.page({ scope: {} }, byTime, 2, 25);
    expect(ids(p2.rows)).toEqual(all.slice(50, 75));
    expect(p2).toMatchObject({ total: 3000, totalExact: true, hasMore: true });
  });

  it('finds one status as a block of the server order: exact total, every page right, few requests', async () => {
    const s = server(runs);
    const q = new RunsQuery(s.fetch, { window: 50, chunk: 100 });
    const failed = expected(runs, (r) => r.status === 'Failed', newestFirst);
    const wanted: RunsWanted = { scope: {}, statuses: new Set(['Failed']) };
    const first = await q.page(wanted, byTime, 0, 40);
    expect(first.total).toBe(failed.length);
    expect(first.totalExact).toBe(true);
    expect(ids(first.rows)).toEqual(failed.slice(0, 40));
    // log2(3000 / 50) + 1 ≈ 7 probes per boundary.
    expect(first.requests).toBeLessThanOrEqual(20);
    expect(s.calls.every((c) => c.includes('sortBy%5B0%5D.name=status'))).toBe(true);
    const last = await q.page(wanted, byTime, Math.floor(failed.length / 40), 40);
    expect(ids(last.rows)).toEqual(failed.slice(Math.floor(failed.length / 40) * 40));
    expect(last.hasMore).toBe(false);
  });

  it('finds a status in the middle of the order (Skipped) and Scheduled when there is none', async () => {
    const q = new RunsQuery(server(runs).fetch, { window: 64 });
    const skipped = expected(runs, (r) => r.status === 'Skipped', newestFirst);
    expect(ids((await q.page({ scope: {}, statuses: new Set(['Skipped']) }, byTime, 1, 30)).rows)).toEqual(skipped.slice(30, 60));
    const none = await q.page({ scope: {}, statuses: new Set(['Scheduled']) }, byTime, 0, 30);
    expect(none).toMatchObject({ rows: [], total: 0, totalExact: true, hasMore: false });
  });

  it('combines a secret id, a status and a time range into one block', async () => {
    const q = new RunsQuery(server(runs).fetch, { window: 32 });
    const from = Date.parse('2025-01-01T10:00:00Z');
    const to = Date.parse('2025-01-02T10:00:00Z');
    const keep = (r: SimRun) =>
      r.itemId === 1005 && r.status === 'Success' && Date.parse(r.eventDateTime) >= from && Date.parse(r.eventDateTime) < to;
    const want = expected(runs, keep, newestFirst);
    expect(want.length).toBeGreaterThan(3);
    const got = await q.page({ scope: {}, statuses: new Set(['Success']), secretId: 1005, from, to }, byTime, 0, 100);
    expect(ids(got.rows)).toEqual(want);
    expect(got).toMatchObject({ total: want.length, totalExact: true });
    expect(got.strategy).toMatch(/one block/);
  });

  it('reads runs of one policy or one pipeline through their own endpoint filters', async () => {
    const s = server(runs);
    const q = new RunsQuery(s.fetch, { window: 50 });
    const want = expected(runs, (r) => r.eventPipelinePolicyId === 20 && r.status === 'Failed', newestFirst);
    const got = await q.page({ scope: { policyId: 20 }, statuses: new Set(['Failed']) }, byTime, 0, 500);
    expect(ids(got.rows)).toEqual(want);
    expect(s.calls.every((c) => c.includes('filter.eventPipelinePolicyId=20'))).toBe(true);
    const byPipeline = await q.page({ scope: { pipelineId: 100 } }, byTime, 0, 10);
    expect(byPipeline.total).toBe(runs.filter((r) => r.eventPipelineId === 100).length);
  });

  it('checks several statuses and a name part row by row while paging: exact only once the end is reached', async () => {
    const q = new RunsQuery(server(runs).fetch, { window: 50, chunk: 200 });
    const keep = (r: SimRun) => (r.status === 'Failed' || r.status === 'Pending') && r.itemName.includes('prod');
    const want = expected(runs, keep, newestFirst);
    const wanted: RunsWanted = { scope: {}, statuses: new Set(['Failed', 'Pending']), secretName: 'prod' };
    const p0 = await q.page(wanted, byTime, 0, 20);
    expect(ids(p0.rows)).toEqual(want.slice(0, 20));
    expect(p0).toMatchObject({ totalExact: false, hasMore: true });
    const p3 = await q.page(wanted, byTime, 3, 20);
    expect(ids(p3.rows)).toEqual(want.slice(60, 80));
    const lastPage = Math.floor((want.length - 1) / 20);
    const end = await q.page(wanted, byTime, lastPage, 20);
    expect(ids(end.rows)).toEqual(want.slice(lastPage * 20));
    expect(end).toMatchObject({ total: want.length, totalExact: true, hasMore: false });
  });

  it('sorts by another column and still filters a time range (row by row then)', async () => {
    const q = new RunsQuery(server(runs).fetch, { window: 50, chunk: 300 });
    const from = Date.parse('2025-01-02T00:00:00Z');
    const keep = (r: SimRun) => Date.parse(r.eventDateTime) >= from && r.status === 'Failed';
    const cmp = (a: SimRun, b: SimRun) =>
      a.itemName.localeCompare(b.itemName) || newestFirst(a, b) || a.eventPipelinePolicyRunId.localeCompare(b.eventPipelinePolicyRunId);
    const want = expected(runs, keep, cmp);
    const got = await q.page({ scope: {}, statuses: new Set(['Failed']), from }, { field: 'secretName', direction: 'asc' }, 0, 1000);
    expect(ids(got.rows)).toEqual(want);
  });

  it('starts again when a run arrives between two requests', async () => {
    const mine = makeRuns(800);
    const s = server(mine);
    let n = 0;
    const racing: RunsPageFetch = async (...args) => {
      if (++n === 3) {
        mine.push({ ...makeRuns(801)[800]!, status: 'Failed', eventDateTime: '2026-01-01T00:00:00.000Z' });
        s.bump();
      }
      return s.fetch(...args);
    };
    const q = new RunsQuery(racing, { window: 20 });
    const got = await q.page({ scope: {}, statuses: new Set(['Failed']) }, byTime, 0, 10);
    expect(ids(got.rows)).toEqual(expected(mine, (r) => r.status === 'Failed', newestFirst).slice(0, 10));
    expect(got.rows[0]?.eventDateTime).toBe('2026-01-01T00:00:00.000Z');
  });

  it('iterates every match for an export, a chunk at a time', async () => {
    const s = server(runs);
    const q = new RunsQuery(s.fetch, { window: 50, chunk: 250 });
    const got: string[] = [];
    for await (const r of q.all({ scope: {}, statuses: new Set(['Failed', 'Skipped']) }, byTime))
      got.push(r.eventPipelinePolicyRunId ?? '');
    expect(got).toEqual(expected(runs, (r) => r.status === 'Failed' || r.status === 'Skipped', newestFirst));
    expect(Math.max(...s.calls.map((c) => Number(new URLSearchParams(c).get('take'))))).toBeLessThanOrEqual(250);
  });

  it('copes with a server that sorts the status by its label instead of its number', async () => {
    // A stand-in server: same paging, but status compared as text.
    const fetch: RunsPageFetch = async (_scope, sort, skip, take) => {
      const rows = [...runs].sort((a, b) => {
        for (const k of sort) {
          const x = String(a[k.name as keyof SimRun] ?? '');
          const y = String(b[k.name as keyof SimRun] ?? '');
          const c = x < y ? -1 : x > y ? 1 : 0;
          if (c) return k.direction === 'desc' ? -c : c;
        }
        return 0;
      });
      return { rows: rows.slice(skip, skip + take), total: rows.length };
    };
    const q = new RunsQuery(fetch, { window: 40 });
    for (const status of ['Pending', 'Success', 'Skipped'] as RunStatus[]) {
      const got = await q.page({ scope: {}, statuses: new Set([status]) }, byTime, 0, 50);
      expect(ids(got.rows)).toEqual(expected(runs, (r) => r.status === status, newestFirst).slice(0, 50));
      expect(got.totalExact).toBe(true);
    }
  });

  it('falls back to checking rows one by one when the server does not sort by status at all', async () => {
    const s = server(runs);
    // A server that drops the status key (sorts by the other keys only).
    const ignoring: RunsPageFetch = (scope, sort, skip, take) =>
      s.fetch(
        scope,
        sort.filter((k) => k.name !== 'status'),
        skip,
        take,
      );
    const q = new RunsQuery(ignoring, { window: 40, chunk: 200 });
    const got = await q.page({ scope: {}, statuses: new Set(['Skipped']) }, byTime, 1, 25);
    expect(ids(got.rows)).toEqual(expected(runs, (r) => r.status === 'Skipped', newestFirst).slice(25, 50));
    expect(got.strategy).toMatch(/status \(Skipped\) checked row by row/);
  });
});
