import type { Envelope } from '../../../contract';
import type { Correlation, RunDetail, RunRow, RunsPage } from '../../../contract/channels/activity';

/** A run row as main sends it. */
export function runRow(n: number, over: Partial<RunRow> = {}): RunRow {
  const id = `0f8fad5b-d9cb-469f-a165-${String(70867728950 + n).padStart(12, '0')}`;
  return {
    runId: id,
    status: 'Failed',
    terminal: true,
    pipeline: { id: 2555, name: 'Refresh Credentials Cache - Engine host Branch pipeline' },
    policies: [{ id: 2557, name: 'Refresh Credentials Cache - Engine host Branch' }],
    trigger: 'Secret Password Change',
    triggerDetails: 'Password changed by Administrator',
    eventTime: '2026-12-02T15:08:14.100Z',
    secret: { id: 1000 + n, name: `app-${n}-test` },
    queuedAt: '2026-12-02T15:08:14.100Z',
    startedAt: '2026-12-02T15:08:14.101Z',
    endedAt: '2026-12-02T15:08:14.113Z',
    durationMs: 12,
    site: null,
    engine: null,
    ...over,
  };
}

/** A page of runs. */
export function runsPage(rows: RunRow[], over: Partial<RunsPage> = {}): RunsPage {
  return {
    rows,
    page: 0,
    pageSize: 50,
    total: rows.length,
    totalExact: true,
    hasMore: false,
    strategy: 'Secret Server: runs of every policy, sorted by eventDateTime desc',
    profile: { id: 'ss1', name: 'HQ Secret Server' },
    fetchedAt: new Date().toISOString(),
    ...over,
  };
}

/** The detail of `runRow(1)` with a cache-unreachable cause and two tasks. */
export function runDetail(over: Partial<RunDetail> = {}): RunDetail {
  const run = runRow(1);
  return {
    run,
    tasks: [
      {
        order: 2,
        taskId: 2,
        name: 'Send Email',
        description: 'Tells the owner',
        status: 'Skipped',
        notes: '',
        queuedAt: null,
        startedAt: null,
        endedAt: null,
        durationMs: null,
      },
      {
        order: 1,
        taskId: 1,
        name: 'Run Script',
        description: 'Runs a PowerShell script on a distributed engine site',
        status: 'Failed',
        notes: 'Requesting JWT token...\n❌ Token request failed: Unable to connect to the remote server.',
        queuedAt: run.queuedAt,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        durationMs: 12,
      },
    ],
    secret: {
      id: run.secret.id,
      name: run.secret.name,
      url: 'https://ss.corp.example/SecretServer/app/#/secrets/1001/general',
      lastPasswordChange: { at: '2026-12-02T15:08:14.100Z', by: 'Administrator', notes: 'Password changed' },
    },
    site: {
      id: 3,
      name: 'Branch site',
      engines: [
        {
          id: 9,
          name: 'ENGINE02',
          host: 'engine02.corp.example',
          connection: 'Offline',
          activation: 'Activated',
          onlineNow: false,
          lastConnected: '2026-12-02T14:00:00Z',
        },
      ],
    },
    cause: {
      code: 'cache-unreachable',
      title: 'The Credentials Cache could not be reached from the engine host',
      fix: 'Start the Credentials Cache and check it answers at <Cred Cache URL>/swagger/index.html.',
      evidence: ['❌ Token request failed: Unable to connect to the remote server.'],
    },
    profile: { id: 'ss1', name: 'HQ Secret Server' },
    fetchedAt: new Date().toISOString(),
    ...over,
  };
}

/** A correlation of `runRow(1)`: one source read, one not reachable, one with logging off; two lines. */
export function correlation(over: Partial<Correlation> = {}): Correlation {
  return {
    runId: runRow(1).runId,
    secretId: 1001,
    window: { from: '2026-12-02T15:06:14.100Z', to: '2026-12-02T15:10:14.113Z', minutes: 2 },
    sources: [
      {
        kind: 'cache',
        profileId: 'c1',
        instance: 'Engine host HQ',
        logPath: '/logs/hq',
        status: 'ok',
        message: '2 line(s) near the run in 1 file(s).',
        files: ['/logs/hq/credcache-20261202.log'],
        lines: 2,
        truncated: false,
      },
      {
        kind: 'cache',
        profileId: 'c2',
        instance: 'Engine host Branch',
        logPath: '\\\\engine02\\logs',
        status: 'not-reachable',
        message: 'The folder \\\\engine02\\logs cannot be read from this machine.',
        files: [],
        lines: 0,
        truncated: false,
      },
      {
        kind: 'engine',
        instance: 'Distributed Engine',
        logPath: '/logs/engine',
        status: 'logging-off',
        message: 'appsettings.json says EnableLogging: false.',
        files: [],
        lines: 0,
        truncated: false,
      },
    ],
    lines: [
      {
        instance: 'Engine host HQ',
        kind: 'cache',
        path: '/logs/hq/credcache-20261202.log',
        offset: 125,
        line: 3,
        time: '2026-12-02T15:08:13.925Z',
        level: 'info',
        text: '2026-12-02 15:08:13.925 +00:00 [INF] Token issued for user svc-engine-console',
        match: 'window',
      },
      {
        instance: 'Engine host HQ',
        kind: 'cache',
        path: '/logs/hq/credcache-20261202.log',
        offset: 4096,
        time: '2026-12-02T15:08:14.200Z',
        level: 'error',
        text: '2026-12-02 15:08:14.200 +00:00 [ERR] Refresh failed for secretId=1001',
        match: 'secret-id',
      },
    ],
    cause: runDetail().cause,
    ...over,
  };
}

/** A success envelope. */
export const ok = <T>(result: T): Envelope<unknown> => ({ ok: true, result });
