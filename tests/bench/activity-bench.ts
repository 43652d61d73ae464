/**
 * `npm run bench:activity`: seeds 50,000 runs in the Secret Server simulator and a 100 MB
 * Credentials Cache log folder, then prints the time to the first page of runs, to a status
 * filter and to a run's detail with log correlation, next to the aims. Real HTTP to the
 * simulator, the console's own rate limiter included. Figures, not assertions.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServices } from '../../main/app/services';
import { formatLogLine } from '../../simulators/credentials-cache';
import { startSecretServerSimulator, timeSpan, type SimRunStatus } from '../../simulators/secret-server';
import { testServices } from '../unit/foundation/helpers';

const RUNS = Number(process.env.BENCH_RUNS ?? 50_000);
const LOG_BYTES = Number(process.env.BENCH_LOG_BYTES ?? 100 * 1024 ** 2);
const DAYS = 30;

const statusOf = (i: number): SimRunStatus => (i % 23 === 0 ? 'Failed' : i % 97 === 0 ? 'Skipped' : 'Success');

/**
 * One daily cache log per day of the window, ~LOG_BYTES in all, a line every couple of seconds;
 * each line names the secret of the run happening at that moment, as a busy cache's log would.
 */
function writeLogs(folder: string, start: number): void {
  mkdirSync(folder, { recursive: true });
  const perDay = LOG_BYTES / DAYS;
  const step = 86_400_000 / (perDay / 80);
  const span = DAYS * 86_400_000;
  for (let d = 0; d < DAYS; d++) {
    const dayStart = Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), new Date(start).getUTCDate() + d);
    const fd = openSync(join(folder, `credcache-${new Date(dayStart).toISOString().slice(0, 10).replace(/-/g, '')}.log`), 'w');
    let bytes = 0;
    for (let t = dayStart, i = 0; bytes < perDay && t < dayStart + 86_400_000;) {
      const parts: string[] = [];
      for (let k = 0; k < 5000 && bytes < perDay; k++, i++, t += step) {
        const id = 2000 + (Math.floor(((t - start) / span) * RUNS) % 5000);
        const message = i % 2 ? `SecretChanged received for secretId=${id}` : `Cache updated for secretId=${id}`;
        const line = `${formatLogLine(new Date(t), i % 31 === 0 ? 'WRN' : 'INF', message)}\n`;
        parts.push(line);
        bytes += line.length;
      }
      writeSync(fd, parts.join(''));
    }
    closeSync(fd);
  }
}

/** A pause between steps, as between clicks (BENCH_PAUSE_MS; default none: steps back to back, limiter included). */
const CLICK_PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 0);
const pause = () => new Promise((r) => setTimeout(r, CLICK_PAUSE_MS));

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ec-bench-activity-'));
  const ss = await startSecretServerSimulator();
  try {
    const seed = ss.seed!;
    const st = ss.state;
    const { pipeline } = st.addCredentialsCachePolicy({
      name: 'Bench',
      folderIds: [seed.rootFolderId],
      scriptId: 0,
      connectionSecretId: 0,
      siteId: seed.defaultSiteId,
    });
    const policyId = st.policies[st.policies.length - 1]!.eventPipelinePolicyId;
    const start = Date.now() - DAYS * 86_400_000;
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const at = new Date(start + Math.floor((i / RUNS) * DAYS * 86_400_000)).toISOString();
      const status = statusOf(i);
      const id = randomUUID();
      const notes =
        status === 'Failed'
          ? 'Requesting JWT token...\n❌ Token request failed: Unable to connect to the remote server. No connection could be made because the target machine actively refused it.'
          : 'Success';
      st.runs.push({
        eventPipelinePolicyRunId: id,
        eventPipelinePolicyId: policyId,
        eventPipelineId: pipeline.eventPipelineId,
        name: pipeline.eventPipelineName,
        description: '',
        entityTypeName: 'Secret',
        eventName: 'Secret Password Change',
        eventDetails: 'Password changed by Administrator',
        eventDateTime: at,
        itemId: 2000 + (i % 5000),
        itemName: `app-${i % 5000}`,
        queuedDate: at,
        startDate: at,
        endDate: at,
        duration: timeSpan(1200),
        status,
      });
      st.activity.push({
        eventPipelinePolicyRunId: id,
        eventPipelineId: pipeline.eventPipelineId,
        eventPipelineName: pipeline.eventPipelineName,
        eventPipelineDescription: '',
        eventPipelineTaskId: 1,
        eventPipelineTaskName: 'Run Script',
        eventPipelineTaskDescription: '',
        runOrder: 1,
        status,
        notes,
        eventAction: 'Secret Password Change',
        eventEntityType: 'Secret',
        itemId: 2000 + (i % 5000),
        itemName: `app-${i % 5000}`,
        queuedDateTime: at,
        startDateTime: at,
        endDateTime: at,
        duration: timeSpan(1200),
      });
    }
    st.runsChanged();
    const seeded = performance.now() - t0;
    const logs = join(dir, 'HQ', 'Logs');
    const t1 = performance.now();
    writeLogs(logs, start);
    const wroteLogs = performance.now() - t1;

    const { services } = testServices();
    const ssId = services.connections.create({
      kind: 'secret-server',
      name: 'Bench SS',
      baseUrl: ss.url,
      username: seed.adminUserName,
      password: seed.adminPassword,
    }).id;
    services.connections.create({
      kind: 'credentials-cache',
      name: 'HQ',
      url: 'http://127.0.0.1:9',
      secretServerProfileId: ssId,
      logPath: logs,
    });
    const sort = { field: 'eventTime', direction: 'desc' } as const;
    // Sign in first: the session's token request is not part of the table's time.
    await services.activity.runs({ failedOnly: false, page: 0, pageSize: 1, sort, pipelineId: 999_999 });

    await pause();
    const [first, page] = await timed(() => services.activity.runs({ failedOnly: false, page: 0, pageSize: 100, sort }));
    await pause();
    const [filter, failed] = await timed(() => services.activity.runs({ failedOnly: true, page: 0, pageSize: 100, sort }));
    await pause();
    const [next] = await timed(() => services.activity.runs({ failedOnly: true, page: 1, pageSize: 100, sort }));
    await pause();
    const runId = failed.rows[Math.floor(failed.rows.length / 2)]!.runId;
    const [detail, corr] = await timed(async () => {
      const d = await services.activity.run({ runId });
      return services.activity.correlate(
        { runId, windowMinutes: 2, maxLinesPerSource: 500, engineLogPath: join(dir, 'no-engine-here') },
        undefined,
        undefined,
        d,
      );
    });
    await closeServices(services);

    const row = (label: string, ms: number, aim: number) =>
      console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   aim < ${aim} ms  ${ms < aim ? 'ok' : 'OVER'}`);
    console.log(
      `Seeded ${RUNS.toLocaleString('en')} runs in ${seeded.toFixed(0)} ms; wrote ${(LOG_BYTES / 1024 ** 2).toFixed(0)} MB of cache logs in ${DAYS} daily files in ${wroteLogs.toFixed(0)} ms.`,
    );
    row(`First page (100 of ${page.total.toLocaleString('en')} runs)`, first, 300);
    row(`Status filter: Failed (${failed.total.toLocaleString('en')} runs, exact=${failed.totalExact})`, filter, 300);
    row('Next page of the filter (block reused)', next, 300);
    row(`Open a run with correlation (${corr.lines.length} lines)`, detail, 1000);
    console.log(`Strategy of the filter: ${failed.strategy}`);
    console.log(`Steps ${CLICK_PAUSE_MS} ms apart; requests paced by the console's limiter (20/s per Secret Server profile, burst 20).`);
  } finally {
    await ss.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
