import { ContractError } from '../../contract';
import type { RunDetail } from '../../contract/channels/activity';
import type { SecretServerClient } from '../secret-server';
import { findRun, getRunActivity } from '../secret-server';
import type { PagingOfSecretAuditModel } from '../secret-server';
import { errorMessage } from '../shared/errors';
import { redact } from '../shared/redact';
import type { ActivityCatalog } from './catalog';
import { classifyRun } from './causes';
import { epochOf, isoOf } from './run-order';
import { toRows, toTasks } from './rows';

/**
 * Where a secret opens in Secret Server's web UI. The Angular UI of 10.x/11.x routes secrets as
 * `app/#/secrets/<id>/general` (INFERRED from the product's address bar; no public doc lists it).
 */
export function secretLink(baseUrl: string, secretId: number): string {
  return `${baseUrl.replace(/\/+$/, '')}/app/#/secrets/${secretId}/general`;
}

/**
 * One run in full: the record, its tasks with notes, the secret (link, last password change
 * from its audit), the Run Site and its engines now, and the cause the notes show. The parts
 * besides the run itself are best effort: each says why when it could not be read.
 */
export async function runDetail(
  c: SecretServerClient,
  baseUrl: string,
  catalog: ActivityCatalog,
  ref: { runId: string; pipelineId?: number },
  signal?: AbortSignal,
): Promise<Omit<RunDetail, 'profile' | 'fetchedAt'>> {
  const record = await findRun(c, ref.runId, ref.pipelineId, signal);
  if (!record)
    throw new ContractError('NOT_FOUND', `No pipeline run ${ref.runId} in Secret Server (activity is kept 90 days).`, {
      details: { field: 'runId' },
    });
  const [row] = await toRows([record], catalog, signal);
  if (!row) throw new Error('unreachable: one record gives one row');
  const activity = record.eventPipelineId != null ? await getRunActivity(c, record.eventPipelineId, ref.runId, signal) : [];
  const tasks = toTasks(activity);
  const [audit, site] = await Promise.all([
    lastPasswordChange(c, row.secret.id, epochOf(row.eventTime), signal),
    row.site
      ? catalog
          .site(row.site.id, signal)
          .then((s) => ({ site: s }))
          .catch((err: unknown) => ({ site: null, message: `The site's engines could not be read: ${errorMessage(err)}` }))
      : Promise.resolve({
          site: null,
          message: "The pipeline's Run Site is not known (no Run Script task, or the pipeline could not be read).",
        }),
  ]);
  return {
    run: row,
    tasks,
    secret: {
      id: row.secret.id,
      name: row.secret.name,
      url: secretLink(baseUrl, row.secret.id),
      lastPasswordChange: audit.change,
      ...(audit.message ? { auditMessage: audit.message } : {}),
    },
    site: site.site,
    ...('message' in site && site.message ? { siteMessage: redact(site.message) } : {}),
    cause: classifyRun({ status: row.status, tasks, engines: site.site?.engines ?? null }),
  };
}

/** The newest password change in a secret's audit at or before `at` (plus a minute of clock slack). */
async function lastPasswordChange(
  c: SecretServerClient,
  secretId: number,
  at: number | null,
  signal?: AbortSignal,
): Promise<{ change: RunDetail['secret']['lastPasswordChange']; message?: string }> {
  try {
    const page = await c.call<PagingOfSecretAuditModel>('GET', `/api/v1/secrets/${secretId}/audits`, {
      query: {
        'filter.includePasswordChangeLog': true,
        'sortBy[0].name': 'dateRecorded',
        'sortBy[0].direction': 'desc',
        take: 100,
      },
      signal,
    });
    const limit = (at ?? Date.now()) + 60_000;
    const hit = (page.records ?? []).find(
      (a) => /password/i.test(`${a.action ?? ''} ${a.actionForDisplay ?? ''}`) && (epochOf(a.dateRecorded) ?? 0) <= limit,
    );
    if (!hit) return { change: null, message: 'The audit shows no password change before this run (in its newest 100 entries).' };
    return {
      change: {
        at: isoOf(hit.dateRecorded) ?? '',
        by: hit.byUserDisplayName || hit.username || '',
        notes: redact(hit.notes ?? ''),
      },
    };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { change: null, message: redact(`The secret's audit could not be read: ${errorMessage(err)}`) };
  }
}
