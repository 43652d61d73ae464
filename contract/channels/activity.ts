import { z } from 'zod';
import { channel, progress, result } from '../define';
import type { LogLevel } from './logs';

/**
 * Status of a run or of one task, exactly as Secret Server reports it (`EventPipelineStatus`).
 * Secret Server has no "Running" or "Queued": those are Processing and Pending/Scheduled.
 */
export type RunStatus = 'Failed' | 'Success' | 'Skipped' | 'Processing' | 'Pending' | 'Scheduled';

/** Every status, in Secret Server's enum order (Failed = 0 … Scheduled = 5). */
export const RUN_STATUSES: readonly RunStatus[] = ['Failed', 'Success', 'Skipped', 'Processing', 'Pending', 'Scheduled'];

/** Statuses of a run that is still going and may change (the table re-reads these in place). */
export const RUN_ACTIVE_STATUSES: readonly RunStatus[] = ['Processing', 'Pending', 'Scheduled'];

/** Columns the runs table can be sorted by (each maps onto a Secret Server sort field). */
export const RUN_SORT_FIELDS = [
  'eventTime',
  'queuedAt',
  'startedAt',
  'endedAt',
  'status',
  'pipeline',
  'trigger',
  'secretId',
  'secretName',
  'duration',
] as const;

/** A column the runs table can be sorted by. */
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

/** Stable codes of a probable cause of a failed (or silently failed) run. */
export const CAUSE_CODES = [
  'cache-unreachable',
  'token-rejected',
  'secretchanged-rejected',
  'tls-trust',
  'script-timeout',
  'engine-offline',
  'confidential-args-blocked',
  'script-error',
  'success-but-cache-not-refreshed',
  'unclassified',
] as const;

/** A probable-cause code (see `CAUSE_CODES`). */
export type CauseCode = (typeof CAUSE_CODES)[number];

/** The probable cause of a run's failure, with the fix in words. */
export interface RunCause {
  /** Stable code, safe to switch on and to match in scripts. */
  readonly code: CauseCode;
  /** One line naming the cause, e.g. "The Credentials Cache could not be reached". */
  readonly title: string;
  /** What to change, in words (may name settings, files, services). */
  readonly fix: string;
  /** The note or log excerpts the rule matched (redacted), so the user sees why. */
  readonly evidence: readonly string[];
  /** Name of the cache instance the cause concerns, when the evidence names one (from correlated lines or the URL). */
  readonly instance?: string;
  /** For `unclassified`: the task notes as they are (redacted), since nothing is guessed. */
  readonly rawNotes?: string;
}

/** One run of an event pipeline, as a row of the runs table. */
export interface RunRow {
  /** `eventPipelinePolicyRunId` (a GUID): the run's id in Secret Server and in this contract. */
  readonly runId: string;
  readonly status: RunStatus;
  /** True for Failed/Success/Skipped: the run will not change any more. */
  readonly terminal: boolean;
  /** The pipeline that ran (`eventPipelineId` is null for runs of deleted pipelines). */
  readonly pipeline: { readonly id: number | null; readonly name: string };
  /**
   * The policies the pipeline belongs to (a pipeline may be shared by several policies; the run
   * record itself does not say which one fired it). Empty when unknown.
   */
  readonly policies: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  /** The trigger's name (`eventName`, e.g. "Secret Password Change"). */
  readonly trigger: string;
  /** Free text Secret Server attaches to the event (`eventDetails`, e.g. "Password changed by …"). */
  readonly triggerDetails: string;
  /** When the event happened (`eventDateTime`, ISO 8601 UTC). */
  readonly eventTime: string;
  /** The secret the event concerns (`itemId`, `itemName`). */
  readonly secret: { readonly id: number; readonly name: string };
  /** ISO 8601 UTC times; null while not reached yet. */
  readonly queuedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** Duration in milliseconds, parsed from Secret Server's TimeSpan text; null when it has none. */
  readonly durationMs: number | null;
  /**
   * The Run Site of the pipeline's Run Script task as configured now (the run record holds no
   * site), or null when the pipeline has no such setting or it could not be read.
   */
  readonly site: { readonly id: number; readonly name: string } | null;
  /**
   * The engine that must have run it when the site has exactly one engine; null otherwise
   * (Secret Server does not record which engine of a site picked up a job).
   */
  readonly engine: string | null;
}

/** The filters of the runs table (also the route `#/activity?…`, the export and the command line). */
export const runFilterSchema = z
  .object({
    /** The Secret Server profile to read; omitted = the only one (an error naming them when there are several). */
    profileId: z.string().min(1).max(100).optional(),
    /** Keep runs with one of these statuses; omitted = every status. */
    statuses: z
      .array(z.enum(['Failed', 'Success', 'Skipped', 'Processing', 'Pending', 'Scheduled']))
      .min(1)
      .max(6)
      .optional(),
    /** Failed runs only (the toggle); combined with `statuses` it keeps Failed only if listed there too. */
    failedOnly: z.boolean().default(false),
    /** Runs of one policy (read server-side through `/event-pipeline-policy/runs`). */
    policyId: z.number().int().positive().max(2_147_483_647).optional(),
    /** Runs of one pipeline (read server-side through `/event-pipeline/runs`). */
    pipelineId: z.number().int().positive().max(2_147_483_647).optional(),
    /** A secret id (digits only: exact id) or a part of a secret name (case-insensitive). */
    secret: z.string().trim().min(1).max(200).optional(),
    /** Events at or after this time (ISO 8601). */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Events before this time (ISO 8601). */
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** Filters as main receives them (defaults applied). */
export type RunFilter = z.output<typeof runFilterSchema>;

const sortSchema = z
  .object({ field: z.enum(RUN_SORT_FIELDS), direction: z.enum(['asc', 'desc']) })
  .strict()
  .default({ field: 'eventTime', direction: 'desc' });

const runRef = z
  .object({
    profileId: z.string().min(1).max(100).optional(),
    /** The run's `eventPipelinePolicyRunId`. */
    runId: z.guid('A run id is a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e'),
    /** The run's pipeline when known (saves a lookup). */
    pipelineId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict();

/** A page of the runs table. */
export interface RunsPage {
  readonly rows: readonly RunRow[];
  /** 0-based page index and size, as asked. */
  readonly page: number;
  readonly pageSize: number;
  /** Rows matching the filters: exact when `totalExact`, else the number seen so far (a lower bound). */
  readonly total: number;
  /**
   * False when a filter Secret Server cannot apply itself (several statuses, a secret name) had
   * to be applied while paging and the count is not complete: show "more" instead of a count.
   */
  readonly totalExact: boolean;
  /** True when a next page exists. */
  readonly hasMore: boolean;
  /** How the page was read, in words (e.g. "status and time range applied by Secret Server's sort order"). */
  readonly strategy: string;
  /** The profile read, and when. */
  readonly profile: { readonly id: string; readonly name: string };
  readonly fetchedAt: string;
}

/** One task of a run, in run order. */
export interface RunTask {
  /** 1-based position (`runOrder`). */
  readonly order: number;
  readonly taskId: number | null;
  readonly name: string;
  readonly description: string;
  readonly status: RunStatus;
  /** The task's notes in full (script output and errors), passwords and tokens redacted. */
  readonly notes: string;
  readonly queuedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
}

/** An engine of the run's site and its state now. */
export interface EngineState {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  /** `connectionStatus`: Online, Offline, Invalid, OldVersion. */
  readonly connection: string;
  /** `activationStatus`: Pending, Activated, Inactive, Deleted. */
  readonly activation: string;
  /** True when Online and Activated. */
  readonly onlineNow: boolean;
  readonly lastConnected: string | null;
}

/** The run detail panel. */
export interface RunDetail {
  readonly run: RunRow;
  readonly tasks: readonly RunTask[];
  readonly secret: {
    readonly id: number;
    readonly name: string;
    /** Link that opens the secret in Secret Server's web UI. */
    readonly url: string;
    /** The newest password change the audit shows at or before the run's event (null when none or unreadable). */
    readonly lastPasswordChange: { readonly at: string; readonly by: string; readonly notes: string } | null;
    /** Why the audit could not be read (e.g. no permission), when it could not. */
    readonly auditMessage?: string;
  };
  /** The run's site (Run Script task setting) and its engines now; null when unknown. */
  readonly site: { readonly id: number; readonly name: string; readonly engines: readonly EngineState[] } | null;
  /** Why site or engines could not be read, when they could not. */
  readonly siteMessage?: string;
  /**
   * Probable cause from the task notes (and the engines' state) alone; null for a run that
   * succeeded cleanly or is still going. `activity:correlate` classifies again with the log lines.
   */
  readonly cause: RunCause | null;
  readonly profile: { readonly id: string; readonly name: string };
  readonly fetchedAt: string;
}

/** One log line found near a run. Open it with `#/logs?path=<path>&offset=<offset>`. */
export interface CorrelatedLine {
  /** The cache instance's profile name, or "Distributed Engine". */
  readonly instance: string;
  readonly kind: 'cache' | 'engine';
  readonly path: string;
  /** Byte offset of the entry in `path`. */
  readonly offset: number;
  /** 1-based line number when the file's line index knows it. */
  readonly line?: number;
  /** The entry's time (ISO 8601 UTC) when its header has one. */
  readonly time: string | null;
  readonly level: LogLevel | null;
  /** The entry's text (first 8 KB of a line at most), credentials redacted. */
  readonly text: string;
  /** Why it was picked: it names the run's secret id, or it is a warning/error or token line in the window. */
  readonly match: 'secret-id' | 'window';
}

/** What correlation found for one log source. */
export interface CorrelationSource {
  readonly kind: 'cache' | 'engine';
  /** The cache profile's id (absent for the engine log). */
  readonly profileId?: string;
  readonly instance: string;
  /** The folder or file read; null when the profile has none. */
  readonly logPath: string | null;
  /**
   * `ok`: files were read; `no-log-path`: the profile has no log folder; `logging-off`:
   * appsettings.json says `EnableLogging: false`; `not-reachable`: the folder or file cannot be
   * read from this machine; `no-files`: the folder holds no log file for the window.
   */
  readonly status: 'ok' | 'no-log-path' | 'logging-off' | 'not-reachable' | 'no-files';
  /** The status in words, naming the key and file to fix. */
  readonly message: string;
  /** Files read for the window. */
  readonly files: readonly string[];
  /** Lines kept from this source. */
  readonly lines: number;
  /** True when more lines matched than were kept. */
  readonly truncated: boolean;
}

/** Progress of `activity:correlate`: the sources finished since the last report (a snapshot holds all so far). */
export interface CorrelateProgressData {
  readonly sources: readonly CorrelationSource[];
}

/** The result of `activity:correlate`. */
export interface Correlation {
  readonly runId: string;
  readonly secretId: number;
  /** The window searched (ISO 8601 UTC): the run's queued..end time widened by ± `windowMinutes`. */
  readonly window: { readonly from: string; readonly to: string; readonly minutes: number };
  readonly sources: readonly CorrelationSource[];
  /** Every kept line, oldest first. */
  readonly lines: readonly CorrelatedLine[];
  /** The cause classified from the task notes and these lines (null for a clean success or a run still going). */
  readonly cause: RunCause | null;
}

/** Result of `activity:export`. */
export interface ExportResult {
  readonly path: string;
  readonly format: 'csv' | 'json';
  readonly rows: number;
  readonly bytes: number;
}

/** Progress of `activity:export`: rows written so far. */
export interface ExportProgressData {
  readonly rows: number;
}

/** Failed runs in a recent window, for the Overview. */
export type ActivitySummary =
  | {
      readonly available: true;
      readonly profile: { readonly id: string; readonly name: string };
      readonly hours: number;
      /** Start of the window (ISO 8601 UTC). */
      readonly since: string;
      /** Failed runs in the window (exact). */
      readonly failed: number;
      /** The newest failed runs (at most 5). */
      readonly newest: readonly RunRow[];
      /** Hash route of the filtered table, e.g. `#/activity?status=Failed&from=…`. */
      readonly link: string;
    }
  | {
      readonly available: false;
      /** Why, in words (no Secret Server profile, several and none chosen, not reachable …). */
      readonly reason: string;
    };

/** One event pipeline policy and its pipelines (names as Secret Server shows them). */
export interface ActivityPolicyOption {
  readonly id: number;
  readonly name: string;
  readonly pipelines: ReadonlyArray<{ readonly id: number; readonly name: string }>;
}

/** Pipeline activity: runs, run detail, log correlation, probable cause, export, Overview summary. */
export const activityChannels = {
  /** A page of runs, newest first by default; paging, sorting and as much filtering as possible by Secret Server. */
  'activity:runs': channel(
    runFilterSchema.extend({
      page: z.number().int().min(0).max(100_000).default(0),
      pageSize: z.number().int().min(1).max(500).default(100),
      sort: sortSchema,
    }),
    result<RunsPage>(),
  ),
  /** One run with its tasks, secret, site and engines, and the probable cause from its notes. */
  'activity:run': channel(runRef, result<RunDetail>()),
  /** Reads a run again from Secret Server (no cached catalogue, site or audit). */
  'activity:recheck': channel(runRef, result<RunDetail>()),
  /** Cache and engine log lines around a run, per source status, and the cause with them. A job. */
  'activity:correlate': channel(
    runRef.extend({
      /** Minutes before the run's queue time and after its end (default 2). */
      windowMinutes: z.number().int().min(1).max(240).default(2),
      /** Cache instances to read; omitted = every Credentials Cache profile. */
      instanceIds: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
      /** The Distributed Engine's log folder or file; omitted = the default folder (the demo's engine log in the demo). */
      engineLogPath: z.string().min(1).max(4096).optional(),
      /** Lines kept per source at most. */
      maxLinesPerSource: z.number().int().min(1).max(5000).default(500),
    }),
    result<Correlation>(),
    { progress: progress<CorrelateProgressData>() },
  ),
  /** Writes the filtered runs as CSV or JSON to a file, page by page. A job (progress, cancel). */
  'activity:export': channel(
    runFilterSchema.extend({
      sort: sortSchema,
      format: z.enum(['csv', 'json']),
      /** Absolute path of the file to write; its extension must match the format (.csv / .json). */
      path: z.string().trim().min(1).max(4096),
      /** Replace an existing file (default: refuse). */
      overwrite: z.boolean().default(false),
    }),
    result<ExportResult>(),
    { progress: progress<ExportProgressData>() },
  ),
  /** Failed runs in the last `hours` (default 24) for the Overview. */
  /** The event pipeline policies and the pipelines in each, for the table's policy and pipeline filters. */
  'activity:policies': channel(
    z.object({ profileId: z.string().min(1).max(100).optional() }).strict(),
    result<readonly ActivityPolicyOption[]>(),
  ),
  'activity:summary': channel(
    z.object({ profileId: z.string().min(1).max(100).optional(), hours: z.number().int().min(1).max(720).default(24) }).strict(),
    result<ActivitySummary>(),
  ),
  /**
   * A plain-text diagnostic summary to copy: run, tasks, cause and (when given) the correlation's
   * lines. No secret values, tokens or passwords.
   */
  'activity:diagnostic': channel(
    runRef.extend({
      windowMinutes: z.number().int().min(1).max(240).default(2),
      /** Include correlated log lines (reads the logs; default true). */
      includeLines: z.boolean().default(true),
      engineLogPath: z.string().min(1).max(4096).optional(),
    }),
    result<{ readonly text: string }>(),
  ),
} as const;
