import type { Correlation, RunCause, RunDetail } from '../../contract/channels/activity';
import { redact } from '../shared/redact';

const ms = (n: number | null): string => (n === null ? '—' : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);
const indent = (text: string, pad: string): string =>
  text
    .split(/\r?\n/)
    .map((l) => `${pad}${l}`)
    .join('\n');

/**
 * The plain-text summary a user pastes into a ticket: run, secret (no value), site and engines,
 * cause and fix, tasks with notes, and the correlated log lines with their sources. Everything
 * passes through `redact`, and nothing here ever held a secret value or token to begin with.
 */
export function diagnosticText(detail: RunDetail, correlation: Correlation | null, generatedAt: string): string {
  const { run } = detail;
  const cause: RunCause | null = correlation?.cause ?? detail.cause;
  const out: string[] = [
    'Engine Console — event pipeline run diagnostic',
    `Generated: ${generatedAt}`,
    `Secret Server profile: ${detail.profile.name}`,
    '',
    `Run: ${run.runId}`,
    `Status: ${run.status}`,
    `Pipeline: ${run.pipeline.name}${run.pipeline.id !== null ? ` (id ${run.pipeline.id})` : ''}`,
    `Policies: ${run.policies.map((p) => `${p.name} (id ${p.id})`).join(', ') || '—'}`,
    `Trigger: ${run.trigger}${run.triggerDetails ? ` — ${run.triggerDetails}` : ''}`,
    `Secret: ${run.secret.name} (id ${run.secret.id}) ${detail.secret.url}`,
    `Last password change: ${
      detail.secret.lastPasswordChange
        ? `${detail.secret.lastPasswordChange.at} by ${detail.secret.lastPasswordChange.by || 'unknown'}`
        : (detail.secret.auditMessage ?? '—')
    }`,
    `Event ${run.eventTime}; queued ${run.queuedAt ?? '—'}; started ${run.startedAt ?? '—'}; ended ${run.endedAt ?? '—'}; duration ${ms(run.durationMs)}`,
    `Site: ${
      detail.site
        ? `${detail.site.name}; engines now: ${
            detail.site.engines.map((e) => `${e.name} (${e.connection}/${e.activation})`).join(', ') || 'none'
          }`
        : (detail.siteMessage ?? '—')
    }`,
    '',
  ];
  if (cause) {
    out.push(`Probable cause: [${cause.code}] ${cause.title}`, `Fix: ${cause.fix}`);
    if (cause.instance) out.push(`Instance: ${cause.instance}`);
    if (cause.evidence.length) out.push('Evidence:', ...cause.evidence.map((e) => `  - ${e}`));
    out.push('');
  } else {
    out.push('Probable cause: none (the run succeeded cleanly or is still going).', '');
  }
  out.push('Tasks:');
  for (const t of detail.tasks) {
    out.push(`  ${t.order}. ${t.name} — ${t.status} (${ms(t.durationMs)})`);
    if (t.notes) out.push(indent(t.notes, '       '));
  }
  if (!detail.tasks.length) out.push('  (no task activity recorded)');
  if (correlation) {
    out.push('', `Log lines from ${correlation.window.from} to ${correlation.window.to} (±${correlation.window.minutes} min):`);
    for (const l of correlation.lines)
      out.push(
        `  [${l.instance}] ${l.time ?? '—'} ${(l.level ?? '').toUpperCase()} ${l.path}${l.line ? `:${l.line}` : ` @${l.offset}`}: ${l.text.split('\n')[0]}`,
      );
    if (!correlation.lines.length) out.push('  (none)');
    out.push('', 'Log sources:');
    for (const s of correlation.sources) out.push(`  ${s.instance}: ${s.status} — ${s.message}`);
  }
  return redact(out.join('\n'));
}
